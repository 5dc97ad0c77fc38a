/**
 * Shopper histories for the feeds: each known shopper's view-like and purchase events in time
 * order, from the event table (events before a time) plus events appended later (the
 * near-real-time refresh). Only the columns the composer needs are kept.
 */
import { ACTION_CODE, NO_SHOPPER, type Dataset } from '../data/types';
import { isViewLike } from '../eval/splits/p3-pairs';
import { eventsByShopper, groupCount, type EventGroups } from '../eval/splits/groups';
import { firstIndexAtOrAfter } from '../eval/splits/time';

export type FeedAction = 'view' | 'purchase';

/** New events (e.g. since the last refresh); columns of equal length, time-ascending. */
export interface NewEvents {
  shopper: ArrayLike<number>;
  item: ArrayLike<number>;
  action: ArrayLike<number>;
  timestamp: ArrayLike<number>;
}

export interface HistoryView {
  readonly length: number;
  item(k: number): number;
  /** 'view' for view-like events, 'purchase' for purchases. */
  action(k: number): FeedAction;
  time(k: number): number;
}

/** 1 = view-like, 2 = purchase, 0 = not a feed query. */
export function feedActionCode(action: number): 0 | 1 | 2 {
  return action === ACTION_CODE.purchase ? 2 : isViewLike(action) ? 1 : 0;
}

interface Appended {
  item: number[];
  kind: number[];
  time: number[];
}

export class ShopperEvents {
  private readonly groups: EventGroups;
  private readonly appended = new Map<number, Appended>();
  readonly nShoppers: number;

  /** Events of `ds` before `before` (default: all). */
  constructor(
    private readonly ds: Dataset,
    before = Infinity,
  ) {
    const ev = ds.events;
    const end = before === Infinity ? ev.length : firstIndexAtOrAfter(ev.timestamp, before);
    this.nShoppers = groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length);
    this.groups = eventsByShopper(ev, this.nShoppers, 0, end, (e) => ev.item[e] < ds.items.length && feedActionCode(ev.action[e]) !== 0);
  }

  /** Shoppers with at least one query event, ascending. */
  shoppers(): Uint32Array {
    const out: number[] = [];
    for (let s = 0; s < this.nShoppers; s++) if (this.count(s) > 0) out.push(s);
    return Uint32Array.from(out);
  }

  count(s: number): number {
    const base = s < this.nShoppers ? this.groups.offsets[s + 1] - this.groups.offsets[s] : 0;
    return base + (this.appended.get(s)?.item.length ?? 0);
  }

  /** Appends events (only view-like and purchase events of known shoppers are kept); returns the shoppers touched. */
  append(ne: NewEvents): Set<number> {
    const touched = new Set<number>();
    const nItems = this.ds.items.length;
    for (let j = 0; j < ne.item.length; j++) {
      const s = ne.shopper[j];
      const kind = feedActionCode(ne.action[j]);
      if (s === NO_SHOPPER || kind === 0 || ne.item[j] >= nItems) continue;
      let a = this.appended.get(s);
      if (!a) this.appended.set(s, (a = { item: [], kind: [], time: [] }));
      a.item.push(ne.item[j]);
      a.kind.push(kind);
      a.time.push(ne.timestamp[j]);
      touched.add(s);
    }
    return touched;
  }

  history(s: number): HistoryView {
    const ev = this.ds.events;
    const lo = s < this.nShoppers ? this.groups.offsets[s] : 0;
    const nb = s < this.nShoppers ? this.groups.offsets[s + 1] - lo : 0;
    const events = this.groups.events;
    const a = this.appended.get(s);
    const len = nb + (a?.item.length ?? 0);
    return {
      length: len,
      item: (k) => (k < nb ? ev.item[events[lo + k]] : a!.item[k - nb]),
      action: (k) => ((k < nb ? feedActionCode(ev.action[events[lo + k]]) : a!.kind[k - nb]) === 2 ? 'purchase' : 'view'),
      time: (k) => (k < nb ? ev.timestamp[events[lo + k]] : a!.time[k - nb]),
    };
  }
}
