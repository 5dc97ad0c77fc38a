/** Shapes shared by the projector core (src/core/projector), its worker and its panel. */

/** A set of vectors to project: `n` rows of `dim` floats, row-major. */
export interface VectorSet {
  vectors: Float32Array;
  dim: number;
}

/** 2-D coordinates of a projection: x0, y0, x1, y1, … for the rows listed in `rows` (all rows when null). */
export interface Projection2D {
  method: 'pca' | 'umap';
  coords: Float32Array;
  /** Row indices of the projected points (a sample), or null when every row was projected. */
  rows: Uint32Array | null;
  /** Seconds the projection took (compute only). */
  seconds: number;
  /** PCA: share of the total variance on each of the two axes. */
  explained?: [number, number];
  /** One line for the UI: what was projected and how. */
  note: string;
}

/** Per-point attributes used for colour, hover, search and selection statistics. */
export interface PointAttributes {
  /** 'item' or 'shopper'. */
  kind: 'item' | 'shopper';
  /** External id of each point. */
  ids: readonly string[];
  /** Hover text of each point (item title; for shoppers their id and dominant category). */
  titles: readonly string[];
  /** Category index of each point (into `categories`; 0 = unknown). Shoppers: their most engaged category. */
  category: Uint32Array;
  categories: readonly string[];
  /** Events per point in the dataset (item: events on it; shopper: events by them). */
  actionCount: Uint32Array;
  /** First-seen time (ms since the epoch; NaN when unknown). */
  firstSeen: Float64Array;
  /** Planted cluster per point (synthetic worlds and synthetic test vectors), else null. */
  planted: Uint32Array | null;
}
