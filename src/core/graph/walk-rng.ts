/**
 * Seeds of the per-item walker streams: sfc32 state derived from (seed, item), so an item's
 * walks are the same whichever worker and whichever item range runs them.
 */
import { fmix32 } from '../hash';

/** Writes the 4-word sfc32 state of item `item`'s walker for `seed` into `out`. */
export function walkerState(seed: number, item: number, out: Int32Array): void {
  const hi = Math.floor(seed / 4294967296);
  const sw = fmix32((seed >>> 0) ^ fmix32((hi >>> 0) ^ 0x9e3779b9));
  let a = fmix32(sw ^ fmix32((item + 0x632be5ab) >>> 0)) | 0;
  let b = fmix32((a + 0x85ebca6b) ^ item) | 0;
  let c = fmix32((b ^ sw) + 0x27d4eb2f) | 0;
  let d = 1;
  for (let i = 0; i < 12; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
}
