/**
 * The statistics the Data panel shows: `datasetStats` (src/core/data/stats.ts) turned into one
 * plain object the views draw directly, that is stored beside the dataset (IndexedDB) and sent
 * from the worker. Pure: no DOM, runs in the data worker.
 */
import { datasetStats } from '../../core/data/stats';
import { ACTION_CODE, ACTION_KINDS, NO_SHOPPER, type Dataset } from '../../core/data/types';

export interface SeqLengthBin {
  /** Inclusive bounds of the bin (number of events per shopper). */
  lo: number;
  hi: number;
  shoppers: number;
}

export interface TopItem {
  index: number;
  id: string;
  title: string;
  /** Positive events (engagement: every action but cancel, ratings ≥ 4). */
  positive: number;
  /** Distinct known shoppers with a positive event on the item. */
  shoppers: number;
}

export interface DataStats {
  events: number;
  positiveEvents: number;
  /** Distinct known shoppers that have at least one event. */
  shoppers: number;
  /** Shoppers in the shopper table (may include shoppers whose events were all rejected). */
  shopperTable: number;
  /** Distinct items that have at least one event. */
  items: number;
  /** Items in the item table (may include items never seen in events). */
  catalogueItems: number;
  baskets: number;
  /** Events without a known shopper (guest lines, anonymous sessions). */
  guestEvents: number;
  firstMs: number;
  lastMs: number;
  realTime: boolean;
  /** Events per action kind, in ACTION_KINDS order, kinds with no events left out. */
  actions: { kind: string; events: number }[];
  /** Events per UTC day from `startMs`, one series per action kind present (days = 0 without real times). */
  perDay: { startMs: number; days: number; series: { kind: string; counts: number[] }[] };
  /** Events-per-shopper histogram (log2 bins). */
  seqLengths: { bins: SeqLengthBin[]; mean: number; median: number; max: number };
  topItems: TopItem[];
}

export function computeStats(ds: Dataset, topN = 20): DataStats {
  const s = datasetStats(ds, { topK: topN });
  const days = s.perDay.day.length;
  const actions: DataStats['actions'] = [];
  const series: DataStats['perDay']['series'] = [];
  ACTION_KINDS.forEach((kind, a) => {
    const events = s.perAction[kind];
    if (!events) return;
    actions.push({ kind, events });
    if (days > 0) series.push({ kind, counts: Array.from(s.perDay.byAction.subarray(a * days, (a + 1) * days)) });
  });

  // Sequence-length summary (mean / median / max) from the histogram and a counting pass.
  const perShopper = new Uint32Array(ds.shoppers.length);
  const ev = ds.events;
  for (let i = 0; i < ev.length; i++) {
    const sh = ev.shopper[i];
    if (sh !== NO_SHOPPER && sh < perShopper.length) perShopper[sh]++;
  }
  const lens = Array.from(perShopper).filter((c) => c > 0).sort((a, b) => a - b);
  const sum = lens.reduce((a, b) => a + b, 0);

  // Distinct engaged shoppers of the top items (a Set per top item; the list is short).
  const rank = new Map(s.topItems.map((t, r) => [t.index, r]));
  const seen = s.topItems.map(() => new Set<number>());
  for (let i = 0; i < ev.length; i++) {
    const r = rank.get(ev.item[i]);
    if (r !== undefined && ev.shopper[i] !== NO_SHOPPER && ev.action[i] !== ACTION_CODE.cancel) seen[r].add(ev.shopper[i]);
  }

  return {
    events: s.events,
    positiveEvents: s.positiveEvents,
    shoppers: s.shoppers,
    shopperTable: s.shopperTable,
    items: s.items,
    catalogueItems: s.catalogueItems,
    baskets: s.baskets,
    guestEvents: s.anonymousEvents,
    firstMs: s.timeSpan.start,
    lastMs: s.timeSpan.end,
    realTime: ds.fields.realTime,
    actions,
    perDay: { startMs: s.perDay.startMs, days, series },
    seqLengths: {
      bins: s.seqLengthHistogram.map((b) => ({ lo: b.lo, hi: b.hi, shoppers: b.shoppers })),
      mean: lens.length ? sum / lens.length : 0,
      median: lens.length ? lens[Math.floor((lens.length - 1) / 2)] : 0,
      max: lens.length ? lens[lens.length - 1] : 0,
    },
    topItems: s.topItems.map((t, r) => ({ index: t.index, id: t.id, title: t.title, positive: t.count, shoppers: seen[r].size })),
  };
}
