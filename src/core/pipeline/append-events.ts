/**
 * A new day's events appended to a dataset, keeping every index of the base: items keep their
 * indices (events on items the base catalogue does not know are skipped: the previous models have
 * no embedding for them), known shoppers keep theirs, new shoppers are appended after the base's.
 * The merged event table stays time-sorted (base events first on equal times).
 */
import { NO_BASKET, NO_SHOPPER, type Dataset } from '../data/types';
import { allocateEventColumns } from '../data/event-builder';

export interface AppendReport {
  /** Events of the day file(s) read. */
  read: number;
  /** Events appended. */
  appended: number;
  /** Skipped: item not in the base catalogue. */
  unknownItems: number;
  /** Skipped: no shopper (guest lines). */
  noShopper: number;
  newShoppers: number;
}

export function appendEvents(base: Dataset, day: Dataset): { dataset: Dataset; report: AppendReport } {
  const itemOf = new Map<string, number>();
  base.items.ids.forEach((id, i) => itemOf.set(id, i));
  const shopperOf = new Map<string, number>();
  base.shoppers.forEach((id, s) => shopperOf.set(id, s));
  const shoppers = base.shoppers.slice();
  const de = day.events;
  const keep: number[] = [];
  const dayShopper: number[] = [];
  const dayItem: number[] = [];
  let unknownItems = 0;
  let noShopper = 0;
  for (let e = 0; e < de.length; e++) {
    const item = itemOf.get(day.items.ids[de.item[e]]);
    if (item === undefined) {
      unknownItems++;
      continue;
    }
    if (de.shopper[e] === NO_SHOPPER) {
      noShopper++;
      continue;
    }
    const sid = day.shoppers[de.shopper[e]];
    let s = shopperOf.get(sid);
    if (s === undefined) {
      s = shoppers.length;
      shoppers.push(sid);
      shopperOf.set(sid, s);
    }
    keep.push(e);
    dayShopper.push(s);
    dayItem.push(item);
  }
  const be = base.events;
  const n = be.length + keep.length;
  const out = allocateEventColumns(n);
  // merge two time-sorted lists; base first on ties
  let a = 0;
  let b = 0;
  for (let k = 0; k < n; k++) {
    if (b >= keep.length || (a < be.length && be.timestamp[a] <= de.timestamp[keep[b]])) {
      out.shopper[k] = be.shopper[a];
      out.item[k] = be.item[a];
      out.action[k] = be.action[a];
      out.timestamp[k] = be.timestamp[a];
      out.device[k] = be.device[a];
      out.duration[k] = be.duration[a];
      out.basket[k] = be.basket[a];
      out.value[k] = be.value[a];
      a++;
    } else {
      const e = keep[b];
      out.shopper[k] = dayShopper[b];
      out.item[k] = dayItem[b];
      out.action[k] = de.action[e];
      out.timestamp[k] = de.timestamp[e];
      out.device[k] = de.device[e];
      out.duration[k] = de.duration[e];
      out.basket[k] = NO_BASKET;
      out.value[k] = de.value[e];
      b++;
    }
  }
  return {
    dataset: { ...base, events: out, shoppers, meta: { ...base.meta, appendedEvents: keep.length } },
    report: { read: de.length, appended: keep.length, unknownItems, noShopper, newShoppers: shoppers.length - base.shoppers.length },
  };
}
