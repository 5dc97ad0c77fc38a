/**
 * Shapes of the shopper–item bipartite graph and of walk neighbourhoods. Plain objects of typed
 * arrays: they cross worker boundaries by structured clone, and when the arrays live on a
 * SharedArrayBuffer every worker sees the same memory (no copy).
 */

/** `Neighbourhoods.items` padding for items with fewer than T visited neighbours. */
export const NO_ITEM = 0xffffffff;

/** Full scale of the quantised cumulative weights: the last entry of every non-empty row. */
export const CUM_SCALE = 65535;

/** Node ids of one side's rows: Uint16 when the other side has ≤ 65,536 nodes, else Uint32. */
export type NodeIds = Uint16Array | Uint32Array;

/**
 * CSR in both directions. Row r of the item side lists the shoppers of item r
 * (`itemShoppers[itemOffsets[r] .. itemOffsets[r+1])`, ascending), with `itemCum` the row's
 * inclusive cumulative edge weight quantised to 0..CUM_SCALE (strictly increasing, last entry
 * CUM_SCALE): P(pick entry j) = (cum[j] − cum[j−1]) / CUM_SCALE with cum[row start − 1] = 0.
 * `itemGuide` / `itemGuideShift` index the cumulative weights for O(1) sampling (guide.ts).
 * Memory (layoutBytes in guide.ts): targets 2 or 4 B + cumulative 2 B per entry and direction,
 * guides 2 B per 2^shift entries and direction, Uint32 row offsets 4 B per node.
 */
export interface BipartiteGraph {
  readonly nItems: number;
  readonly nShoppers: number;
  /** Distinct (item, shopper) pairs = entries on each side. */
  readonly nEdges: number;
  readonly itemOffsets: Uint32Array;
  readonly itemShoppers: NodeIds;
  readonly itemCum: Uint16Array;
  readonly itemGuide: Uint16Array;
  /** Buckets of an item row [lo, hi): [lo >> shift, hi >> shift) of `itemGuide`; NO_GUIDE (31): none. */
  readonly itemGuideShift: number;
  readonly shopperOffsets: Uint32Array;
  readonly shopperItems: NodeIds;
  readonly shopperCum: Uint16Array;
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
