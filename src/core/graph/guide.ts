/**
 * Guide tables (Chen & Asau) over the packed cumulative weights: near-O(1) weighted sampling
 * within the 12 B/edge budget. A row [lo, hi) with guide shift g owns the buckets
 * [lo >> g, hi >> g) of the side's `guide` array, m = (hi >> g) − (lo >> g) ≈ d / 2^g of them.
 * A 16-bit draw u picks bucket t = ⌊u·m / 2^16⌋; `guide[(lo >> g) + t]` is the row-local index of
 * the first entry whose cumulative weight is ≥ the smallest x of that bucket (x = u >> (16 − W),
 * as the walk draws it), so a forward scan from there finds the entry in ≤ 1 + d/m comparisons on
 * average whatever the weights. Rows with m = 0 (d < 2^g, or g = NO_GUIDE) scan from the row
 * start when d ≤ 16; longer ones (no guide) and rows longer than 65,536 entries (row-local
 * indices do not fit Uint16) are binary-searched.
 */
import { sampleKey, searchRow, type CsrSide } from './entry';

/** Guide shift of a side without a guide table: every row has m = 0 buckets. */
export const NO_GUIDE = 31;

/** Rows longer than this are binary-searched (guide values are Uint16 row-local indices). */
export const MAX_GUIDED_ROW = 65536;

/** Rows without a guide bucket are scanned from their start up to this length, binary-searched beyond. */
export const MAX_SCANNED_ROW = 16;

/** Length of the guide array for `nEntries` entries and shift `shift`. */
export function guideLength(nEntries: number, shift: number): number {
  return shift >= NO_GUIDE ? 0 : Math.floor(nEntries / 2 ** shift);
}

/** Fills `guide` for every row of one side (see the module comment). */
export function fillGuide(offsets: Uint32Array, entries: Uint32Array, idBits: number, weightBits: number, shift: number, guide: Uint16Array): void {
  if (shift >= NO_GUIDE) return;
  const nRows = offsets.length - 1;
  const drop = 16 - weightBits;
  for (let r = 0; r < nRows; r++) {
    const lo = offsets[r];
    const hi = offsets[r + 1];
    const g0 = lo >>> shift;
    const m = (hi >>> shift) - g0;
    let j = lo;
    for (let t = 0; t < m; t++) {
      // smallest 16-bit draw that falls in bucket t, and the key it searches for
      const u0 = Math.ceil((t * 65536) / m);
      const key = sampleKey(u0 >>> drop, idBits);
      while (j < hi - 1 && entries[j] < key) j++;
      guide[g0 + t] = j - lo; // wraps for rows > 65,536 entries, which do not use it
    }
  }
}

/** Bytes of a graph's arrays for the given sizes and guide shifts (the memory formula). */
export function layoutBytes(nItems: number, nShoppers: number, nEdges: number, itemShift: number, shopperShift: number): number {
  return (
    8 * nEdges + // packed Uint32 entries, both sides
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
 * Entry of row [lo, hi) (hi > lo) drawn by the 16-bit uniform `u`: the first j whose cumulative
 * weight is ≥ x = u >> (16 − W), found through the guide (the same j a binary search finds).
 */
export function sampleEntry(side: CsrSide, lo: number, hi: number, u: number): number {
  const e = side.entries;
  const shift = side.guideShift;
  const key = sampleKey(u >>> (16 - side.weightBits), side.idBits);
  const d = hi - lo;
  const m = (hi >>> shift) - (lo >>> shift);
  if (d > MAX_GUIDED_ROW || (m === 0 && d > MAX_SCANNED_ROW)) return searchRow(e, key, lo, hi);
  let j = m > 0 ? lo + side.guide[(lo >>> shift) + ((u * m) >>> 16)] : lo;
  while (e[j] < key) j++;
  return j;
}
