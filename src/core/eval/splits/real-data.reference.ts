/**
 * Straightforward reference implementations of the protocol rules for the real-data tests:
 * string ids, Maps and Sets, no typed-array tricks, written apart from the split code so the
 * two can check each other. Slow; tests only.
 */
import { ACTION_CODE, NO_SHOPPER, type Dataset } from '../../data/types';

const DAY = 86_400_000;

export interface RefEvent {
  e: number;
  shopper: string | null;
  item: string;
  action: number;
  t: number;
  basket: string | null;
  value: number;
}

export function refEvents(ds: Dataset): RefEvent[] {
  const ev = ds.events;
  const out: RefEvent[] = [];
  for (let e = 0; e < ev.length; e++) {
    out.push({
      e,
      shopper: ev.shopper[e] === NO_SHOPPER ? null : ds.shoppers[ev.shopper[e]],
      item: ds.items.ids[ev.item[e]],
      action: ev.action[e],
      t: ev.timestamp[e],
      basket: ev.basket[e] === 0xffffffff ? null : ds.baskets[ev.basket[e]],
      value: ev.value[e],
    });
  }
  return out;
}

/** PROTOCOLS.md: every kind but cancel; ratings only when ≥ 4 (an unknown rating value counts). */
const positive = (r: RefEvent): boolean =>
  r.action !== ACTION_CODE.cancel && !(r.action === ACTION_CODE.rating && r.value < 4);

function groupBy<K>(rows: RefEvent[], key: (r: RefEvent) => K | null): Map<K, RefEvent[]> {
  const m = new Map<K, RefEvent[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  for (const list of m.values()) list.sort((a, b) => a.t - b.t || a.e - b.e);
  return m;
}

export function refTimes(rows: RefEvent[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    start = Math.min(start, r.t);
    end = Math.max(end, r.t);
  }
  return { start, end };
}

/**
 * P1 basket pairs of the test (or train) period: `all` (uncapped, a byte matrix over item indices), `small`
 * (those of baskets with ≤ cap eligible pairs), `bound` = Σ over baskets of min(cap, #pairs).
 */
export function refP1Basket(
  ds: Dataset,
  rows: RefEvent[],
  tTest: number,
  cap: number,
  period: 'test' | 'train' = 'test',
): { all: Uint8Array; allCount: number; small: Set<string>; bound: number; cappedBaskets: number } {
  const n = ds.items.length;
  const index = new Map(ds.items.ids.map((id, k) => [id, k]));
  // test period: queries need a train event; train period: no query filter (training pairs)
  const trainItems = new Set(rows.filter((r) => r.t < tTest).map((r) => r.item));
  const baskets = groupBy(
    rows.filter((r) => (period === 'test' ? r.t >= tTest : r.t < tTest) && positive(r)),
    (r) => r.basket,
  );
  const all = new Uint8Array(n * n);
  const small = new Set<string>();
  let bound = 0;
  let cappedBaskets = 0;
  for (const list of baskets.values()) {
    const items = [...new Set(list.map((r) => r.item))];
    const queries = period === 'test' ? items.filter((q) => trainItems.has(q)) : items;
    const count = queries.length * (items.length - 1);
    bound += Math.min(cap, count);
    if (count > cap) cappedBaskets++;
    for (const q of queries) {
      const a = index.get(q) ?? -1;
      for (const i of items) {
        if (i === q) continue;
        all[a * n + (index.get(i) ?? -1)] = 1;
        if (count <= cap) small.add(`${q}>${i}`);
      }
    }
  }
  let allCount = 0;
  for (const x of all) allCount += x;
  return { all, allCount, small, bound, cappedBaskets };
}

/** P1 sequence pairs of the test period. */
export function refP1Sequence(rows: RefEvent[], tTest: number, windowMs: number): Set<string> {
  const trainItems = new Set(rows.filter((r) => r.t < tTest).map((r) => r.item));
  const out = new Set<string>();
  for (const list of groupBy(rows, (r) => r.shopper).values()) {
    const seq = list.filter((r) => r.t >= tTest && positive(r));
    // runs of one item: q is timed by the last event of its run, i by the first of its run
    const runs: { item: string; first: number; last: number }[] = [];
    for (const r of seq) {
      const last = runs[runs.length - 1];
      if (last && last.item === r.item) last.last = r.t;
      else runs.push({ item: r.item, first: r.t, last: r.t });
    }
    for (let k = 1; k < runs.length; k++) {
      const q = runs[k - 1];
      const i = runs[k];
      if (i.first - q.last <= windowMs && trainItems.has(q.item)) out.add(`${q.item}>${i.item}`);
    }
  }
  return out;
}

export interface RefP2Shopper {
  history: RefEvent[];
  targets: string[];
  seen: Set<string>;
}

export function refP2(rows: RefEvent[], t0: number, days: number): Map<string, RefP2Shopper> {
  const out = new Map<string, RefP2Shopper>();
  for (const [id, list] of groupBy(rows, (r) => r.shopper)) {
    const history = list.filter((r) => r.t < t0);
    const targets: string[] = [];
    for (const r of list) if (r.t > t0 && r.t <= t0 + days * DAY && positive(r) && !targets.includes(r.item)) targets.push(r.item);
    if (history.length > 0 && targets.length > 0) out.set(id, { history, targets, seen: new Set(history.map((r) => r.item)) });
  }
  return out;
}

/** buy-buy pairs as a byte matrix over item indices (known shoppers only). */
export function refBuyBuy(ds: Dataset, rows: RefEvent[], sameBasket: boolean, windowMs = 7 * DAY): Uint8Array {
  const n = ds.items.length;
  const index = new Map(ds.items.ids.map((id, k) => [id, k]));
  const m = new Uint8Array(n * n);
  const buys = rows.filter((r) => r.action === ACTION_CODE.purchase && r.shopper !== null);
  for (const list of groupBy(buys, (r) => r.shopper).values()) {
    for (let x = 0; x < list.length; x++) {
      const a = index.get(list[x].item) ?? -1;
      for (let y = x + 1; y < list.length && list[y].t - list[x].t <= windowMs; y++) {
        const b = index.get(list[y].item) ?? -1;
        if (a === b) continue;
        m[a * n + b] = 1;
        if (list[y].t === list[x].t) m[b * n + a] = 1;
      }
    }
  }
  if (sameBasket) {
    for (const list of groupBy(buys, (r) => r.basket).values()) {
      const items = [...new Set(list.map((r) => index.get(r.item) ?? -1))];
      for (const a of items) for (const b of items) if (a !== b) m[a * n + b] = 1;
    }
  }
  return m;
}

/** view-buy pairs (30-minute sessions per shopper). */
export function refViewBuy(rows: RefEvent[], gapMs = 30 * 60_000): Set<string> {
  const viewLike = new Set<number>([ACTION_CODE.view, ACTION_CODE.click, ACTION_CODE.zoom, ACTION_CODE['click-through']]);
  const out = new Set<string>();
  for (const list of groupBy(rows, (r) => r.shopper).values()) {
    const sessions: RefEvent[][] = [];
    for (let k = 0; k < list.length; k++) {
      if (k === 0 || list[k].t - list[k - 1].t > gapMs) sessions.push([]);
      sessions[sessions.length - 1].push(list[k]);
    }
    for (const s of sessions) {
      for (let y = 0; y < s.length; y++) {
        if (s[y].action !== ACTION_CODE.purchase) continue;
        for (let x = 0; x < y; x++) if (viewLike.has(s[x].action) && s[x].item !== s[y].item) out.add(`${s[x].item}>${s[y].item}`);
      }
    }
  }
  return out;
}
