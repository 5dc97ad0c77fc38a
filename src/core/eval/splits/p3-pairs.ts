/**
 * P3 — query-to-item pair rules (PROTOCOLS.md), over the events [0, end):
 *
 * view-buy (v, b): sessions are cut per shopper where the gap between two consecutive events
 *   of that shopper (any kind) is > 30 min (exactly 30 min stays in the session). A session
 *   "ends with the purchase of b" for every purchase event of b in it: each item v with a
 *   view-like event (view, click, zoom, click-through) earlier in the same session (earlier in
 *   table order, so earlier or equal in time) gives (v, b), v ≠ b. Views after a session's last
 *   purchase give nothing. Anonymous events have no session and give nothing.
 * buy-buy (a, b): a ≠ b, both purchased by the same known shopper, (i) in the same basket
 *   (both orders, whatever the times) or (ii) b purchased at most 7 days after a:
 *   0 ≤ t_b − t_a ≤ 7 days, inclusive (equal times give both orders). Anonymous (NO_SHOPPER)
 *   purchases give no buy-buy pair, not even within a guest invoice: "the same shopper" is
 *   unknown for them. Rule (i) applies to invoice / basket data only (`sameBasket`, default
 *   `detectBasketData`): elsewhere a "basket" may be a whole multi-week session (OTTO's loader
 *   makes each session the basket), which is no order. (With guest invoices counted, Online Retail would give 7.68M pairs,
 *   1,960 targets per query; without, 4.85M and 1,324, the ~1,330 that PROTOCOLS.md quotes.)
 * Both relations are deduplicated and sorted by (q, i). Cancels are never purchases.
 */
import { ACTION_CODE, NO_BASKET, NO_SHOPPER, type Dataset } from '../../data/types';
import { detectBasketData } from './co-engagement';
import { eventsByBasket, eventsByShopper, groupCount } from './groups';
import { pairCollector, type ItemPairs } from './pairs';
import { DAY_MS, MINUTE_MS, firstIndexAtOrAfter } from './time';

export const P3_SESSION_GAP_MS = 30 * MINUTE_MS;
export const P3_BUY_WINDOW_MS = 7 * DAY_MS;

export type P3Relation = 'view-buy' | 'buy-buy';
export const P3_RELATIONS: readonly P3Relation[] = ['view-buy', 'buy-buy'];

export interface P3PairOptions {
  /** Only events with t < before are used (P4 builds pairs before t0). Default: all events. */
  before?: number;
  sessionGapMs?: number;
  buyWindowMs?: number;
  /** buy-buy: also pair items of the same basket, whatever their times. Default: detectBasketData(ds). */
  sameBasket?: boolean;
}

const VIEW_LIKE = new Uint8Array(256);
VIEW_LIKE[ACTION_CODE.view] = 1;
VIEW_LIKE[ACTION_CODE.click] = 1;
VIEW_LIKE[ACTION_CODE.zoom] = 1;
VIEW_LIKE[ACTION_CODE['click-through']] = 1;

/** True for the view-like action codes (view, click, zoom, click-through). */
export function isViewLike(action: number): boolean {
  return VIEW_LIKE[action] === 1;
}

function endIndex(ds: Dataset, before: number | undefined): number {
  return before === undefined ? ds.events.length : firstIndexAtOrAfter(ds.events.timestamp, before);
}

/** Session number of every event of [0, end) (per shopper, gap > sessionGapMs); -1 for anonymous. */
export function sessionIds(ds: Dataset, opts: P3PairOptions = {}): Int32Array {
  const ev = ds.events;
  const end = endIndex(ds, opts.before);
  const gap = opts.sessionGapMs ?? P3_SESSION_GAP_MS;
  const { offsets, events } = eventsByShopper(ev, groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length), 0, end);
  const out = new Int32Array(end).fill(-1);
  let session = -1;
  for (let s = 0; s + 1 < offsets.length; s++) {
    let prevT = -Infinity;
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      const e = events[k];
      const t = ev.timestamp[e];
      if (k === offsets[s] || t - prevT > gap) session++;
      out[e] = session;
      prevT = t;
    }
  }
  return out;
}

export function viewBuyPairs(ds: Dataset, opts: P3PairOptions = {}): ItemPairs {
  const ev = ds.events;
  const nItems = ds.items.length;
  const end = endIndex(ds, opts.before);
  const gap = opts.sessionGapMs ?? P3_SESSION_GAP_MS;
  const { offsets, events } = eventsByShopper(ev, groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length), 0, end);
  const set = pairCollector(nItems);
  const stamp = new Int32Array(nItems).fill(-1);
  const viewed: number[] = [];
  let session = -1;
  for (let s = 0; s + 1 < offsets.length; s++) {
    let prevT = -Infinity;
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      const e = events[k];
      const t = ev.timestamp[e];
      if (k === offsets[s] || t - prevT > gap) {
        session++;
        viewed.length = 0;
      }
      prevT = t;
      const item = ev.item[e];
      if (item >= nItems) continue;
      const a = ev.action[e];
      if (VIEW_LIKE[a] === 1) {
        if (stamp[item] !== session) {
          stamp[item] = session;
          viewed.push(item);
        }
      } else if (a === ACTION_CODE.purchase) {
        for (const v of viewed) if (v !== item) set.add(v, item);
      }
    }
  }
  return set.toPairs();
}

export function buyBuyPairs(ds: Dataset, opts: P3PairOptions = {}): ItemPairs {
  const ev = ds.events;
  const nItems = ds.items.length;
  const end = endIndex(ds, opts.before);
  const window = opts.buyWindowMs ?? P3_BUY_WINDOW_MS;
  const isPurchase = (e: number): boolean =>
    ev.action[e] === ACTION_CODE.purchase && ev.item[e] < nItems && ev.shopper[e] !== NO_SHOPPER;
  const set = pairCollector(nItems, 1 << 16);

  // (i) same basket, both orders
  const sameBasket = opts.sameBasket ?? detectBasketData(ds);
  const byBasket = sameBasket
    ? eventsByBasket(ev, groupCount(ev.basket, NO_BASKET, ds.baskets.length), 0, end, isPurchase)
    : { offsets: new Uint32Array(1), events: new Uint32Array(0) };
  const stamp = new Int32Array(nItems).fill(-1);
  const items: number[] = [];
  for (let b = 0; b + 1 < byBasket.offsets.length; b++) {
    items.length = 0;
    for (let k = byBasket.offsets[b]; k < byBasket.offsets[b + 1]; k++) {
      const item = ev.item[byBasket.events[k]];
      if (stamp[item] !== b) {
        stamp[item] = b;
        items.push(item);
      }
    }
    for (const a of items) for (const c of items) if (a !== c) set.add(a, c);
  }

  // (ii) same shopper, 0 ≤ t_b − t_a ≤ window. Repeated (item, time) events are skipped first.
  const byShopper = eventsByShopper(ev, groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length), 0, end, isPurchase);
  const { offsets, events } = byShopper;
  const times: number[] = [];
  const its: number[] = [];
  const lastT = new Float64Array(nItems).fill(NaN);
  for (let s = 0; s + 1 < offsets.length; s++) {
    times.length = 0;
    its.length = 0;
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      const e = events[k];
      const item = ev.item[e];
      const t = ev.timestamp[e];
      if (lastT[item] === t) continue;
      lastT[item] = t;
      times.push(t);
      its.push(item);
    }
    for (let k = offsets[s]; k < offsets[s + 1]; k++) lastT[ev.item[events[k]]] = NaN;
    const n = times.length;
    for (let x = 0; x < n; x++) {
      const ta = times[x];
      const a = its[x];
      for (let y = x + 1; y < n && times[y] - ta <= window; y++) {
        const b = its[y];
        if (a === b) continue;
        set.add(a, b);
        if (times[y] === ta) set.add(b, a);
      }
    }
  }
  return set.toPairs();
}

/** Pairs of one relation. */
export function p3RelationPairs(ds: Dataset, relation: P3Relation, opts: P3PairOptions = {}): ItemPairs {
  return relation === 'view-buy' ? viewBuyPairs(ds, opts) : buyBuyPairs(ds, opts);
}
