/** Time constants and binary searches over the (ascending) timestamp column. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** First and last timestamp of a non-empty, time-sorted column (NaN, NaN when empty). */
export function timeBounds(ts: Float64Array): { start: number; end: number } {
  if (ts.length === 0) return { start: NaN, end: NaN };
  return { start: ts[0], end: ts[ts.length - 1] };
}

/** Smallest index i with ts[i] >= t (ts.length when none). */
export function firstIndexAtOrAfter(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (ts[m] < t) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Smallest index i with ts[i] > t (ts.length when none). */
export function firstIndexAfter(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (ts[m] <= t) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** 'YYYY-MM-DD' (UTC) of a millisecond timestamp. */
export function utcDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
