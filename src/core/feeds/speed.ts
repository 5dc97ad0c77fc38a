/**
 * The two feed speed measurements of PROTOCOLS.md "Benchmarks", shared by the bench case (in the
 * feeds worker, in the browser) and Node runs:
 *   pfeed.feeds_all  — feeds for every shopper with a query event, from a built lookup table
 *                      (the table build itself is reported apart, `indexSeconds`)
 *   pfeed.refresh_1k — the most recent events of the dataset that reach 1,000 distinct shoppers
 *                      arrive as new events after the feeds were composed; the refresh window
 *                      is widened to cover them, so exactly those shoppers are recomposed
 * Medians over `repeats`.
 */
import { NO_SHOPPER, type Dataset } from '../data/types';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { buildLookupTable } from '../retrieval/lookup-table';
import { composeAll, composerFor } from './composer';
import { feedActionCode, ShopperEvents } from './history';
import { bookOf, refreshFeeds } from './refresh';
import { standInRoleEmbeddings } from './standin-embeddings';
import { selectTargetSet } from './target-sets';

export interface FeedSpeed {
  shoppers: number;
  feedsAllSeconds: number[];
  indexSeconds: number;
  refreshSeconds: number[];
  refreshShoppers: number;
  refreshEvents: number;
  refreshWindowMinutes: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** First event index of the shortest suffix of the event table whose query events reach `n` distinct shoppers. */
export function suffixWithShoppers(ds: Dataset, n: number): number {
  const ev = ds.events;
  const seen = new Set<number>();
  let e = ev.length;
  while (e > 0 && seen.size < n) {
    e--;
    if (ev.shopper[e] !== NO_SHOPPER && feedActionCode(ev.action[e]) !== 0) seen.add(ev.shopper[e]);
  }
  // keep events of equal time together
  while (e > 0 && ev.timestamp[e - 1] === ev.timestamp[e]) e--;
  return e;
}

export async function measureFeedSpeed(ds: Dataset, opts: { embeddings?: ItemRoleEmbeddings; repeats?: number; refreshShoppers?: number; log?: (l: string) => void } = {}): Promise<FeedSpeed> {
  const repeats = opts.repeats ?? 3;
  const ev = ds.events;
  const emb = opts.embeddings ?? standInRoleEmbeddings(ds);
  let t = performance.now();
  const table = await buildLookupTable(ds, emb, selectTargetSet(ds, { kind: 'all' }));
  const indexSeconds = (performance.now() - t) / 1000;
  opts.log?.(`lookup table: ${indexSeconds.toFixed(2)} s`);
  const atEnd = ev.timestamp[ev.length - 1] + 1;
  const composer = composerFor(table, ds, {}, atEnd);
  const all = new ShopperEvents(ds, atEnd);
  const shoppers = all.shoppers();
  const feedsAllSeconds: number[] = [];
  for (let r = 0; r < repeats; r++) {
    t = performance.now();
    composeAll(composer, all, atEnd, shoppers);
    feedsAllSeconds.push((performance.now() - t) / 1000);
  }
  opts.log?.(`feeds for ${shoppers.length} shoppers: ${feedsAllSeconds.map((s) => s.toFixed(3)).join(', ')} s`);
  const a = suffixWithShoppers(ds, opts.refreshShoppers ?? 1000);
  const cut = ev.timestamp[a];
  const now = ev.timestamp[ev.length - 1];
  const fresh = { shopper: ev.shopper.subarray(a), item: ev.item.subarray(a), action: ev.action.subarray(a), timestamp: ev.timestamp.subarray(a) };
  const windowMinutes = (now - cut) / 60_000 + 1;
  const refreshSeconds: number[] = [];
  let recomposed = 0;
  for (let r = 0; r < repeats; r++) {
    const events = new ShopperEvents(ds, cut);
    const book = bookOf(composeAll(composer, events, cut), cut);
    t = performance.now();
    const rep = refreshFeeds(book, events, composer, fresh, now, windowMinutes);
    refreshSeconds.push((performance.now() - t) / 1000);
    recomposed = rep.recomposed;
  }
  opts.log?.(`refresh of ${recomposed} shoppers (${ev.length - a} new events): ${refreshSeconds.map((s) => s.toFixed(3)).join(', ')} s`);
  return { shoppers: shoppers.length, feedsAllSeconds, indexSeconds, refreshSeconds, refreshShoppers: recomposed, refreshEvents: ev.length - a, refreshWindowMinutes: windowMinutes };
}
