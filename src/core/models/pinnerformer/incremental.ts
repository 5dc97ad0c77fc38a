/**
 * Daily incremental inference (PinnerFormer §4): given yesterday's snapshot of shopper embeddings
 * and a new day's events, only shoppers active that day are recomputed (from their last M events
 * up to the day's end); every other vector is copied bit for bit; shoppers never seen before are
 * added. The key-value form (shopper id → Float32Array) is a plain Map for online serving; file
 * formats are the export's job.
 */
import type { Dataset } from '../../data/types';
import { NO_SHOPPER } from '../../data/types';
import { firstIndexAtOrAfter } from '../../eval/splits/time';
import { inferShopperEmbeddings, type InferOptions } from './infer';
import type { PinnerFormerModel } from './model';

export interface ShopperSnapshot {
  /** External shopper ids; row k of `vectors` belongs to ids[k]. */
  ids: string[];
  /** ids.length × dim. */
  vectors: Float32Array;
  dim: number;
  /** Events before this time (ms) were used. */
  asOf: number;
}

export interface IncrementalReport {
  recomputed: number;
  kept: number;
  added: number;
  /** Shoppers active in [dayStart, dayEnd). */
  active: number;
  seconds: number;
}

/** Snapshot of `shoppers` (default: every shopper with an event before `asOf`). */
export async function fullSnapshot(model: PinnerFormerModel, ds: Dataset, asOf: number, shoppers?: ArrayLike<number>, opts: InferOptions = {}): Promise<ShopperSnapshot> {
  let list: Uint32Array;
  if (shoppers) list = Uint32Array.from(shoppers);
  else {
    const seen = new Uint8Array(ds.shoppers.length);
    const end = firstIndexAtOrAfter(ds.events.timestamp, asOf);
    for (let e = 0; e < end; e++) if (ds.events.shopper[e] !== NO_SHOPPER) seen[ds.events.shopper[e]] = 1;
    const out: number[] = [];
    seen.forEach((v, s) => v && out.push(s));
    list = Uint32Array.from(out);
  }
  const emb = await inferShopperEmbeddings(model, ds, list, asOf, opts);
  return { ids: Array.from(list, (s) => ds.shoppers[s]), vectors: emb.vectors, dim: emb.dim, asOf };
}

/**
 * The snapshot after the day [dayStart, dayEnd) (ms): shoppers with an event that day are
 * recomputed from their events before dayEnd, the rest kept, new shoppers appended (in shopper
 * index order). `ds` must hold the history up to dayEnd.
 */
export async function incrementalUpdate(
  model: PinnerFormerModel,
  ds: Dataset,
  prev: ShopperSnapshot,
  dayStart: number,
  dayEnd: number,
  opts: InferOptions = {},
): Promise<{ snapshot: ShopperSnapshot; report: IncrementalReport }> {
  const t0 = performance.now();
  if (prev.dim !== model.outDim) throw new Error(`snapshot dim ${prev.dim} ≠ model output ${model.outDim}`);
  if (!(dayEnd > dayStart)) throw new Error(`empty day: [${dayStart}, ${dayEnd})`);
  if (dayStart < prev.asOf) throw new Error(`the day starts (${new Date(dayStart).toISOString()}) before the snapshot's asOf (${new Date(prev.asOf).toISOString()}): events would be counted twice`);
  const ev = ds.events;
  const a = firstIndexAtOrAfter(ev.timestamp, dayStart);
  const b = firstIndexAtOrAfter(ev.timestamp, dayEnd);
  const active = new Uint8Array(ds.shoppers.length);
  const activeList: number[] = [];
  for (let e = a; e < b; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || active[s]) continue;
    active[s] = 1;
    activeList.push(s);
  }
  activeList.sort((x, y) => x - y);
  const emb = await inferShopperEmbeddings(model, ds, activeList, dayEnd, opts);
  const D = prev.dim;
  const rowOf = new Map<string, number>();
  prev.ids.forEach((id, k) => rowOf.set(id, k));
  const added: number[] = [];
  for (const s of activeList) if (!rowOf.has(ds.shoppers[s])) added.push(s);
  const ids = prev.ids.concat(added.map((s) => ds.shoppers[s]));
  const vectors = new Float32Array(ids.length * D);
  vectors.set(prev.vectors.subarray(0, prev.ids.length * D));
  const newRow = new Map<number, number>();
  added.forEach((s, k) => newRow.set(s, prev.ids.length + k));
  activeList.forEach((s, k) => {
    const row = rowOf.get(ds.shoppers[s]) ?? newRow.get(s)!;
    vectors.set(emb.vectors.subarray(k * D, (k + 1) * D), row * D);
  });
  return {
    snapshot: { ids, vectors, dim: D, asOf: dayEnd },
    report: {
      recomputed: activeList.length - added.length,
      kept: prev.ids.length - (activeList.length - added.length),
      added: added.length,
      active: activeList.length,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}

/** The key-value form for online serving: shopper id → its vector (views into the snapshot). */
export function snapshotToKeyValue(s: ShopperSnapshot): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  s.ids.forEach((id, k) => out.set(id, s.vectors.subarray(k * s.dim, (k + 1) * s.dim)));
  return out;
}
