/**
 * P4 — feed replay (PROTOCOLS.md). Cut-off t0 = T_end − 14 days; window t0 < t ≤ t0 + 14 days
 * (P2's convention: an event exactly at t0 is in neither). Eval shoppers: a known shopper with
 * an event before t0 and a purchase in the window. Targets: the distinct target-set items the
 * shopper purchased in the window; a target is "new" when the shopper never purchased it before t0.
 *   recall@feed     = hits / (shopper, purchased target-set item) pairs
 *   recall@feed_new = the same over the new pairs only
 * The control `popular-control` is the same-length list of the target-set items most purchased
 * (purchase events) in the 14 days before t0, identical for every shopper.
 *
 * Business rules and P4: `recall@feed` counts repeat purchases and the protocol's control is not
 * filtered, so a feed under the rule "drop items the shopper already bought" can never hit a repeat
 * pair while the control can. On repeat-heavy data (Online Retail: about half the window pairs are
 * repeats) that compares two different rules, not two rankings. `popularControlExcludingBought`
 * gives the control under the same rule (the most popular items the shopper has not bought, same
 * length), so each arm can be compared under one rule; `recall@feed_new` is unaffected by the rule
 * on the feed side (new pairs are never bought before t0).
 */
import { ACTION_CODE, NO_SHOPPER, type Dataset } from '../data/types';
import { DAY_MS, firstIndexAfter, firstIndexAtOrAfter, timeBounds } from './splits/time';

export interface P4Split {
  readonly t0: number;
  readonly tEnd: number;
  readonly windowEnd: number;
  /** Events [0, trainEnd) are before t0. */
  readonly trainEnd: number;
  /** Eval shoppers, ascending; row r of `targets` belongs to shoppers[r]. */
  readonly shoppers: Uint32Array;
  readonly targets: { readonly offsets: Uint32Array; readonly values: Uint32Array };
  /** 1 where targets.values[j] was never bought by the shopper before t0. */
  readonly isNew: Uint8Array;
  readonly pairs: number;
  readonly pairsNew: number;
  /** Eval shoppers with at least one target-set pair. */
  readonly shoppersWithPairs: number;
}

export interface P4Options {
  windowDays?: number;
}

export function p4CutOff(ds: Dataset, windowDays = 14): number {
  const { end } = timeBounds(ds.events.timestamp);
  if (!Number.isFinite(end)) throw new Error('P4 needs a dataset with events.');
  return end - windowDays * DAY_MS;
}

/** The P4 split for a target set (item mask: 1 = in the set). */
export function p4Split(ds: Dataset, inSet: Uint8Array, opts: P4Options = {}): P4Split {
  const windowDays = opts.windowDays ?? 14;
  const ev = ds.events;
  const { end: tEnd } = timeBounds(ev.timestamp);
  const t0 = p4CutOff(ds, windowDays);
  const windowEnd = t0 + windowDays * DAY_MS;
  const trainEnd = firstIndexAtOrAfter(ev.timestamp, t0);
  const wStart = firstIndexAfter(ev.timestamp, t0);
  const wEnd = firstIndexAfter(ev.timestamp, windowEnd);
  const nS = ds.shoppers.length;
  const nI = ds.items.length;
  const before = new Uint8Array(nS);
  const boughtBefore = new Map<number, Set<number>>();
  for (let e = 0; e < trainEnd; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || s >= nS) continue;
    before[s] = 1;
    if (ev.action[e] === ACTION_CODE.purchase) {
      let b = boughtBefore.get(s);
      if (!b) boughtBefore.set(s, (b = new Set()));
      b.add(ev.item[e]);
    }
  }
  const buys = new Map<number, number[]>();
  for (let e = wStart; e < wEnd; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || s >= nS || before[s] === 0 || ev.action[e] !== ACTION_CODE.purchase) continue;
    let l = buys.get(s);
    if (!l) buys.set(s, (l = []));
    l.push(ev.item[e]);
  }
  const shoppers = Uint32Array.from([...buys.keys()].sort((a, b) => a - b));
  const offsets = new Uint32Array(shoppers.length + 1);
  const values: number[] = [];
  const isNew: number[] = [];
  let withPairs = 0;
  shoppers.forEach((s, r) => {
    const seen = new Set<number>();
    for (const i of buys.get(s)!) {
      if (i >= nI || inSet[i] !== 1 || seen.has(i)) continue;
      seen.add(i);
      values.push(i);
      isNew.push(boughtBefore.get(s)?.has(i) ? 0 : 1);
    }
    if (seen.size) withPairs++;
    offsets[r + 1] = values.length;
  });
  const nw = isNew.reduce((a, b) => a + b, 0);
  return {
    t0,
    tEnd,
    windowEnd,
    trainEnd,
    shoppers,
    targets: { offsets, values: Uint32Array.from(values) },
    isNew: Uint8Array.from(isNew),
    pairs: values.length,
    pairsNew: nw,
    shoppersWithPairs: withPairs,
  };
}

/** The `length` target-set items most purchased in the `days` before t0 (ties: lower index first). */
export function popularControl(ds: Dataset, t0: number, inSet: Uint8Array, length = 20, days = 14): Uint32Array {
  const ev = ds.events;
  const counts = new Float64Array(ds.items.length);
  const a = firstIndexAtOrAfter(ev.timestamp, t0 - days * DAY_MS);
  const b = firstIndexAtOrAfter(ev.timestamp, t0);
  for (let e = a; e < b; e++) if (ev.action[e] === ACTION_CODE.purchase && ev.item[e] < counts.length && inSet[ev.item[e]] === 1) counts[ev.item[e]]++;
  const idx: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) idx.push(i);
  idx.sort((x, y) => counts[y] - counts[x] || x - y);
  return Uint32Array.from(idx.slice(0, length));
}

export interface P4Score {
  'recall@feed': number;
  'recall@feed_new': number;
  hits: number;
  hitsNew: number;
}

/** Scores feeds: `listOf(r)` is the feed (item indices) of split.shoppers[r]. */
export function scoreP4(split: P4Split, listOf: (row: number) => ArrayLike<number>): P4Score {
  let hits = 0;
  let hitsNew = 0;
  for (let r = 0; r < split.shoppers.length; r++) {
    const a = split.targets.offsets[r];
    const b = split.targets.offsets[r + 1];
    if (a === b) continue;
    const list = listOf(r);
    const set = new Set<number>();
    for (let k = 0; k < list.length; k++) set.add(list[k]);
    for (let j = a; j < b; j++) {
      if (set.has(split.targets.values[j])) {
        hits++;
        if (split.isNew[j]) hitsNew++;
      }
    }
  }
  return {
    'recall@feed': split.pairs ? hits / split.pairs : 0,
    'recall@feed_new': split.pairsNew ? hitsNew / split.pairsNew : 0,
    hits,
    hitsNew,
  };
}

/** Items each of `shoppers` purchased before t0 (events [0, trainEnd)). */
export function purchasedBefore(ds: Dataset, trainEnd: number, shoppers: ArrayLike<number>): Map<number, Set<number>> {
  const want = new Set<number>(Array.from(shoppers));
  const out = new Map<number, Set<number>>();
  const ev = ds.events;
  for (let e = 0; e < trainEnd; e++) {
    const s = ev.shopper[e];
    if (ev.action[e] !== ACTION_CODE.purchase || !want.has(s)) continue;
    let b = out.get(s);
    if (!b) out.set(s, (b = new Set()));
    b.add(ev.item[e]);
  }
  return out;
}

/**
 * The popular control under the feed's business rule "drop items the shopper already bought": the
 * first `length` items of `ranking` (popularControl with a long length) that the shopper did not
 * buy before t0.
 */
export function popularControlExcludingBought(ranking: ArrayLike<number>, bought: ReadonlySet<number> | undefined, length: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < ranking.length && out.length < length; k++) if (!bought?.has(ranking[k])) out.push(ranking[k]);
  return out;
}
