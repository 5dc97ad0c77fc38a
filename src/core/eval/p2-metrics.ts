/**
 * P2 evaluation (PROTOCOLS.md, shopper-to-item). For every eval shopper of a `P2Split` the
 * scorer gives a score to every catalogue item; the evaluation takes
 * - the top 10 over the full catalogue (items seen before t0 stay candidates): `recall@10` =
 *   hits / (shopper, target) pairs, micro over pairs (a repeat purchase in the window counts);
 * - the top 10 over the catalogue minus the shopper's `seen` items, against the targets that are
 *   not in `seen`: `recall@10_new` (discovery; shoppers with no new target add nothing);
 * - `recall@10_ci95`: 95% percentile bootstrap over shoppers (resample the eval shoppers with
 *   replacement, recompute hits / pairs), seeded, so the same seed gives the same interval;
 * - `p90_coverage@10`: the smallest share of the catalogue that receives 90% of all top-10 slots
 *   of the full ranking (items sorted by slot count, descending; 1/n_items resolution).
 * Ranking ties are broken by item index (lower first) and NaN scores rank last, so equal scores
 * never depend on the scorer's internal order. No tfjs here (the page imports it); p2.ts adds
 * the tfjs cosine scorer. Rows are scored in batches sized so that a batch
 * of scores stays under `maxScoreFloats` (memory stays bounded for big catalogues).
 */
import { Rng } from '../rng';
import type { P2Split } from './splits/p2-shopper-to-item';

export const P2_K = 10;

export interface P2Metrics {
  'recall@10': number;
  'recall@10_ci95_lo': number;
  'recall@10_ci95_hi': number;
  'recall@10_new': number;
  'p90_coverage@10': number;
}

export interface P2Counts {
  eval_shoppers: number;
  target_pairs: number;
  new_pairs: number;
  /** Eval shoppers with at least one new target (the ones recall@10_new is over). */
  new_shoppers: number;
  items: number;
}

export interface P2Result {
  metrics: P2Metrics;
  /** [lo, hi] of the 95% bootstrap interval of recall@10 (also in metrics as _lo / _hi). */
  ci95: [number, number];
  counts: P2Counts;
  /** Top-10 slots received by each item (full ranking), for coverage plots. */
  slotCounts: Uint32Array;
  /** Per eval shopper row: hits@10 and targets (for per-shopper views and the bootstrap). */
  hits: Uint32Array;
  hitsNew: Uint32Array;
  /** Per row: the top-10 item indices of the full ranking (rows × 10, -1 where the catalogue is shorter). */
  top: Int32Array | null;
}

/**
 * Scores of every catalogue item for the eval-shopper rows `rows` (indices into split.shoppers):
 * rows.length × nItems, row-major. Higher is better.
 */
export type P2Scorer = (rows: Uint32Array, split: P2Split) => Float32Array | Promise<Float32Array>;

export interface P2Progress {
  done: number;
  total: number;
}

export interface P2EvalOptions {
  /** Bootstrap resamples (default 1000; 0 = no interval). */
  bootstrap?: number;
  /** Seed of the bootstrap (default: split.seed). */
  seed?: number;
  /** Upper bound of floats held in one batch of scores (default 8M = 32 MB). */
  maxScoreFloats?: number;
  /** Rows per scorer call at most (default 1024). */
  batchRows?: number;
  /** Keep every row's top 10 in the result (default false). */
  keepTop?: boolean;
  signal?: AbortSignal;
  onProgress?(p: P2Progress): void;
}

/** Row r of `rows` as a slice. */
function rowOf(rows: { offsets: Uint32Array; values: Uint32Array }, r: number): Uint32Array {
  return rows.values.subarray(rows.offsets[r], rows.offsets[r + 1]);
}

/**
 * Top-k item indices of one score row (best first; ties by lower index; NaN last). `skip`
 * (ascending item indices, optional) are left out. Writes into `out` and returns how many.
 */
export function topKRow(scores: Float32Array, off: number, n: number, k: number, out: Int32Array, skip?: Uint32Array): number {
  let m = 0;
  let si = 0;
  const sk = skip ?? EMPTY;
  // out[0..m) sorted best first; vals in parallel
  const vals = TOP_VALS.length >= k ? TOP_VALS : (TOP_VALS = new Float64Array(k));
  for (let j = 0; j < n; j++) {
    if (si < sk.length && sk[si] === j) {
      si++;
      continue;
    }
    let v: number = scores[off + j];
    if (v !== v) v = -Infinity;
    if (m === k) {
      // strictly better than the worst kept (a tie loses to the lower index already kept)
      if (!(v > vals[k - 1])) continue;
      m--;
    }
    let p = m;
    while (p > 0 && v > vals[p - 1]) {
      vals[p] = vals[p - 1];
      out[p] = out[p - 1];
      p--;
    }
    vals[p] = v;
    out[p] = j;
    m++;
  }
  return m;
}
const EMPTY = new Uint32Array(0);
let TOP_VALS = new Float64Array(P2_K);

/** Is `x` in the ascending array `a`? */
export function sortedHas(a: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === x;
}

/** Smallest share of the catalogue receiving `share` of all slots (items by slot count, descending). */
export function coverageShare(slotCounts: ArrayLike<number>, share = 0.9): number {
  const n = slotCounts.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(slotCounts).sort().reverse();
  let total = 0;
  for (let j = 0; j < n; j++) total += sorted[j];
  if (total === 0) return 0;
  const need = share * total;
  let acc = 0;
  for (let j = 0; j < n; j++) {
    acc += sorted[j];
    // tolerance: share × total is not exact in binary (0.9 × 10 = 9.000000000000002)
    if (acc >= need - 1e-9 * total) return (j + 1) / n;
  }
  return 1;
}

/**
 * Percentile bootstrap over shoppers of Σhits / Σtargets: `resamples` draws of the shoppers with
 * replacement, seeded. Returns [2.5th, 97.5th] percentiles (nearest rank). [NaN, NaN] when empty.
 */
export function bootstrapRecall(hits: ArrayLike<number>, targets: ArrayLike<number>, resamples: number, seed: number): [number, number] {
  return bootstrapRatioOfSums(hits, targets, resamples, `p2-bootstrap:${seed}`);
}

/**
 * The bootstrap behind bootstrapRecall (and the paired difference of p2-paired-bootstrap.ts):
 * Σ num / Σ den over shoppers drawn with replacement by the generator keyed `rngKey`;
 * [2.5th, 97.5th] percentiles (nearest rank), [NaN, NaN] when empty.
 */
export function bootstrapRatioOfSums(num: ArrayLike<number>, den: ArrayLike<number>, resamples: number, rngKey: string): [number, number] {
  const n = den.length;
  if (n === 0 || resamples <= 0) return [NaN, NaN];
  const rng = new Rng(rngKey);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let h = 0;
    let t = 0;
    for (let j = 0; j < n; j++) {
      const s = rng.nextInt(n);
      h += num[s];
      t += den[s];
    }
    stats[b] = t > 0 ? h / t : 0;
  }
  stats.sort();
  const at = (q: number): number => stats[Math.min(resamples - 1, Math.max(0, Math.ceil(q * resamples) - 1))];
  return [at(0.025), at(0.975)];
}

function abortError(): Error {
  const e = new Error('P2 evaluation cancelled');
  e.name = 'AbortError';
  return e;
}

export async function evaluateP2(nItems: number, split: P2Split, scorer: P2Scorer, opts: P2EvalOptions = {}): Promise<P2Result> {
  if (!Number.isInteger(nItems) || nItems < 0) throw new Error(`evaluateP2: nItems must be a non-negative integer, got ${nItems}`);
  const nRows = split.shoppers.length;
  const k = Math.min(P2_K, nItems);
  const maxFloats = opts.maxScoreFloats ?? 8 * 1024 * 1024;
  const batch = Math.max(1, Math.min(opts.batchRows ?? 1024, Math.floor(maxFloats / Math.max(1, nItems))));
  const slotCounts = new Uint32Array(nItems);
  const hits = new Uint32Array(nRows);
  const hitsNew = new Uint32Array(nRows);
  const nTargets = new Uint32Array(nRows);
  const nNew = new Uint32Array(nRows);
  const top = opts.keepTop ? new Int32Array(nRows * P2_K).fill(-1) : null;
  const buf = new Int32Array(P2_K);
  let targetPairs = 0;
  let newPairs = 0;
  let newShoppers = 0;
  let hitSum = 0;
  let hitNewSum = 0;
  for (let a = 0; a < nRows; a += batch) {
    if (opts.signal?.aborted) throw abortError();
    const b = Math.min(nRows, a + batch);
    const rows = new Uint32Array(b - a);
    for (let r = a; r < b; r++) rows[r - a] = r;
    const scores = await scorer(rows, split);
    if (scores.length !== rows.length * nItems) throw new Error(`P2 scorer returned ${scores.length} scores for ${rows.length} rows × ${nItems} items`);
    for (let r = a; r < b; r++) {
      const off = (r - a) * nItems;
      const targets = rowOf(split.targets, r);
      const seen = rowOf(split.seen, r);
      // full ranking
      const m = topKRow(scores, off, nItems, k, buf);
      let h = 0;
      for (let j = 0; j < m; j++) {
        slotCounts[buf[j]]++;
        if (top) top[r * P2_K + j] = buf[j];
      }
      for (const t of targets) {
        for (let j = 0; j < m; j++) if (buf[j] === t) (h++, (j = m));
      }
      // new: seen removed from candidates and targets
      let tn = 0;
      for (const t of targets) if (!sortedHas(seen, t)) tn++;
      let hn = 0;
      if (tn > 0) {
        const mn = topKRow(scores, off, nItems, k, buf, seen);
        for (const t of targets) {
          if (sortedHas(seen, t)) continue;
          for (let j = 0; j < mn; j++) if (buf[j] === t) (hn++, (j = mn));
        }
        newShoppers++;
      }
      hits[r] = h;
      hitsNew[r] = hn;
      nTargets[r] = targets.length;
      nNew[r] = tn;
      targetPairs += targets.length;
      newPairs += tn;
      hitSum += h;
      hitNewSum += hn;
    }
    opts.onProgress?.({ done: b, total: nRows });
    // yield so that progress and cancel get through in a worker / the page
    if (b < nRows) await new Promise<void>((res) => setTimeout(res, 0));
  }
  const recall = targetPairs ? hitSum / targetPairs : 0;
  const ci = bootstrapRecall(hits, nTargets, opts.bootstrap ?? 1000, opts.seed ?? split.seed);
  return {
    metrics: {
      'recall@10': recall,
      'recall@10_ci95_lo': ci[0],
      'recall@10_ci95_hi': ci[1],
      'recall@10_new': newPairs ? hitNewSum / newPairs : 0,
      'p90_coverage@10': coverageShare(slotCounts, 0.9),
    },
    ci95: ci,
    counts: { eval_shoppers: nRows, target_pairs: targetPairs, new_pairs: newPairs, new_shoppers: newShoppers, items: nItems },
    slotCounts,
    hits,
    hitsNew,
    top,
  };
}

/** Copy of `emb` with every row of length `dim` L2-normalised (zero rows stay zero). */
export function l2NormalizeRows(emb: Float32Array, dim: number): Float32Array {
  if (dim <= 0 || emb.length % dim !== 0) throw new Error(`l2NormalizeRows: length ${emb.length} is not a multiple of dim ${dim}`);
  const out = new Float32Array(emb.length);
  for (let o = 0; o < emb.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += emb[o + j] * emb[o + j];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) out[o + j] = emb[o + j] * inv;
  }
  return out;
}

