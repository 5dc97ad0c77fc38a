/**
 * Non-learned P1 baselines on the same split: popularity (positive train events per item),
 * item–item co-occurrence KNN (cosine over the train graph's shopper sets) and personalised
 * PageRank estimated by the PinSage random walks (model 'ppr': walk visit counts from q).
 */
import { isPositiveEvent, type Dataset } from '../data/types';
import { idMask } from '../graph/entry';
import type { BipartiteGraph, WalkParams } from '../graph/types';
import { clearVisits, walkItem, walkScratch } from '../graph/walks';
import type { P1Scorer } from './p1';

/** Positive train events per item (events [0, trainEnd)). */
export function popularityCounts(ds: Dataset, trainEnd: number): Float32Array {
  const c = new Float32Array(ds.items.length);
  const ev = ds.events;
  for (let e = 0; e < trainEnd; e++) if (isPositiveEvent(ev.action[e], ev.value[e])) c[ev.item[e]]++;
  return c;
}

export function popularityScorer(counts: Float32Array): P1Scorer {
  const n = counts.length;
  return (queries) => {
    const out = new Float32Array(queries.length * n);
    for (let k = 0; k < queries.length; k++) out.set(counts, k * n);
    return out;
  };
}

/** Cosine of binary item–shopper incidence: |S_q ∩ S_j| / sqrt(|S_q| |S_j|). */
export function itemKnnScorer(g: BipartiteGraph): P1Scorer {
  const n = g.nItems;
  const deg = new Float32Array(n);
  for (let i = 0; i < n; i++) deg[i] = g.itemOffsets[i + 1] - g.itemOffsets[i];
  // packed entries: the target id is in the low bits (graph/entry.ts)
  const iMask = idMask(g.itemIdBits);
  const sMask = idMask(g.shopperIdBits);
  return (queries) => {
    const out = new Float32Array(queries.length * n);
    for (let k = 0; k < queries.length; k++) {
      const q = queries[k];
      const off = k * n;
      for (let a = g.itemOffsets[q]; a < g.itemOffsets[q + 1]; a++) {
        const s = g.itemEntries[a] & iMask;
        for (let b = g.shopperOffsets[s]; b < g.shopperOffsets[s + 1]; b++) out[off + (g.shopperEntries[b] & sMask)]++;
      }
      const dq = deg[q];
      for (let j = 0; j < n; j++) if (out[off + j] > 0) out[off + j] /= Math.sqrt(dq * deg[j]);
    }
    return out;
  };
}

/** Walk visit counts from q (a Monte-Carlo personalised PageRank). */
export function pprWalkScorer(g: BipartiteGraph, p: WalkParams): P1Scorer {
  const n = g.nItems;
  const sc = walkScratch(g, p.topT);
  return (queries) => {
    const out = new Float32Array(queries.length * n);
    for (let k = 0; k < queries.length; k++) {
      const r = walkItem(g, queries[k], p, sc);
      for (let t = 0; t < r.touched; t++) {
        const u = sc.touched[t];
        out[k * n + u] = sc.visits[u];
      }
      clearVisits(sc, r.touched);
    }
    return out;
  };
}
