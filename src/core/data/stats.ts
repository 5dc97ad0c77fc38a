/**
 * Dataset statistics for the Data panel, manifests and reports: one pass over the event
 * columns plus one over the shopper and item counts. No DOM.
 */
import { ACTION_KINDS, NO_SHOPPER, isPositiveEvent, type ActionKind, type Dataset } from './types';

const DAY_MS = 86_400_000;

export interface SeqLengthBucket {
  /** Inclusive bounds: shoppers with lo ≤ #events ≤ hi. Buckets are powers of two: 1, 2–3, 4–7, … */
  lo: number;
  hi: number;
  label: string;
  shoppers: number;
}

export interface TopItemStat {
  index: number;
  id: string;
  title: string;
  /** Positive events of the item. */
  count: number;
}

export interface DatasetStats {
  events: number;
  /** Distinct known shoppers with at least one event. */
  shoppers: number;
  /** Distinct items with at least one event. */
  items: number;
  /** Sizes of the shopper and item tables (may include rows without events). */
  shopperTable: number;
  catalogueItems: number;
  baskets: number;
  /** Events without a known shopper (NO_SHOPPER). */
  anonymousEvents: number;
  /** Events that count as positive (isPositiveEvent). */
  positiveEvents: number;
  perAction: Record<ActionKind, number>;
  /**
   * Events per UTC day, every day from the first to the last event (empty days included);
   * empty when the dataset has no real times or spans more than `maxDays` days.
   * `byAction[a * day.length + d]` = events of action code a on day d.
   */
  perDay: { startMs: number; day: string[]; count: Uint32Array; byAction: Uint32Array };
  /** Events per shopper (known shoppers with ≥ 1 event), log2-spaced buckets up to the longest. */
  seqLengthHistogram: SeqLengthBucket[];
  /** The `topK` items by positive events, most first (ties: lower index first). */
  topItems: TopItemStat[];
  /** First and last timestamp in ms (NaN for an empty dataset). */
  timeSpan: { start: number; end: number };
}

export interface DatasetStatsOptions {
  /** Default 20. */
  topK?: number;
  /** Longest per-day series (days); longer spans give an empty perDay. Default 36,600. */
  maxDays?: number;
}

export function datasetStats(ds: Dataset, opts: DatasetStatsOptions = {}): DatasetStats {
  const ev = ds.events;
  const n = ev.length;
  const nShoppers = ds.shoppers.length;
  const nItems = ds.items.length;
  const nKinds = ACTION_KINDS.length;
  const topK = opts.topK ?? 20;
  const maxDays = opts.maxDays ?? 36_600;

  const start = n > 0 ? ev.timestamp[0] : NaN;
  const end = n > 0 ? ev.timestamp[n - 1] : NaN;
  const startDay = n > 0 ? Math.floor(start / DAY_MS) : 0;
  const spanDays = n > 0 ? Math.floor(end / DAY_MS) - startDay + 1 : 0;
  const nDays = ds.fields.realTime && Number.isFinite(spanDays) && spanDays <= maxDays ? spanDays : 0;

  const perShopper = new Uint32Array(nShoppers);
  const itemEvents = new Uint32Array(nItems);
  const itemPositive = new Uint32Array(nItems);
  const actionCount = new Float64Array(256);
  const byAction = new Uint32Array(nKinds * nDays);
  let anonymous = 0;
  let positive = 0;

  for (let e = 0; e < n; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER) anonymous++;
    else if (s < nShoppers) perShopper[s]++;
    const a = ev.action[e];
    actionCount[a]++;
    const item = ev.item[e];
    const pos = isPositiveEvent(a, ev.value[e]);
    if (pos) positive++;
    if (item < nItems) {
      itemEvents[item]++;
      if (pos) itemPositive[item]++;
    }
    if (nDays > 0 && a < nKinds) byAction[a * nDays + (Math.floor(ev.timestamp[e] / DAY_MS) - startDay)]++;
  }

  const perAction = Object.fromEntries(ACTION_KINDS.map((k, a) => [k, actionCount[a]])) as Record<ActionKind, number>;

  const count = new Uint32Array(nDays);
  for (let a = 0; a < nKinds; a++) for (let d = 0; d < nDays; d++) count[d] += byAction[a * nDays + d];
  const day: string[] = new Array<string>(nDays);
  for (let d = 0; d < nDays; d++) day[d] = new Date((startDay + d) * DAY_MS).toISOString().slice(0, 10);

  let shoppers = 0;
  let maxLen = 0;
  for (let s = 0; s < nShoppers; s++) {
    const c = perShopper[s];
    if (c > 0) {
      shoppers++;
      if (c > maxLen) maxLen = c;
    }
  }
  const seqLengthHistogram: SeqLengthBucket[] = [];
  for (let lo = 1; lo <= maxLen; lo *= 2) {
    const hi = lo * 2 - 1;
    seqLengthHistogram.push({ lo, hi, label: lo === hi ? `${lo}` : `${lo}–${hi}`, shoppers: 0 });
  }
  for (let s = 0; s < nShoppers; s++) {
    const c = perShopper[s];
    if (c > 0) seqLengthHistogram[31 - Math.clz32(c)].shoppers++;
  }

  let items = 0;
  // top-k by positive events: a small sorted list (count desc, index asc)
  const top: number[] = [];
  for (let i = 0; i < nItems; i++) {
    if (itemEvents[i] > 0) items++;
    const c = itemPositive[i];
    if (c === 0 || topK <= 0) continue;
    if (top.length === topK && c <= itemPositive[top[top.length - 1]]) continue;
    let k = top.length;
    while (k > 0 && itemPositive[top[k - 1]] < c) k--;
    top.splice(k, 0, i);
    if (top.length > topK) top.pop();
  }

  return {
    events: n,
    shoppers,
    items,
    shopperTable: nShoppers,
    catalogueItems: nItems,
    baskets: ds.baskets.length,
    anonymousEvents: anonymous,
    positiveEvents: positive,
    perAction,
    perDay: { startMs: startDay * DAY_MS, day, count, byAction },
    seqLengthHistogram,
    topItems: top.map((i) => ({ index: i, id: ds.items.ids[i], title: ds.items.title[i] ?? '', count: itemPositive[i] })),
    timeSpan: { start, end },
  };
}
