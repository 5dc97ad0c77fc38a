/**
 * Near-real-time refresh: new events since the last run are appended to the shopper histories,
 * and only shoppers active in the last N minutes (default 2) — a new event with
 * now − N min < t ≤ now — get a new feed, composed from the same lookup table. Every other feed
 * stays as it was (the same object).
 */
import type { Feed, FeedComposer } from './composer';
import type { NewEvents, ShopperEvents } from './history';

export const DEFAULT_ACTIVE_MINUTES = 2;

export interface FeedBook {
  /** Time of the last run. */
  at: number;
  /** Shopper → their current feed. */
  feeds: Map<number, Feed>;
}

export interface RefreshReport {
  now: number;
  activeMinutes: number;
  /** New events handed in, and those that were feed queries (view-like or purchase of a known shopper). */
  newEvents: number;
  /** Shoppers recomposed (active in the window). */
  recomposed: number;
  /** Recomposed shoppers whose feed items changed. */
  changed: number;
  /** Recomposed shoppers who had no feed before. */
  added: number;
  /** Feeds left as they were. */
  unchanged: number;
  ms: number;
}

export function bookOf(feeds: readonly Feed[], at: number): FeedBook {
  return { at, feeds: new Map(feeds.map((f) => [f.shopper, f])) };
}

export function refreshFeeds(book: FeedBook, events: ShopperEvents, composer: FeedComposer, fresh: NewEvents, now: number, activeMinutes = DEFAULT_ACTIVE_MINUTES): RefreshReport {
  if (!(activeMinutes > 0)) throw new Error(`activeMinutes must be positive (got ${activeMinutes}).`);
  if (now < book.at) throw new Error(`Refresh time ${new Date(now).toISOString()} is before the last run (${new Date(book.at).toISOString()}).`);
  const t0 = performance.now();
  events.append(fresh);
  const from = now - activeMinutes * 60_000;
  const active = new Set<number>();
  for (let j = 0; j < fresh.shopper.length; j++) {
    const t = fresh.timestamp[j];
    if (t > from && t <= now && events.count(fresh.shopper[j]) > 0) active.add(fresh.shopper[j]);
  }
  let changed = 0;
  let added = 0;
  for (const s of active) {
    const before = book.feeds.get(s);
    const f = composer.compose(s, events.history(s), now);
    if (!before) added++;
    else if (before.items.length !== f.items.length || before.items.some((x, i) => x.item !== f.items[i].item)) changed++;
    book.feeds.set(s, f);
  }
  book.at = now;
  return {
    now,
    activeMinutes,
    newEvents: fresh.shopper.length,
    recomposed: active.size,
    changed,
    added,
    unchanged: book.feeds.size - active.size,
    ms: performance.now() - t0,
  };
}
