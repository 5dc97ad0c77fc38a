/**
 * Small, fast, seeded pseudo-random generator (sfc32, 128-bit state) for deterministic data
 * generation, sampling and shuffles. Same seed → same stream on every JS engine.
 * No DOM; safe in workers and Node.
 */
import { fmix32 } from './hash';

/** 32-bit hash of a string (FNV-1a followed by a murmur3 finaliser). */
export function hashString32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3 32-bit finaliser (one implementation, in ./hash; re-exported for the generator's callers). */
export { fmix32 };

/** Index `i` such that `cum[i-1] <= x < cum[i]` within [lo, hi) (cum is an inclusive prefix sum). */
export function searchCumulative(cum: Float64Array, x: number, lo = 0, hi = cum.length): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (cum[m] > x) b = m;
    else a = m + 1;
  }
  return a;
}

const INV_2_32 = 1 / 4294967296;

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spare = 0;
  private hasSpare = false;

  /** `seed`: any number (the integer part and the fraction both count) or string. */
  constructor(seed: number | string = 0) {
    this.reseed(seed);
  }

  reseed(seed: number | string): void {
    let s: number;
    if (typeof seed === 'string') s = hashString32(seed);
    else {
      const hi = Math.floor(seed / 4294967296);
      s = fmix32((seed >>> 0) ^ fmix32(hi >>> 0 ^ 0x9e3779b9));
    }
    // splitmix32 to fill the state
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    this.hasSpare = false;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A new independent generator derived from this one's state and `salt` (does not advance this one). */
  fork(salt: number | string): Rng {
    const s = typeof salt === 'string' ? hashString32(salt) : fmix32(salt >>> 0);
    const r = new Rng(0);
    r.a = fmix32(this.a ^ s);
    r.b = fmix32(this.b + 0x9e3779b9 + s) | 0;
    r.c = fmix32(this.c ^ 0x85ebca6b) ^ s;
    r.d = 1;
    for (let i = 0; i < 12; i++) r.nextU32();
    return r;
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t = (((a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextU32() * INV_2_32;
  }

  /** Uniform integer in [0, n) (n ≤ 2^32; the bias is below 2^-32 · n). */
  nextInt(n: number): number {
    return Math.floor(this.nextU32() * INV_2_32 * n);
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextFloat();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.nextFloat() < p;
  }

  /** Standard normal (Box–Muller, the second value is cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.nextFloat();
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * v;
    this.spare = r * Math.sin(th);
    this.hasSpare = true;
    return r * Math.cos(th);
  }

  /** exp(N(mu, sigma²)). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Number of failures before the first success, success probability p ∈ (0, 1]. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    let u = this.nextFloat();
    while (u === 0) u = this.nextFloat();
    return Math.floor(Math.log(u) / Math.log(1 - p));
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    let u = this.nextFloat();
    while (u === 0) u = this.nextFloat();
    return -Math.log(u) * mean;
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** Index drawn with probability proportional to weights[i] (linear scan; for few weights). */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let x = this.nextFloat() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Index drawn from an inclusive prefix sum `cum` restricted to [lo, hi) (binary search). */
  pickCumulative(cum: Float64Array, lo = 0, hi = cum.length): number {
    const base = lo > 0 ? cum[lo - 1] : 0;
    const x = base + this.nextFloat() * (cum[hi - 1] - base);
    return searchCumulative(cum, x, lo, hi);
  }

  /** k distinct indices from 0..n-1 (k ≤ n), in random order. */
  sampleDistinct(n: number, k: number): Uint32Array {
    const out = new Uint32Array(k);
    if (k * 4 >= n) {
      const p = this.permutation(n);
      out.set(p.subarray(0, k));
      return out;
    }
    const seen = new Set<number>();
    let m = 0;
    while (m < k) {
      const x = this.nextInt(n);
      if (!seen.has(x)) {
        seen.add(x);
        out[m++] = x;
      }
    }
    return out;
  }
}

/** Φ⁻¹(p): the standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9), p ∈ (0, 1). */
export function inverseNormalCdf(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
