/**
 * Stable LSD radix sort of row indices by integer millisecond timestamps (16-bit digits,
 * at most 3 passes for spans up to ~8,900 years). Ties keep input order.
 */

/** The permutation that sorts `ts` ascending, stable. `ts` must hold integers (ms). */
export function orderByTime(ts: Float64Array): Uint32Array {
  const n = ts.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let min = Infinity;
  let max = -Infinity;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    if (t < min) min = t;
    if (t > max) max = t;
    if (i > 0 && t < ts[i - 1]) sorted = false;
  }
  if (sorted) return order;
  const range = max - min;
  if (!(range < 2 ** 48)) throw new RangeError('orderByTime: time range too large or not finite');
  const lo = new Uint32Array(n);
  const hi = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const r = ts[i] - min;
    lo[i] = r % 4294967296;
    hi[i] = Math.floor(r / 4294967296);
  }
  let tmp = new Uint32Array(n);
  const count = new Uint32Array(65537);
  const passes = range >= 4294967296 ? 3 : range >= 65536 ? 2 : 1;
  for (let p = 0; p < passes; p++) {
    count.fill(0);
    if (p === 0) for (let j = 0; j < n; j++) count[(lo[order[j]] & 0xffff) + 1]++;
    else if (p === 1) for (let j = 0; j < n; j++) count[(lo[order[j]] >>> 16) + 1]++;
    else for (let j = 0; j < n; j++) count[hi[order[j]] + 1]++;
    for (let d = 1; d < 65537; d++) count[d] += count[d - 1];
    if (p === 0) {
      for (let j = 0; j < n; j++) {
        const i = order[j];
        tmp[count[lo[i] & 0xffff]++] = i;
      }
    } else if (p === 1) {
      for (let j = 0; j < n; j++) {
        const i = order[j];
        tmp[count[lo[i] >>> 16]++] = i;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const i = order[j];
        tmp[count[hi[i]]++] = i;
      }
    }
    const t = order;
    order = tmp;
    tmp = t;
  }
  return order;
}
