/**
 * Packed CSR entries: one Uint32 per (row, target) holding the target id in the low b bits and
 * the row's inclusive cumulative weight, quantised to 1..2^W, minus one, in the W bits above
 * (types.ts). A row is sampled with a W-bit uniform x: the entry is the first j whose stored
 * cumulative is ≥ x, i.e. the first j with `entries[j] >= x · 2^b` (the low id bits never
 * decide the comparison), so sampling needs one array read per probed entry.
 */
import type { BipartiteGraph } from './types';

/** Largest id width: at least 4 weight bits must remain (2^27 nodes on a side). */
export const MAX_ID_BITS = 27;
/** Weight bits are capped at 16: the walks draw 16-bit uniforms. */
export const MAX_WEIGHT_BITS = 16;

/** Id bits for targets on a side with `nNodes` nodes: ⌈log2 nNodes⌉ (0 for one node). */
export function idBitsFor(nNodes: number): number {
  if (!(Number.isInteger(nNodes) && nNodes >= 0)) throw new RangeError(`node count must be a non-negative integer, got ${nNodes}`);
  const b = nNodes <= 1 ? 0 : 32 - Math.clz32(nNodes - 1);
  if (b > MAX_ID_BITS) throw new RangeError(`a side of ${nNodes} nodes needs ${b} id bits; at most ${MAX_ID_BITS} fit a packed entry`);
  return b;
}

/** Weight bits beside `idBits` id bits: min(16, 31 − b), so every entry is < 2^31 (int32 compares). */
export function weightBitsFor(idBits: number): number {
  return Math.min(MAX_WEIGHT_BITS, 31 - idBits);
}

/** One side of the graph as the kernels see it (views, no copies). */
export interface CsrSide {
  readonly offsets: Uint32Array;
  readonly entries: Uint32Array;
  readonly idBits: number;
  readonly weightBits: number;
  readonly guide: Uint16Array;
  readonly guideShift: number;
}

export function itemSide(g: BipartiteGraph): CsrSide {
  return { offsets: g.itemOffsets, entries: g.itemEntries, idBits: g.itemIdBits, weightBits: g.itemWeightBits, guide: g.itemGuide, guideShift: g.itemGuideShift };
}

export function shopperSide(g: BipartiteGraph): CsrSide {
  return { offsets: g.shopperOffsets, entries: g.shopperEntries, idBits: g.shopperIdBits, weightBits: g.shopperWeightBits, guide: g.shopperGuide, guideShift: g.shopperGuideShift };
}

/** Mask of the id bits (b ≤ 28, so it is a positive int32). */
export function idMask(idBits: number): number {
  return 2 ** idBits - 1;
}

/** Target id of entry k. */
export function entryTarget(side: CsrSide, k: number): number {
  return side.entries[k] & idMask(side.idBits);
}

/** Stored cumulative weight (0..2^W − 1) of entry k. */
export function entryCumulative(side: CsrSide, k: number): number {
  return Math.floor(side.entries[k] / 2 ** side.idBits);
}

/** Probability of entry j of the row starting at `lo`. */
export function entryProbability(side: CsrSide, lo: number, j: number): number {
  const prev = j > lo ? entryCumulative(side, j - 1) : -1;
  return (entryCumulative(side, j) - prev) / 2 ** side.weightBits;
}

/** Target ids of row r (a copy). */
export function rowTargets(side: CsrSide, r: number): Uint32Array {
  const lo = side.offsets[r];
  const out = new Uint32Array(side.offsets[r + 1] - lo);
  const mask = idMask(side.idBits);
  for (let k = 0; k < out.length; k++) out[k] = side.entries[lo + k] & mask;
  return out;
}

/** Shopper of item-row entry k. */
export function itemShopperAt(g: BipartiteGraph, k: number): number {
  return g.itemEntries[k] & idMask(g.itemIdBits);
}

/** Item of shopper-row entry k. */
export function shopperItemAt(g: BipartiteGraph, k: number): number {
  return g.shopperEntries[k] & idMask(g.shopperIdBits);
}

/**
 * Writes row [lo, hi) of `entries`: targets `to[lo..hi)` packed with the inclusive cumulative of
 * `w[lo..hi)` scaled to 1..2^W (stored minus one). Every entry gets at least one unit when the
 * row has at most 2^W entries (so no edge becomes unreachable); the last entry is full scale.
 * Rows longer than that keep the rounding of their weights, so entries lighter than half a unit
 * can round to zero width (never drawn).
 */
export function packRow(w: Float32Array, to: Uint32Array, entries: Uint32Array, lo: number, hi: number, idBits: number, weightBits: number): void {
  const d = hi - lo;
  if (d <= 0) return;
  const scale = 2 ** weightBits;
  const mul = 2 ** idBits;
  let total = 0;
  for (let j = lo; j < hi; j++) total += w[j];
  let acc = 0;
  let prev = 0;
  const minStep = d <= scale ? 1 : 0;
  for (let j = lo; j < hi; j++) {
    acc += w[j];
    let c = j === hi - 1 ? scale : total > 0 ? Math.round((acc / total) * scale) : Math.round(((j - lo + 1) / d) * scale);
    if (c < prev + minStep) c = prev + minStep;
    // leave room for the entries after this one
    const cap = scale - minStep * (hi - 1 - j);
    if (c > cap) c = cap;
    if (c < 1) c = 1;
    entries[j] = (c - 1) * mul + to[j];
    prev = c;
  }
}

/** Search key of the W-bit uniform x: entries ≥ key have a stored cumulative ≥ x. */
export function sampleKey(x: number, idBits: number): number {
  return x * 2 ** idBits;
}

/** First j in [lo, hi) with entries[j] ≥ key (the row's last entry always is). */
export function searchRow(entries: Uint32Array, key: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (entries[m] >= key) b = m;
    else a = m + 1;
  }
  return a;
}
