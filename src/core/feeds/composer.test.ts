// Feed composer rules on the synthetic small world (views and purchases, 20 categories, promo flags)
// and on hand-made histories; refresh recomposes only active shoppers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { tinyDataset } from '../eval/splits/tiny-dataset';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { buildLookupTable, type LookupTable } from '../retrieval/lookup-table';
import { composeAll, composerFor, FeedComposer, type Feed } from './composer';
import { parseFeedConfig } from './config';
import { ShopperEvents, type HistoryView } from './history';
import { bookOf, refreshFeeds } from './refresh';
import { standInRoleEmbeddings } from './standin-embeddings';
import { parseTargetSetRule, selectTargetSet } from './target-sets';

let ds: Dataset;
let emb: ItemRoleEmbeddings;
let cut: number;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ds = generateSyntheticSync(syntheticPreset('small')).dataset;
  const ts = ds.events.timestamp;
  cut = ts[Math.floor(ts.length * 0.9)];
  emb = standInRoleEmbeddings(ds, { before: cut, dim: 64 });
});

function historyRows(h: HistoryView): { item: number; action: string; time: number }[] {
  return Array.from({ length: h.length }, (_, k) => ({ item: h.item(k), action: h.action(k), time: h.time(k) }));
}

describe('FeedComposer on synthetic small', () => {
  let table: LookupTable;
  let events: ShopperEvents;
  let feeds: Feed[];
  // the personal part's rules: no popularity prior (popularity.test.ts covers it)
  const cfg = parseFeedConfig({ maxPerCategory: 2, targetsPerQuery: 5, popularityWeight: 0 });

  beforeAll(async () => {
    const promo = selectTargetSet(ds, { kind: 'promo' });
    expect(promo.length).toBeGreaterThan(20);
    expect(promo.length).toBeLessThan(ds.items.length);
    table = await buildLookupTable(ds, emb, promo, { k: 10, cutoff: cut, targetSetName: 'promo' });
    events = new ShopperEvents(ds, cut);
    feeds = composeAll(new FeedComposer(table, ds.items, cfg), events, cut);
  });

  it('has both query roles (the synthetic world has views)', () => {
    expect(table.roles['view-query'].queries.length).toBeGreaterThan(100);
    expect(table.roles['buy-query'].queries.length).toBeGreaterThan(100);
    expect(feeds.length).toBeGreaterThan(500);
  });

  it('respects the rules: indexed set only, nothing bought, category cap, ≤ 100 queries, ≤ targetsPerQuery per query, explained by own history', () => {
    const inSet = new Set(table.targetSet);
    let nonEmpty = 0;
    let withView = 0;
    // violations are collected (one expect per check at the end keeps the test fast)
    const bad: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && bad.length < 10) bad.push(what);
    };
    for (const f of feeds) {
      const hist = historyRows(events.history(f.shopper));
      const bought = new Set(hist.filter((r) => r.action === 'purchase').map((r) => r.item));
      const lastTime = new Map(hist.map((r) => [`${r.item}:${r.action}`, r.time]));
      check(f.queries === Math.min(100, lastTime.size), `shopper ${f.shopper}: ${f.queries} queries`);
      check(f.items.length <= cfg.length, `shopper ${f.shopper}: feed length ${f.items.length}`);
      if (f.items.length) nonEmpty++;
      const perCat = new Map<number, number>();
      const seen = new Set<number>();
      for (let k = 0; k < f.items.length; k++) {
        const x = f.items[k];
        const where = `shopper ${f.shopper} item ${x.item}`;
        check(!seen.has(x.item), `${where}: duplicate`);
        seen.add(x.item);
        check(inSet.has(x.item), `${where}: not in the indexed set`);
        check(!bought.has(x.item), `${where}: already bought`);
        const c = ds.items.category[x.item];
        perCat.set(c, (perCat.get(c) ?? 0) + 1);
        check(perCat.get(c)! <= 2, `${where}: category cap`);
        check(k === 0 || x.score <= f.items[k - 1].score, `${where}: order`);
        check(x.because.length > 0, `${where}: no explanation`);
        check(Math.abs(x.score - x.because.reduce((s, r) => s + r.contribution, 0)) < 1e-9, `${where}: score ≠ Σ contributions`);
        for (const r of x.because) {
          if (r.action === 'view') withView++;
          // the query is one of the shopper's own events, in that role, at that (latest) time
          check(lastTime.get(`${r.query}:${r.action}`) === r.time, `${where}: query ${r.query} not in history`);
          // and the item is among the query's first targetsPerQuery targets in the table
          const rt = table.roles[r.action === 'view' ? 'view-query' : 'buy-query'];
          const row = rt.rowOf[r.query];
          check(row >= 0 && rt.targets.subarray(row * table.k, row * table.k + cfg.targetsPerQuery).includes(x.item), `${where}: not a top-${cfg.targetsPerQuery} target of ${r.query}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(nonEmpty).toBeGreaterThan(feeds.length * 0.8);
    expect(withView).toBeGreaterThan(0);
  });

  it('MMR on target embeddings keeps the rules and changes the order', () => {
    const shopper = feeds.find((f) => f.items.length === cfg.length)!.shopper;
    const plain = new FeedComposer(table, ds.items, { maxPerCategory: 0, popularityWeight: 0 }).compose(shopper, events.history(shopper), cut);
    const mmr = new FeedComposer(table, ds.items, { maxPerCategory: 0, mmrLambda: 0.3, popularityWeight: 0 }, { data: emb.target, dim: emb.dim }).compose(shopper, events.history(shopper), cut);
    expect(mmr.items[0].item).toBe(plain.items[0].item);
    expect(new Set(mmr.items.map((x) => x.item)).size).toBe(mmr.items.length);
    expect(() => new FeedComposer(table, ds.items, { mmrLambda: 0.5, popularityWeight: 0 })).toThrow(/MMR/);
  });
});

describe('FeedComposer on hand-made histories', () => {
  it('uses at most 100 queries, the most recent, and recent queries weigh more', async () => {
    const n = 160;
    const ids = Array.from({ length: n }, (_, i) => `i${i}`);
    const DAY = 86_400_000;
    // shopper a viewed items 0..149, one a day; item i's only neighbour is i+150 mod n via identical embeddings
    const rows = Array.from({ length: 150 }, (_, i) => ({ s: 'a', i: `i${i}`, a: 'view' as const, t: i * DAY }));
    const d = tinyDataset(rows, ids);
    const dim = n;
    const unit = (): Float32Array => new Float32Array(n * dim);
    const q = unit();
    const t = unit();
    // query i points to target (i + 5) % n; target rows are one-hot
    for (let i = 0; i < n; i++) {
      q[i * dim + ((i + 5) % n)] = 1;
      t[i * dim + i] = 1;
    }
    const e: ItemRoleEmbeddings = { dim, items: n, viewQuery: q, buyQuery: q, target: t, source: 'test' };
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    const table = await buildLookupTable(d, e, all, { k: 3 });
    expect(table.roles['view-query'].queries.length).toBe(150);
    const ev = new ShopperEvents(d);
    const f = new FeedComposer(table, d.items, { length: 20, maxPerCategory: 0, targetsPerQuery: 1, popularityWeight: 0 }).compose(0, ev.history(0), 150 * DAY);
    expect(f.queries).toBe(100);
    // the newest query (item 149) explains the top item (149 + 5 = 154); scores fall with age
    expect(f.items[0].item).toBe(154);
    expect(f.items[0].because).toEqual([{ query: 149, action: 'view', time: 149 * DAY, contribution: f.items[0].score }]);
    for (const x of f.items) expect(x.because[0].query).toBeGreaterThanOrEqual(50);
    // items 55..149 are targets of queries 50..144 but viewed items stay (only bought ones are dropped)
    expect(f.items.map((x) => x.item)).toEqual(Array.from({ length: 20 }, (_, k) => 154 - k));
  });

  it('drops bought items and rejects a bad config', async () => {
    const d = tinyDataset(
      [
        { s: 'a', i: 'x', a: 'purchase', t: 1 },
        { s: 'a', i: 'y', a: 'purchase', t: 2 },
      ],
      ['x', 'y', 'z'],
    );
    const e: ItemRoleEmbeddings = { dim: 1, items: 3, viewQuery: Float32Array.of(1, 1, 1), buyQuery: Float32Array.of(1, 1, 1), target: Float32Array.of(1, 0.9, 0.5), source: 'test' };
    const table = await buildLookupTable(d, e, Uint32Array.of(0, 1, 2));
    const f = new FeedComposer(table, d.items, { popularityWeight: 0 }).compose(0, new ShopperEvents(d).history(0), 3);
    expect(f.items.map((x) => x.item)).toEqual([2]);
    expect(new Set(f.items[0].because.map((r) => r.query))).toEqual(new Set([0, 1]));
    const keep = new FeedComposer(table, d.items, { excludeBought: false, popularityWeight: 0 }).compose(0, new ShopperEvents(d).history(0), 3);
    expect(keep.items.map((x) => x.item).sort()).toEqual([0, 1, 2]);
    expect(() => parseFeedConfig({ length: 0 })).toThrow(/length/);
    expect(() => parseTargetSetRule({ kind: 'new', after: 'not a date' })).toThrow(/not a date/);
    expect(() => selectTargetSet(d, { kind: 'category', category: 'Garden' })).toThrow(/Unknown category/);
  });
});

describe('refreshFeeds', () => {
  it('recomposes only shoppers active in the last N minutes, equal to a from-scratch feed; the others stay identical', async () => {
    const set = selectTargetSet(ds, { kind: 'all' });
    const table = await buildLookupTable(ds, emb, set, { cutoff: cut });
    const events = new ShopperEvents(ds, cut);
    // the default config: popularity prior and backfill, popularity counted before the cut-off
    const composer = composerFor(table, ds, {}, cut);
    const feeds = composeAll(composer, events, cut);
    const book = bookOf(feeds, cut);
    const before = new Map(book.feeds);
    // new events: the next 3 hours after the cut-off
    const ev = ds.events;
    const a = ev.timestamp.findIndex((t) => t >= cut);
    let b = a;
    while (b < ev.length && ev.timestamp[b] < cut + 3 * 3_600_000) b++;
    const now = ev.timestamp[b - 1];
    const fresh = { shopper: ev.shopper.slice(a, b), item: ev.item.slice(a, b), action: ev.action.slice(a, b), timestamp: ev.timestamp.slice(a, b) };
    const rep = refreshFeeds(book, events, composer, fresh, now, 2);
    const active = new Set<number>();
    const touched = new Set<number>();
    for (let e = a; e < b; e++) {
      touched.add(ev.shopper[e]);
      if (ev.timestamp[e] > now - 120_000) active.add(ev.shopper[e]);
    }
    expect(active.size).toBeGreaterThan(0);
    expect(touched.size).toBeGreaterThan(active.size);
    expect(rep.recomposed).toBe(active.size);
    expect(rep.unchanged).toBe(book.feeds.size - active.size);
    expect(rep.newEvents).toBe(b - a);
    expect(rep.ms).toBeGreaterThanOrEqual(0);
    const scratch = new ShopperEvents(ds, now + 1);
    for (const [s, f] of book.feeds) {
      if (active.has(s)) {
        expect(f.at).toBe(now);
        expect(f).toEqual(composer.compose(s, scratch.history(s), now));
      } else {
        expect(f).toBe(before.get(s));
      }
    }
    expect(() => refreshFeeds(book, events, composer, fresh, now - 1)).toThrow(/before the last run/);
  });
});
