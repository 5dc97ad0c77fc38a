/**
 * P2 — shopper-to-item split (PROTOCOLS.md).
 * - t0 = T_end − K days (K = 14). History: events with t < t0. Future window: t0 < t ≤ t0 + K
 *   days (an event exactly at t0 is in neither).
 * - 'temporal' eval shoppers: ≥ 1 event (any kind) before t0 and ≥ 1 positive event in the window.
 * - 'disjoint': shopper s is held out when murmur3(UTF-8 id, seed) / 2^32 < 0.1; held-out
 *   shoppers are removed from training altogether (`heldOut`), and the eval shoppers are the
 *   held-out shoppers that meet the temporal rule.
 * - Per eval shopper: its last M (64) events before t0, all kinds, in time order (event
 *   indices); its distinct positive targets in the window (first-appearance order); and every
 *   distinct item of any of its events before t0, cancels included (`seen`, ascending), which
 *   recall@10_new removes from candidates and targets.
 * Anonymous (NO_SHOPPER) events belong to no eval shopper; they stay usable for training.
 */
import { NO_SHOPPER, isPositiveEvent, type Dataset } from '../../data/types';
import { hashUnit } from '../../hash';
import { eventsByShopper, groupCount } from './groups';
import { U32Buffer } from './u32-buffer';
import { DAY_MS, firstIndexAfter, firstIndexAtOrAfter, timeBounds } from './time';

export type P2Variant = 'temporal' | 'disjoint';

/** PROTOCOLS.md: report the disjoint variant as well from this many shoppers on. */
export const P2_DISJOINT_MIN_SHOPPERS = 20_000;

export interface P2Options {
  /** K, the future window in days. Default 14. */
  windowDays?: number;
  /** M, the history length per eval shopper. Default 64. */
  historyLength?: number;
  variant?: P2Variant;
  /** Seed of the disjoint hash. Default 0. */
  seed?: number;
  /** Share of shoppers held out in the disjoint variant. Default 0.1. */
  disjointFraction?: number;
}

/** Compressed rows: row r holds `values[offsets[r] .. offsets[r+1])`. */
export interface Rows {
  readonly offsets: Uint32Array;
  readonly values: Uint32Array;
}

export interface P2Split {
  readonly variant: P2Variant;
  readonly seed: number;
  readonly windowDays: number;
  readonly historyLength: number;
  readonly tEnd: number;
  readonly t0: number;
  /** t0 + K days. */
  readonly tWindowEnd: number;
  /** Events [0, trainEnd) have t < t0: the only events features, graphs and training may use. */
  readonly trainEnd: number;
  /** Window events are [windowStart, windowEnd): t0 < t ≤ t0 + K days. */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Disjoint variant: 1 for shoppers removed from training (null for 'temporal'). */
  readonly heldOut: Uint8Array | null;
  /** Eval shopper indices, ascending. Row r of the tables below belongs to shoppers[r]. */
  readonly shoppers: Uint32Array;
  /** Event indices of the last M events before t0, time order. */
  readonly history: Rows;
  /** Distinct positive items in the window, first-appearance order. */
  readonly targets: Rows;
  /** Distinct items of all events before t0, ascending. */
  readonly seen: Rows;
  /** Total (shopper, target) pairs = targets.values.length. */
  readonly targetPairs: number;
}

/** 1 for each shopper the disjoint variant holds out (stable: depends only on the id string and seed). */
export function disjointHeldOut(shopperIds: readonly string[], seed: number, fraction = 0.1): Uint8Array {
  const out = new Uint8Array(shopperIds.length);
  for (let s = 0; s < shopperIds.length; s++) out[s] = hashUnit(shopperIds[s], seed) < fraction ? 1 : 0;
  return out;
}

export function p2Split(ds: Dataset, opts: P2Options = {}): P2Split {
  const ev = ds.events;
  const windowDays = opts.windowDays ?? 14;
  const M = opts.historyLength ?? 64;
  const variant = opts.variant ?? 'temporal';
  const seed = opts.seed ?? 0;
  const { end } = timeBounds(ev.timestamp);
  const t0 = end - windowDays * DAY_MS;
  const tWindowEnd = t0 + windowDays * DAY_MS;
  const empty = ev.length === 0;
  const trainEnd = empty ? 0 : firstIndexAtOrAfter(ev.timestamp, t0);
  const windowStart = empty ? 0 : firstIndexAfter(ev.timestamp, t0);
  const windowEnd = empty ? 0 : firstIndexAfter(ev.timestamp, tWindowEnd);
  const heldOut = variant === 'disjoint' ? disjointHeldOut(ds.shoppers, seed, opts.disjointFraction ?? 0.1) : null;

  const nShoppers = groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length);
  const { offsets, events } = eventsByShopper(ev, nShoppers, 0, windowEnd);
  const nItems = ds.items.length;
  const stamp = new Int32Array(nItems).fill(-1);

  const shoppers = new U32Buffer();
  const hOff = new U32Buffer();
  const hVal = new U32Buffer();
  const tOff = new U32Buffer();
  const tVal = new U32Buffer();
  const sOff = new U32Buffer();
  const sVal = new U32Buffer();
  hOff.push(0);
  tOff.push(0);
  sOff.push(0);
  let row = 0;
  for (let s = 0; s < nShoppers; s++) {
    if (heldOut && !heldOut[s]) continue;
    const a = offsets[s];
    const b = offsets[s + 1];
    if (a === b || events[a] >= trainEnd) continue; // no history before t0
    // history ends at the first event index ≥ trainEnd
    let h = a;
    while (h < b && events[h] < trainEnd) h++;
    let w = h;
    while (w < b && events[w] < windowStart) w++; // events exactly at t0
    // targets: distinct positive items of [w, b)
    const tStart = tVal.length;
    for (let k = w; k < b; k++) {
      const e = events[k];
      const item = ev.item[e];
      if (item >= nItems || !isPositiveEvent(ev.action[e], ev.value[e])) continue;
      if (stamp[item] !== row * 2) {
        stamp[item] = row * 2;
        tVal.push(item);
      }
    }
    if (tVal.length === tStart) continue;
    shoppers.push(s);
    tOff.push(tVal.length);
    for (let k = Math.max(a, h - M); k < h; k++) hVal.push(events[k]);
    hOff.push(hVal.length);
    const seenStart = sVal.length;
    for (let k = a; k < h; k++) {
      const item = ev.item[events[k]];
      if (item < nItems && stamp[item] !== row * 2 + 1) {
        stamp[item] = row * 2 + 1;
        sVal.push(item);
      }
    }
    sVal.sortTail(seenStart);
    sOff.push(sVal.length);
    row++;
  }
  return {
    variant,
    seed,
    windowDays,
    historyLength: M,
    tEnd: end,
    t0,
    tWindowEnd,
    trainEnd,
    windowStart,
    windowEnd,
    heldOut,
    shoppers: shoppers.toArray(),
    history: { offsets: hOff.toArray(), values: hVal.toArray() },
    targets: { offsets: tOff.toArray(), values: tVal.toArray() },
    seen: { offsets: sOff.toArray(), values: sVal.toArray() },
    targetPairs: tVal.length,
  };
}
