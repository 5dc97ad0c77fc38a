/**
 * The statistics the Data panel shows, as one plain JSON-able object (stored beside the dataset
 * and sent from the worker). Pure: no DOM, runs in the data worker.
 */
import { ACTION_KINDS, NO_SHOPPER, type Dataset } from '../../core/data/types';

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
  events: number;
  shoppers: number;
}

export interface DataStats {
  events: number;
  /** Distinct known shoppers that have at least one event. */
  shoppers: number;
  /** Distinct items that have at least one event. */
  items: number;
  /** Shoppers in the shopper table (may include shoppers whose events were all rejected). */
  shopperTable: number;
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
  /** Events per UTC day from `perDay.startMs`, one series per action kind present. */
  perDay: { startMs: number; days: number; series: { kind: string; counts: number[] }[] };
  /** Events-per-shopper histogram, log-spaced bins. */
  seqLengths: { bins: SeqLengthBin[]; mean: number; median: number; max: number };
  topItems: TopItem[];
}

const DAY_MS = 86_400_000;

function logBins(max: number): [number, number][] {
  const edges = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  const bins: [number, number][] = [];
  for (let i = 0; i < edges.length; i++) {
    const lo = edges[i];
    if (lo > max) break;
    const hi = i + 1 < edges.length ? edges[i + 1] - 1 : Number.MAX_SAFE_INTEGER;
    bins.push([lo, Math.min(hi, Math.max(lo, max))]);
  }
  return bins;
}

export function computeStats(ds: Dataset, topN = 20): DataStats {
  const e = ds.events;
  const n = e.length;
  const nShoppers = ds.shoppers.length;
  const nItems = ds.items.length;
  const perShopper = new Uint32Array(nShoppers);
  const perItem = new Uint32Array(nItems);
  const actionCounts = new Float64Array(ACTION_KINDS.length);
  let guests = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = e.timestamp[i];
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const startMs = n > 0 ? Math.floor(first / DAY_MS) * DAY_MS : 0;
  const nDays = n > 0 ? Math.floor((last - startMs) / DAY_MS) + 1 : 0;
  const perDay = new Float64Array(ACTION_KINDS.length * nDays);
  for (let i = 0; i < n; i++) {
    const s = e.shopper[i];
    if (s === NO_SHOPPER) guests++;
    else perShopper[s]++;
    perItem[e.item[i]]++;
    const a = e.action[i];
    actionCounts[a]++;
    if (nDays > 0) perDay[a * nDays + Math.floor((e.timestamp[i] - startMs) / DAY_MS)]++;
  }
  let shoppers = 0;
  let maxLen = 0;
  let sumLen = 0;
  for (let s = 0; s < nShoppers; s++) {
    const c = perShopper[s];
    if (c > 0) {
      shoppers++;
      sumLen += c;
      if (c > maxLen) maxLen = c;
    }
  }
  const bins = logBins(maxLen).map(([lo, hi]) => ({ lo, hi, shoppers: 0 }));
  const lens: number[] = [];
  for (let s = 0; s < nShoppers; s++) {
    const c = perShopper[s];
    if (c === 0) continue;
    lens.push(c);
    for (const b of bins) {
      if (c >= b.lo && c <= b.hi) {
        b.shoppers++;
        break;
      }
    }
  }
  lens.sort((a, b) => a - b);
  let items = 0;
  for (let i = 0; i < nItems; i++) if (perItem[i] > 0) items++;

  // Top items by events, then distinct shoppers for just those.
  const order = Array.from({ length: nItems }, (_, i) => i)
    .filter((i) => perItem[i] > 0)
    .sort((a, b) => perItem[b] - perItem[a] || a - b)
    .slice(0, topN);
  const topIndex = new Map(order.map((item, rank) => [item, rank]));
  const seen = order.map(() => new Set<number>());
  for (let i = 0; i < n; i++) {
    const rank = topIndex.get(e.item[i]);
    if (rank !== undefined && e.shopper[i] !== NO_SHOPPER) seen[rank].add(e.shopper[i]);
  }
  const series: { kind: string; counts: number[] }[] = [];
  const actions: { kind: string; events: number }[] = [];
  ACTION_KINDS.forEach((kind, a) => {
    if (actionCounts[a] === 0) return;
    actions.push({ kind, events: actionCounts[a] });
    series.push({ kind, counts: Array.from(perDay.subarray(a * nDays, (a + 1) * nDays)) });
  });
  return {
    events: n,
    shoppers,
    shopperTable: nShoppers,
    items,
    catalogueItems: nItems,
    baskets: ds.baskets.length,
    guestEvents: guests,
    firstMs: n > 0 ? first : NaN,
    lastMs: n > 0 ? last : NaN,
    realTime: ds.fields.realTime,
    actions,
    perDay: { startMs, days: nDays, series },
    seqLengths: {
      bins,
      mean: shoppers > 0 ? sumLen / shoppers : 0,
      median: lens.length ? lens[Math.floor((lens.length - 1) / 2)] : 0,
      max: maxLen,
    },
    topItems: order.map((i, rank) => ({
      index: i,
      id: ds.items.ids[i],
      title: ds.items.title[i] ?? '',
      events: perItem[i],
      shoppers: seen[rank].size,
    })),
  };
}
