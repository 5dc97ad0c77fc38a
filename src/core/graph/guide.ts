/**
 * Guide tables (Chen & Asau) over the quantised cumulative weights: near-O(1) weighted sampling
 * within the 12 B/edge budget. A row [lo, hi) with guide shift g owns the buckets
 * [lo >> g, hi >> g) of the side's `guide` array, m = (hi >> g) − (lo >> g) ≈ d / 2^g of them.
 * A 16-bit draw u picks bucket t = ⌊u·m / 2^16⌋; `guide[(lo >> g) + t]` is the row-local index of
 * the first entry whose cumulative weight exceeds the smallest x of that bucket (x = ⌊u·CUM_SCALE
 * / 2^16⌋, as the walk draws it), so a forward scan from there finds the entry in ≤ 1 + d/m
 * comparisons on average whatever the weights. Rows with m = 0 (d < 2^g, or g = NO_GUIDE) and
 * rows longer than 65,536 entries (row-local indices do not fit Uint16) are binary-searched.
 */
import { searchRow } from './quantise';
import { CUM_SCALE } from './types';

/** Guide shift of a side without a guide table: every row has m = 0 buckets. */
export const NO_GUIDE = 31;

/** Length of the guide array for `nEntries` entries and shift `shift`. */
export function guideLength(nEntries: number, shift: number): number {
  return shift >= NO_GUIDE ? 0 : Math.floor(nEntries / 2 ** shift);
}

/** Fills `guide` for every row of one side (see the module comment). */
export function fillGuide(offsets: Uint32Array, cum: Uint16Array, shift: number, guide: Uint16Array): void {
  if (shift >= NO_GUIDE) return;
  const nRows = offsets.length - 1;
  for (let r = 0; r < nRows; r++) {
    const lo = offsets[r];
    const hi = offsets[r + 1];
    const g0 = lo >>> shift;
    const m = (hi >>> shift) - g0;
    let j = lo;
    for (let t = 0; t < m; t++) {
      // smallest 16-bit draw that falls in bucket t, and the x it maps to
      const u0 = Math.ceil((t * 65536) / m);
      const x0 = u0 >= 65536 ? CUM_SCALE : (u0 * CUM_SCALE) >>> 16;
      while (j < hi - 1 && cum[j] <= x0) j++;
      guide[g0 + t] = j - lo; // wraps for rows > 65,536 entries, which do not use it
    }
  }
}

/** Bytes of a graph's arrays for the given sizes and guide shifts (the memory formula). */
export function layoutBytes(nItems: number, nShoppers: number, nEdges: number, itemShift: number, shopperShift: number): number {
  const itemTarget = nShoppers <= 65536 ? 2 : 4;
  const shopperTarget = nItems <= 65536 ? 2 : 4;
  return (
    nEdges * (itemTarget + shopperTarget) + // targets
    4 * nEdges + // Uint16 cumulative weights, both sides
    2 * (guideLength(nEdges, itemShift) + guideLength(nEdges, shopperShift)) + // Uint16 guides
    4 * (nItems + 1 + nShoppers + 1) // Uint32 row offsets
  );
}

/** The finest guide shifts (1..4, both sides alike) that keep the graph within `maxBytesPerEdge`; NO_GUIDE if none. */
export function chooseGuideShift(nItems: number, nShoppers: number, nEdges: number, maxBytesPerEdge = 12): number {
  for (let s = 1; s <= 4; s++) if (layoutBytes(nItems, nShoppers, nEdges, s, s) <= maxBytesPerEdge * nEdges) return s;
  return NO_GUIDE;
}

/**
 * Entry of row [lo, hi) (hi > lo) drawn by the 16-bit uniform `u`: the first j with
 * cum[j] > ⌊u·CUM_SCALE / 2^16⌋, found through the guide (the same j a binary search finds).
 */
export function sampleEntry(cum: Uint16Array, guide: Uint16Array, shift: number, lo: number, hi: number, u: number): number {
  const x = (u * CUM_SCALE) >>> 16;
  const m = (hi >>> shift) - (lo >>> shift);
  // no bucket (short row, no guide) or a row too long for Uint16 guide values
  if (m === 0 || hi - lo > 65536) return searchRow(cum, x, lo, hi);
  // m ≤ 32,768: u·m < 2^31
  let j = lo + guide[(lo >>> shift) + ((u * m) >>> 16)];
  while (cum[j] <= x) j++;
  return j;
}
