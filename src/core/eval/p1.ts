/**
 * P1 evaluation (PROTOCOLS.md): for each test pair (q, i), the rank of i among every catalogue
 * item except q by the model's score (dot product of L2-normalised embeddings, or a baseline's
 * score); ties are broken by item index (lower first), so equal scores never flatter a model.
 * Recall@10, Recall@50 (micro over pairs) and MRR (mean 1 / rank over the full catalogue).
 */
import type { ItemPairs } from './splits/pairs';

export interface P1Metrics {
  'recall@10': number;
  'recall@50': number;
  mrr: number;
}

export interface P1Result {
  metrics: P1Metrics;
  counts: { test_pairs: number; items: number; queries: number };
}

/** Scores of every item for each query: queries.length × nItems, row-major. */
export type P1Scorer = (queries: Uint32Array) => Float32Array | Promise<Float32Array>;

/** Rank (1-based) of `target` in `scores` over every item but `q`, ties by index. */
export function rankOf(scores: Float32Array, off: number, n: number, q: number, target: number): number {
  const st = scores[off + target];
  let rank = 1;
  for (let j = 0; j < n; j++) {
    if (j === q || j === target) continue;
    const s = scores[off + j];
    if (s > st || (s === st && j < target)) rank++;
  }
  return rank;
}

/** Pairs sorted by q (stable), as parallel arrays. */
function sortedByQuery(p: ItemPairs): ItemPairs {
  let sorted = true;
  for (let k = 1; k < p.q.length; k++) if (p.q[k] < p.q[k - 1]) sorted = false;
  if (sorted) return p;
  const idx = Array.from(p.q.keys()).sort((a, b) => p.q[a] - p.q[b] || a - b);
  return { q: Uint32Array.from(idx, (k) => p.q[k]), i: Uint32Array.from(idx, (k) => p.i[k]) };
}

export async function evaluateP1(pairs: ItemPairs, nItems: number, scorer: P1Scorer, queryChunk = 256): Promise<P1Result> {
  const p = sortedByQuery(pairs);
  const m = p.q.length;
  let hit10 = 0;
  let hit50 = 0;
  let rr = 0;
  let queries = 0;
  let k = 0;
  while (k < m) {
    // one chunk of distinct queries
    const qs: number[] = [];
    const starts: number[] = [];
    let e = k;
    while (e < m && qs.length < queryChunk) {
      qs.push(p.q[e]);
      starts.push(e);
      const q = p.q[e];
      while (e < m && p.q[e] === q) e++;
    }
    starts.push(e);
    const scores = await scorer(Uint32Array.from(qs));
    for (let c = 0; c < qs.length; c++) {
      for (let t = starts[c]; t < starts[c + 1]; t++) {
        const r = rankOf(scores, c * nItems, nItems, qs[c], p.i[t]);
        if (r <= 10) hit10++;
        if (r <= 50) hit50++;
        rr += 1 / r;
      }
    }
    queries += qs.length;
    k = e;
  }
  return {
    metrics: { 'recall@10': m ? hit10 / m : 0, 'recall@50': m ? hit50 / m : 0, mrr: m ? rr / m : 0 },
    counts: { test_pairs: m, items: nItems, queries },
  };
}
