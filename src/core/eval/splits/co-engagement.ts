/**
 * The P1 co-engagement pair rule (PROTOCOLS.md), shared by the P1 test pairs and the PinSage
 * training pairs:
 * - 'sequence': per shopper, consecutive distinct positive items, i following q within
 *   `windowMs` (24 h, inclusive: t_i − t_q ≤ 24 h). Runs of the same item collapse onto their
 *   last event (A@0h A@10h B@30h gives (A, B), 20 h apart). Non-positive events (cancels) are
 *   skipped, they neither form nor break a pair. Anonymous (NO_SHOPPER) events have no
 *   sequence and form no pairs.
 * - 'basket': every ordered pair of distinct positive items of the same basket (anonymous
 *   baskets included), at most `basketCap` (20) pairs per basket. When a basket has more
 *   eligible pairs, `basketCap` of them are drawn without replacement by an Rng that depends
 *   only on (seed, basket index). "Eligible" = the query passes `queryAllowed`, which is
 *   applied before the cap, so the cap is spent on pairs that can be evaluated.
 * Pairs are deduplicated and returned sorted by (q, i).
 */
import { Rng } from '../../rng';
import { ACTION_CODE, NO_BASKET, NO_SHOPPER, isPositiveEvent, type Dataset } from '../../data/types';
import { eventsByBasket, eventsByShopper, groupCount } from './groups';
import { pairCollector, type ItemPairs } from './pairs';
import { HOUR_MS } from './time';

export type CoEngagementMode = 'sequence' | 'basket';

export const P1_WINDOW_MS = 24 * HOUR_MS;
export const P1_BASKET_CAP = 20;

export interface CoEngagementOptions {
  mode: CoEngagementMode;
  /** Sequence mode: the largest gap from q to i (inclusive). Default 24 h. */
  windowMs?: number;
  /** Basket mode: the most pairs kept per basket. Default 20. */
  basketCap?: number;
  /** Seed of the per-basket draw when a basket has more than `basketCap` pairs. Default 0. */
  seed?: number;
  /** When set, only items q with queryAllowed[q] !== 0 can be the first item of a pair. */
  queryAllowed?: Uint8Array;
}

/** Invoice / basket data: `fields.basket` and ≥ 95% of the positive events are purchases. */
export function detectBasketData(ds: Dataset): boolean {
  if (!ds.fields.basket) return false;
  const ev = ds.events;
  let positive = 0;
  let purchases = 0;
  for (let e = 0; e < ev.length; e++) {
    if (!isPositiveEvent(ev.action[e], ev.value[e])) continue;
    positive++;
    if (ev.action[e] === ACTION_CODE.purchase) purchases++;
  }
  return positive > 0 && purchases >= 0.95 * positive;
}

/** Co-engagement pairs among the events [start, end) (event indices; events are time-sorted). */
export function coEngagementPairs(ds: Dataset, start: number, end: number, opts: CoEngagementOptions): ItemPairs {
  const ev = ds.events;
  const nItems = ds.items.length;
  const allowed = opts.queryAllowed;
  const keep = (e: number): boolean => ev.item[e] < nItems && isPositiveEvent(ev.action[e], ev.value[e]);
  const set = pairCollector(nItems);

  if (opts.mode === 'sequence') {
    const windowMs = opts.windowMs ?? P1_WINDOW_MS;
    const groups = eventsByShopper(ev, groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length), start, end, keep);
    const { offsets, events } = groups;
    for (let s = 0; s + 1 < offsets.length; s++) {
      let prev = -1;
      let prevT = 0;
      for (let k = offsets[s]; k < offsets[s + 1]; k++) {
        const e = events[k];
        const item = ev.item[e];
        const t = ev.timestamp[e];
        if (item !== prev && prev !== -1 && t - prevT <= windowMs && (!allowed || allowed[prev] !== 0)) set.add(prev, item);
        prev = item;
        prevT = t;
      }
    }
    return set.toPairs();
  }

  const cap = opts.basketCap ?? P1_BASKET_CAP;
  const base = new Rng(opts.seed ?? 0);
  const groups = eventsByBasket(ev, groupCount(ev.basket, NO_BASKET, ds.baskets.length), start, end, keep);
  const { offsets, events } = groups;
  const stamp = new Int32Array(nItems).fill(-1);
  const items: number[] = [];
  const queries: number[] = [];
  for (let b = 0; b + 1 < offsets.length; b++) {
    if (offsets[b + 1] - offsets[b] < 2) continue;
    items.length = 0;
    for (let k = offsets[b]; k < offsets[b + 1]; k++) {
      const item = ev.item[events[k]];
      if (stamp[item] !== b) {
        stamp[item] = b;
        items.push(item);
      }
    }
    const n = items.length;
    if (n < 2) continue;
    queries.length = 0;
    for (const q of items) if (!allowed || allowed[q] !== 0) queries.push(q);
    const total = queries.length * (n - 1);
    if (total <= cap) {
      for (const q of queries) for (const i of items) if (i !== q) set.add(q, i);
      continue;
    }
    // pair j ↦ (queries[⌊j / (n−1)⌋], the (j mod (n−1))-th item other than that query)
    const pick = base.fork(b).sampleDistinct(total, cap);
    for (let m = 0; m < pick.length; m++) {
      const j = pick[m];
      const q = queries[Math.floor(j / (n - 1))];
      let r = j % (n - 1);
      let i = -1;
      for (const it of items) {
        if (it === q) continue;
        if (r === 0) {
          i = it;
          break;
        }
        r--;
      }
      set.add(q, i);
    }
  }
  return set.toPairs();
}
