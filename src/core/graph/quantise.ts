/** Quantised cumulative weights (Uint16, full scale CUM_SCALE) for O(log d) weighted sampling. */
import { CUM_SCALE } from './types';

/**
 * Writes the inclusive cumulative of `w[lo..hi)` scaled to 0..CUM_SCALE into `cum[lo..hi)`.
 * Every entry gets at least one unit when the row has at most CUM_SCALE entries (so no edge
 * becomes unreachable), and the last entry is CUM_SCALE.
 */
export function quantiseRow(w: Float32Array, cum: Uint16Array, lo: number, hi: number): void {
  const d = hi - lo;
  if (d <= 0) return;
  let total = 0;
  for (let j = lo; j < hi; j++) total += w[j];
  let acc = 0;
  let prev = 0;
  const minStep = d <= CUM_SCALE ? 1 : 0;
  for (let j = lo; j < hi; j++) {
    acc += w[j];
    let c = total > 0 ? Math.round((acc / total) * CUM_SCALE) : Math.round(((j - lo + 1) / d) * CUM_SCALE);
    if (c < prev + minStep) c = prev + minStep;
    // leave room for the entries after this one
    const cap = CUM_SCALE - minStep * (hi - 1 - j);
    if (c > cap) c = cap;
    cum[j] = c;
    prev = c;
  }
  cum[hi - 1] = CUM_SCALE;
}

/** Probability of entry j of the row [lo, hi) under the quantised cumulative. */
export function entryProbability(cum: Uint16Array, lo: number, j: number): number {
  return (cum[j] - (j > lo ? cum[j - 1] : 0)) / CUM_SCALE;
}

/** First j in [lo, hi) with cum[j] > x (x in [0, CUM_SCALE)). */
export function searchRow(cum: Uint16Array, x: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (cum[m] > x) b = m;
    else a = m + 1;
  }
  return a;
}
