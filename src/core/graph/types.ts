/**
 * Shapes of the shopper–item bipartite graph and of walk neighbourhoods. Plain objects of typed
 * arrays: they cross worker boundaries by structured clone, and when the arrays live on a
 * SharedArrayBuffer every worker sees the same memory (no copy).
 */

/** `Neighbourhoods.items` padding for items with fewer than T visited neighbours. */
export const NO_ITEM = 0xffffffff;

/**
 * CSR in both directions, each entry packed in one Uint32 (one memory read per sampled edge).
 * Row r of the item side lists the shoppers of item r in
 * `itemEntries[itemOffsets[r] .. itemOffsets[r+1])`, ascending by shopper. Entry k holds the
 * target id in its low `itemIdBits` bits (b = ⌈log2 nShoppers⌉) and, above them, the row's
 * inclusive cumulative edge weight quantised to 1..2^W minus one (W = `itemWeightBits` =
 * min(16, 32 − b)): non-decreasing along the row, 2^W − 1 on its last entry, so
 * P(pick entry j) = (cum[j] − cum[j−1]) / 2^W with cum[row start − 1] = −1 (entry.ts reads them).
 * `itemGuide` / `itemGuideShift` index the cumulative weights for O(1) sampling (guide.ts).
 * The shopper side is the same with the roles swapped. Memory (layoutBytes in guide.ts): 4 B per
 * entry and direction, guides 2 B per 2^shift entries and direction, Uint32 row offsets 4 B per node.
 */
export interface BipartiteGraph {
  readonly nItems: number;
  readonly nShoppers: number;
  /** Distinct (item, shopper) pairs = entries on each side. */
  readonly nEdges: number;
  readonly itemOffsets: Uint32Array;
  /** Packed (cumulative weight − 1, shopper id) entries of the item rows. */
  readonly itemEntries: Uint32Array;
  /** Bits of the shopper id in an item-row entry (b); the weight sits above them. */
  readonly itemIdBits: number;
  /** Bits of the quantised cumulative weight in an item-row entry (W; full scale 2^W). */
  readonly itemWeightBits: number;
  readonly itemGuide: Uint16Array;
  /** Buckets of an item row [lo, hi): [lo >> shift, hi >> shift) of `itemGuide`; NO_GUIDE (31): none. */
  readonly itemGuideShift: number;
  readonly shopperOffsets: Uint32Array;
  /** Packed (cumulative weight − 1, item id) entries of the shopper rows. */
  readonly shopperEntries: Uint32Array;
  readonly shopperIdBits: number;
  readonly shopperWeightBits: number;
  readonly shopperGuide: Uint16Array;
  readonly shopperGuideShift: number;
  /** True when the arrays live on SharedArrayBuffers. */
  readonly shared: boolean;
  /** Events [0, eventEnd) were considered; `eventsUsed` of them became edge weight. */
  readonly eventEnd: number;
  readonly eventsUsed: number;
}

/** Random-walk parameters (PinSage / Pixie style). */
export interface WalkParams {
  /** Walks per item (N). */
  walks: number;
  /** Steps per walk (L); one step = item → shopper → item, or a restart. */
  length: number;
  /** Restart probability α per step (teleport back to the query item). */
  alpha: number;
  /** Neighbourhood size T. */
  topT: number;
  seed: number;
}

/**
 * Top-T neighbourhoods of a range of items, row-major: entries [k·T, k·T + sizes[k]) of item
 * `start + k`, ordered by visit count (desc), ties by item index (asc); the rest is NO_ITEM / 0.
 * `weights` are the counts L1-normalised over the item's top T (they sum to 1 when sizes[k] > 0).
 */
export interface Neighbourhoods {
  readonly start: number;
  readonly count: number;
  readonly topT: number;
  readonly items: Uint32Array;
  readonly weights: Float32Array;
  readonly counts: Uint32Array;
  readonly sizes: Uint16Array;
  /** item → shopper → item moves made (restarts not counted). */
  readonly steps: number;
  /** Restarts made. */
  readonly restarts: number;
}
