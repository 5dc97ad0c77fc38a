/**
 * Columnar dataset tables, backed by typed arrays. No DOM, no React: this runs in workers,
 * in Node tests and in the page alike.
 *
 * Memory per event: shopper 4 + item 4 + action 1 + timestamp 8 + device 1 + duration 4
 * + basket 4 + value 4 = 30 bytes (target ≤ 40, see the benchmark `data.bytes_per_event`).
 */

/** Action kinds. The code of a kind is its index in this list (stored in `EventTable.action`). */
export const ACTION_KINDS = [
  'view',
  'click',
  'cart',
  'purchase',
  'zoom',
  'click-through',
  'rating',
  'cancel',
  'other',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_CODE: Readonly<Record<ActionKind, number>> = Object.freeze(
  Object.fromEntries(ACTION_KINDS.map((k, i) => [k, i])) as Record<ActionKind, number>,
);

/** Positive = engagement (PROTOCOLS.md): every kind but cancel. Ratings are positive when ≥ 4 (see `isPositiveEvent`). */
export function isPositiveAction(code: number): boolean {
  return code !== ACTION_CODE.cancel;
}

/**
 * Positive event (PROTOCOLS.md): every kind but cancel; a rating only when its value is ≥ 4
 * (a rating with unknown value, NaN, counts as engagement). Pass `EventTable.action[i]` and
 * `EventTable.value[i]`.
 */
export function isPositiveEvent(action: number, value: number): boolean {
  if (action === ACTION_CODE.cancel) return false;
  if (action === ACTION_CODE.rating) return !(value < 4);
  return true;
}

/** Device / context kinds. The code of a kind is its index in this list. */
export const DEVICE_KINDS = ['unknown', 'app', 'web', 'mobile-web', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_CODE: Readonly<Record<DeviceKind, number>> = Object.freeze(
  Object.fromEntries(DEVICE_KINDS.map((k, i) => [k, i])) as Record<DeviceKind, number>,
);

/** `EventTable.shopper` value of an event with no known shopper (e.g. an Online Retail guest line). */
export const NO_SHOPPER = 0xffffffff;
/** `EventTable.basket` value of an event outside any basket / session. */
export const NO_BASKET = 0xffffffff;

/**
 * One row per event. All columns have `length` entries. In every `Dataset` the rows are sorted by
 * timestamp, ascending, ties kept in input order (loaders and the generator guarantee it).
 */
export interface EventTable {
  readonly length: number;
  /** Index into `Dataset.shoppers`, or NO_SHOPPER. */
  readonly shopper: Uint32Array;
  /** Index into `Dataset.items`. */
  readonly item: Uint32Array;
  /** ACTION_CODE. */
  readonly action: Uint8Array;
  /** Milliseconds since the Unix epoch, UTC. */
  readonly timestamp: Float64Array;
  /** DEVICE_CODE. */
  readonly device: Uint8Array;
  /** Dwell duration in seconds; NaN when unknown. */
  readonly duration: Float32Array;
  /** Index into `Dataset.baskets` (basket, invoice or session), or NO_BASKET. */
  readonly basket: Uint32Array;
  /** Quantity (invoice data) or rating value; NaN when unknown. */
  readonly value: Float32Array;
}

/** Item flag bits (`ItemTable.flags`). */
export const ITEM_FLAG = Object.freeze({ promo: 1, new: 2 });

/** One row per item; row i describes item index i. */
export interface ItemTable {
  readonly length: number;
  /** External ids; `ids[i]` is the id of item index i. */
  readonly ids: readonly string[];
  /** Title / description text; '' when unknown. */
  readonly title: readonly string[];
  /** Index into `categories`. Index 0 is always '' (unknown). */
  readonly category: Uint32Array;
  readonly categories: readonly string[];
  /** Index into `brands`. Index 0 is always '' (unknown). */
  readonly brand: Uint32Array;
  readonly brands: readonly string[];
  /** Price in the dataset's currency; NaN when unknown. */
  readonly price: Float32Array;
  /** Milliseconds since the epoch of the item's first event (or release); NaN when unknown. */
  readonly firstSeen: Float64Array;
  /** ITEM_FLAG bits. */
  readonly flags: Uint8Array;
}

/** Which optional fields a dataset actually carries (features and UI use this). */
export interface DatasetFields {
  device: boolean;
  duration: boolean;
  basket: boolean;
  value: boolean;
  title: boolean;
  category: boolean;
  brand: boolean;
  price: boolean;
  /** True when timestamps are real times; false when only an order is known (e.g. Amazon .inter files). */
  realTime: boolean;
}

export interface Dataset {
  /** Short name, e.g. 'online-retail', 'synthetic-small', or a file name. */
  readonly name: string;
  readonly events: EventTable;
  readonly items: ItemTable;
  /** External shopper ids; `shoppers[i]` is the id of shopper index i. */
  readonly shoppers: readonly string[];
  /** External basket / invoice / session ids; `baskets[i]` is the id of basket index i. */
  readonly baskets: readonly string[];
  readonly fields: DatasetFields;
  /** Free-form provenance (source, licence, loader options) shown in the UI and written to manifests. */
  readonly meta: Readonly<Record<string, string | number | boolean>>;
}

/** One place in an input where something was wrong. Lines are 1-based (the header is line 1 in CSV). */
export interface IssueExample {
  file: string;
  /** 1-based line (text formats) or row number (Parquet, 1-based). */
  line: number;
  column?: string;
  value?: string;
}

export type IssueSeverity = 'error' | 'rejected' | 'warning' | 'info';

/** A group of rows sharing one reason. */
export interface ReportEntry {
  severity: IssueSeverity;
  /** Stable machine-readable code, e.g. 'missing-column', 'bad-timestamp', 'guest-row'. */
  code: string;
  /** One human sentence: what is wrong and what the loader did about it. */
  message: string;
  count: number;
  /** The first few examples (at most REPORT_MAX_EXAMPLES). */
  examples: IssueExample[];
}

export const REPORT_MAX_EXAMPLES = 5;

/** What every load returns: counts, and every reason a row was rejected or changed. */
export interface ValidationReport {
  files: string[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  entries: ReportEntry[];
  /** Set when nothing could be loaded at all; the message says why and what to do. */
  fatal?: string;
}

export interface LoadResult {
  /** Null only when `report.fatal` is set. */
  dataset: Dataset | null;
  report: ValidationReport;
}

/** Progress callback: `done` of `total` units (bytes or rows); `note` says what is happening. */
export type ProgressFn = (done: number, total: number, note?: string) => void;
