/**
 * P3 baseline `itemknn` (PROTOCOLS.md names): item–item co-occurrence over the P3 **train** pairs
 * only. Each item is the set of items it is paired with in the train pairs of the given relations
 * (both directions, one undirected graph); the score of (q, t) is the cosine of the two sets,
 * |N(q) ∩ N(t)| / sqrt(|N(q)| |N(t)|). Written as role embeddings — every role is the same
 * L2-normalised neighbour indicator row, width = number of items — so it is ranked by the very same
 * P3 code as the encoders. A test pair is never a train pair (the split is of deduplicated pairs),
 * so the baseline wins only by second-order co-occurrence ("bought with what t is bought with"):
 * no test pair leaks in. Meant for catalogues up to a few ten thousand items (N × N floats).
 */
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import type { P3Relation } from './splits/p3-pairs';
import type { P3Split } from './splits/p3-split';

export const P3_ITEMKNN_MAX_ITEMS = 20_000;

export function p3ItemKnnEmbeddings(split: P3Split, nItems: number, relations: readonly P3Relation[]): ItemRoleEmbeddings {
  if (nItems > P3_ITEMKNN_MAX_ITEMS) throw new Error(`itemknn: ${nItems} items is over ${P3_ITEMKNN_MAX_ITEMS} (it stores an items × items matrix)`);
  const n = nItems;
  const m = new Float32Array(n * n);
  for (const r of relations) {
    const p = split.relations[r].train;
    for (let j = 0; j < p.q.length; j++) {
      const a = p.q[j];
      const b = p.i[j];
      if (a === b || a >= n || b >= n) continue;
      m[a * n + b] = 1;
      m[b * n + a] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    const row = m.subarray(i * n, (i + 1) * n);
    let s = 0;
    for (let k = 0; k < n; k++) s += row[k];
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let k = 0; k < n; k++) row[k] *= inv;
    }
  }
  return { dim: n, items: n, viewQuery: m, buyQuery: m, target: m, source: 'itemknn' };
}
