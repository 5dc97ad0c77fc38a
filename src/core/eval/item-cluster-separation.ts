/**
 * How well item embeddings separate a world's planted clusters (docs/pinnerformer.md, "Stronger item
 * embeddings (stop 16)"): for each query item, the share of its k nearest other items (cosine
 * similarity, exact search over every item) that lie in the query's own truth cluster. A diagnostic
 * for the item vectors PinnerFormer takes as input — no model is scored here.
 * `chance` is what k random other items would give for the same queries: (n_c − 1) / (N − 1) for a
 * query in cluster c of n_c items, averaged over the queries.
 */
import { Rng } from '../rng';
import { l2NormalizeRows, topKRow } from './p2-metrics';

export interface ClusterSeparation {
  /** Number of query items. */
  queries: number;
  k: number;
  /** Mean over queries of (neighbours in the query's cluster) / k. */
  sameCluster: number;
  /** The same share for k random other items. */
  chance: number;
}

/** Query items: `n` distinct items drawn uniformly (seeded), or every item when n ≥ the count. */
export function sampleItems(count: number, n: number, seed: number): Uint32Array {
  const all = Uint32Array.from({ length: count }, (_, i) => i);
  if (n >= count) return all;
  const rng = new Rng(seed);
  // partial Fisher–Yates: the first n slots end up a uniform sample without replacement
  for (let i = 0; i < n; i++) {
    const j = i + rng.nextInt(count - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, n);
}

/**
 * Query items weighted by use: the items of `n` events drawn uniformly (seeded, with replacement) from
 * the first `end` events — a popular item is queried as often as it occurs, as in a shopper's history.
 */
export function sampleEventItems(eventItem: ArrayLike<number>, end: number, n: number, seed: number): Uint32Array {
  const out = new Uint32Array(end > 0 ? n : 0);
  const rng = new Rng(seed);
  for (let i = 0; i < out.length; i++) out[i] = eventItem[rng.nextInt(end)];
  return out;
}

/**
 * Share of each query's k nearest items (cosine, the query itself excluded) in the query's cluster.
 * `vectors` is N × dim row-major; a zero row has similarity 0 to everything.
 */
export function clusterSeparation(vectors: Float32Array, dim: number, itemCluster: Uint32Array, queries: ArrayLike<number>, k = 10): ClusterSeparation {
  const n = itemCluster.length;
  if (vectors.length !== n * dim) throw new Error(`vectors hold ${vectors.length / dim} rows, clusters ${n} items`);
  if (n < 2 || queries.length === 0) return { queries: 0, k, sameCluster: 0, chance: 0 };
  const kk = Math.min(k, n - 1);
  // unit rows, so a dot product is the cosine similarity
  const unit = l2NormalizeRows(vectors, dim);
  const size = new Map<number, number>();
  for (const c of itemCluster) size.set(c, (size.get(c) ?? 0) + 1);
  const sim = new Float32Array(n);
  const topItem = new Int32Array(kk);
  const self = new Uint32Array(1);
  let same = 0;
  let chance = 0;
  for (let qi = 0; qi < queries.length; qi++) {
    const q = queries[qi];
    const qo = q * dim;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * dim;
      for (let d = 0; d < dim; d++) s += unit[qo + d] * unit[o + d];
      sim[i] = s;
    }
    // top-k, best first, the query itself skipped (ties keep the lower item index)
    self[0] = q;
    topKRow(sim, 0, n, kk, topItem, self);
    let hit = 0;
    for (let j = 0; j < kk; j++) if (itemCluster[topItem[j]] === itemCluster[q]) hit++;
    same += hit / kk;
    chance += ((size.get(itemCluster[q]) ?? 1) - 1) / (n - 1);
  }
  return { queries: queries.length, k: kk, sameCluster: same / queries.length, chance: chance / queries.length };
}
