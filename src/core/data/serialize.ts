/**
 * Dataset ⇄ { JSON header, ArrayBuffers }: the form a dataset takes in browser storage
 * (IndexedDB / OPFS) and in files. Pure: no DOM, runs in workers, Node tests and the page.
 *
 * Numeric columns are stored as their own buffers (no copy when a typed array covers its whole
 * buffer, which is what loaders and the generator produce). String lists (item ids, titles,
 * shopper ids …) are stored as one UTF-8 buffer plus a Uint32Array of end offsets each, so a
 * dataset with a million shopper ids does not become a million-element JSON array.
 */
import type { Dataset, DatasetFields, EventTable, ItemTable } from './types';

export const SERIALIZE_FORMAT = 'kloa-dataset';
export const SERIALIZE_VERSION = 1;

type NumericKind = 'u8' | 'u32' | 'f32' | 'f64';
type NumericArray = Uint8Array | Uint32Array | Float32Array | Float64Array;

/** Where one column lives among the buffers. */
export interface ColumnRef {
  name: string;
  kind: NumericKind | 'strings';
  /** Numeric columns: the buffer index. String columns: the UTF-8 bytes buffer. */
  buffer: number;
  /** String columns only: the buffer of Uint32 end offsets (one per string). */
  offsets?: number;
  length: number;
}

export interface SerializedHeader {
  format: typeof SERIALIZE_FORMAT;
  version: number;
  name: string;
  fields: DatasetFields;
  meta: Record<string, string | number | boolean>;
  events: number;
  items: number;
  columns: ColumnRef[];
}

export interface SerializedDataset {
  header: SerializedHeader;
  buffers: ArrayBuffer[];
}

const EVENT_COLUMNS: { name: keyof Omit<EventTable, 'length'>; kind: NumericKind }[] = [
  { name: 'shopper', kind: 'u32' },
  { name: 'item', kind: 'u32' },
  { name: 'action', kind: 'u8' },
  { name: 'timestamp', kind: 'f64' },
  { name: 'device', kind: 'u8' },
  { name: 'duration', kind: 'f32' },
  { name: 'basket', kind: 'u32' },
  { name: 'value', kind: 'f32' },
];

const ITEM_NUMERIC: { name: 'category' | 'brand' | 'price' | 'firstSeen' | 'flags'; kind: NumericKind }[] = [
  { name: 'category', kind: 'u32' },
  { name: 'brand', kind: 'u32' },
  { name: 'price', kind: 'f32' },
  { name: 'firstSeen', kind: 'f64' },
  { name: 'flags', kind: 'u8' },
];

const ITEM_STRINGS = ['ids', 'title', 'categories', 'brands'] as const;

/** The whole buffer of `a` when `a` covers it, otherwise a copy of just its bytes. */
function ownBuffer(a: NumericArray): ArrayBuffer {
  const b = a.buffer;
  if (b instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === b.byteLength) return b;
  return a.slice().buffer as ArrayBuffer;
}

function encodeStrings(list: readonly string[]): { bytes: ArrayBuffer; offsets: ArrayBuffer } {
  const enc = new TextEncoder();
  const offsets = new Uint32Array(list.length);
  // Worst case 3 bytes per UTF-16 code unit.
  let cap = 0;
  for (const s of list) cap += s.length * 3;
  let out = new Uint8Array(Math.max(16, cap));
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (pos + s.length * 3 > out.length) {
      const grown = new Uint8Array((pos + s.length * 3) * 2);
      grown.set(out.subarray(0, pos));
      out = grown;
    }
    pos += enc.encodeInto(s, out.subarray(pos)).written;
    offsets[i] = pos;
  }
  return { bytes: out.slice(0, pos).buffer, offsets: offsets.buffer };
}

function decodeStrings(bytes: ArrayBuffer, offsets: Uint32Array): string[] {
  const dec = new TextDecoder();
  const all = new Uint8Array(bytes);
  const out = new Array<string>(offsets.length);
  let start = 0;
  // One decode of the whole buffer is far faster than one per string when the text is ASCII:
  // then byte offsets equal string offsets.
  let ascii = true;
  for (let i = 0; i < all.length; i++) {
    if (all[i] > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const text = dec.decode(all);
    for (let i = 0; i < offsets.length; i++) {
      out[i] = text.slice(start, offsets[i]);
      start = offsets[i];
    }
    return out;
  }
  for (let i = 0; i < offsets.length; i++) {
    out[i] = dec.decode(all.subarray(start, offsets[i]));
    start = offsets[i];
  }
  return out;
}

export function serializeDataset(ds: Dataset): SerializedDataset {
  const buffers: ArrayBuffer[] = [];
  const columns: ColumnRef[] = [];
  const addNumeric = (name: string, kind: NumericKind, a: NumericArray): void => {
    columns.push({ name, kind, buffer: buffers.length, length: a.length });
    buffers.push(ownBuffer(a));
  };
  const addStrings = (name: string, list: readonly string[]): void => {
    const { bytes, offsets } = encodeStrings(list);
    columns.push({ name, kind: 'strings', buffer: buffers.length, offsets: buffers.length + 1, length: list.length });
    buffers.push(bytes, offsets);
  };
  for (const c of EVENT_COLUMNS) addNumeric(`events.${c.name}`, c.kind, ds.events[c.name]);
  for (const c of ITEM_NUMERIC) addNumeric(`items.${c.name}`, c.kind, ds.items[c.name]);
  for (const c of ITEM_STRINGS) addStrings(`items.${c}`, ds.items[c]);
  addStrings('shoppers', ds.shoppers);
  addStrings('baskets', ds.baskets);
  return {
    header: {
      format: SERIALIZE_FORMAT,
      version: SERIALIZE_VERSION,
      name: ds.name,
      fields: { ...ds.fields },
      meta: { ...ds.meta },
      events: ds.events.length,
      items: ds.items.length,
      columns,
    },
    buffers,
  };
}

/** Buffers a serialised dataset holds (what `transfer` lists need). */
export function serializedBytes(s: SerializedDataset): number {
  return s.buffers.reduce((n, b) => n + b.byteLength, 0);
}

function view(kind: NumericKind, b: ArrayBuffer): NumericArray {
  switch (kind) {
    case 'u8':
      return new Uint8Array(b);
    case 'u32':
      return new Uint32Array(b);
    case 'f32':
      return new Float32Array(b);
    case 'f64':
      return new Float64Array(b);
  }
}

/**
 * Rebuilds the dataset. Numeric columns are views over the given buffers (no copy). Throws a
 * readable error when the header is not one this version understands or a column is missing.
 */
export function deserializeDataset(s: SerializedDataset): Dataset {
  const h = s.header;
  if (h.format !== SERIALIZE_FORMAT) throw new Error(`Not a stored KLOA dataset (format "${String(h.format)}").`);
  if (h.version !== SERIALIZE_VERSION) {
    throw new Error(`Stored dataset has format version ${h.version}; this build reads version ${SERIALIZE_VERSION}. Load the dataset again.`);
  }
  const byName = new Map(h.columns.map((c) => [c.name, c]));
  const col = (name: string): ColumnRef => {
    const c = byName.get(name);
    if (!c) throw new Error(`Stored dataset "${h.name}" lacks column ${name}; load it again.`);
    const b = s.buffers[c.buffer];
    if (!b) throw new Error(`Stored dataset "${h.name}" lacks the data of column ${name}; load it again.`);
    return c;
  };
  const numeric = <T extends NumericArray>(name: string, kind: NumericKind): T => {
    const c = col(name);
    if (c.kind !== kind) throw new Error(`Column ${name} is stored as ${c.kind}, expected ${kind}.`);
    const a = view(kind, s.buffers[c.buffer]);
    if (a.length !== c.length) throw new Error(`Column ${name} holds ${a.length} values, expected ${c.length}.`);
    return a as T;
  };
  const strings = (name: string): string[] => {
    const c = col(name);
    if (c.kind !== 'strings' || c.offsets === undefined || !s.buffers[c.offsets]) throw new Error(`Column ${name} is not a stored string list.`);
    const offsets = new Uint32Array(s.buffers[c.offsets]);
    if (offsets.length !== c.length) throw new Error(`Column ${name} holds ${offsets.length} strings, expected ${c.length}.`);
    return decodeStrings(s.buffers[c.buffer], offsets);
  };

  const events: EventTable = {
    length: h.events,
    shopper: numeric('events.shopper', 'u32'),
    item: numeric('events.item', 'u32'),
    action: numeric('events.action', 'u8'),
    timestamp: numeric('events.timestamp', 'f64'),
    device: numeric('events.device', 'u8'),
    duration: numeric('events.duration', 'f32'),
    basket: numeric('events.basket', 'u32'),
    value: numeric('events.value', 'f32'),
  };
  const items: ItemTable = {
    length: h.items,
    ids: strings('items.ids'),
    title: strings('items.title'),
    category: numeric('items.category', 'u32'),
    categories: strings('items.categories'),
    brand: numeric('items.brand', 'u32'),
    brands: strings('items.brands'),
    price: numeric('items.price', 'f32'),
    firstSeen: numeric('items.firstSeen', 'f64'),
    flags: numeric('items.flags', 'u8'),
  };
  return {
    name: h.name,
    events,
    items,
    shoppers: strings('shoppers'),
    baskets: strings('baskets'),
    fields: { ...h.fields },
    meta: { ...h.meta },
  };
}

/** Every buffer a dataset's typed arrays live in (for `transferResult` / `postMessage` transfer lists). */
export function datasetBuffers(ds: Dataset): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const add = (a: NumericArray): void => {
    if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) set.add(a.buffer);
  };
  for (const c of EVENT_COLUMNS) add(ds.events[c.name]);
  for (const c of ITEM_NUMERIC) add(ds.items[c.name]);
  return [...set];
}
