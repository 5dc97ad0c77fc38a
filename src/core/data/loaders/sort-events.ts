import { permuteEvents } from '../event-builder';
import type { EventTable } from '../types';

/** Sorts events by timestamp ascending, ties in input order. Returns the input when already sorted. */
export function sortEventsByTime(t: EventTable): EventTable {
  const ts = t.timestamp;
  const n = t.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (ts[i] < ts[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return t;
  return permuteEvents(t, stableOrder(ts));
}

/**
 * A stable ascending order of `ts`: sorts (timestamp, index) pairs. Keys are packed as
 * rank-of-timestamp × n + index into one Float64Array when that stays exact, which lets the
 * engine's fast numeric typed-array sort do the work; otherwise a comparator sort.
 */
export function stableOrder(ts: Float64Array): Uint32Array {
  const n = ts.length;
  const uniq = Float64Array.from(ts).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || uniq[i] !== uniq[m - 1]) uniq[m++] = uniq[i];
  const ranks = uniq.subarray(0, m);
  if (m * n < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = lowerBound(ranks, ts[i]) * n + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % n;
    return order;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => ts[a] - ts[b] || a - b);
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
