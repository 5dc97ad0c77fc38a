// The composer's popularity prior and popular backfill on the synthetic small world (stand-in
// role embeddings): counts, the blended score, w = 1 is the P4 popular control under the same rule,
// short feeds are filled with popular items; popularityPool 'candidates' only re-ranks query-produced items.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ACTION_CODE, type Dataset } from '../data/types';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import { p4CutOff, p4Split, popularControl, popularControlExcludingBought, purchasedBefore } from '../eval/p4';
import { buildLookupTable, type LookupTable } from '../retrieval/lookup-table';
import { composerFor, FeedComposer } from './composer';
import { ShopperEvents } from './history';
import { recentPurchaseCounts } from './popularity';
import { standInRoleEmbeddings } from './standin-embeddings';
import { selectTargetSet, targetSetMask } from './target-sets';

const DAY = 86_400_000;
let ds: Dataset;
let t0: number;
let table: LookupTable;
let events: ShopperEvents;
let shoppers: Uint32Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ds = generateSyntheticSync(syntheticPreset('small')).dataset;
  t0 = p4CutOff(ds);
  const emb = standInRoleEmbeddings(ds, { before: t0, dim: 64 });
  table = await buildLookupTable(ds, emb, selectTargetSet(ds, { kind: 'all' }, { knownBefore: t0 }), { k: 10, cutoff: t0 });
  events = new ShopperEvents(ds, t0);
  shoppers = p4Split(ds, targetSetMask(ds.items.length, table.targetSet)).shoppers;
  expect(shoppers.length).toBeGreaterThan(50);
});

describe('recentPurchaseCounts', () => {
  it('counts purchase events per item in [before − days, before)', () => {
    const c = recentPurchaseCounts(ds, t0, 10);
    const want = new Float64Array(ds.items.length);
    const ev = ds.events;
    for (let e = 0; e < ev.length; e++) if (ev.action[e] === ACTION_CODE.purchase && ev.timestamp[e] >= t0 - 10 * DAY && ev.timestamp[e] < t0) want[ev.item[e]]++;
    expect(Array.from(c)).toEqual(Array.from(want));
    expect(c.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });
});

describe('popularity prior', () => {
  it('score = Σ contributions + prior, prior = w · popularity / max, ranked by score', () => {
    const w = 0.4;
    const composer = composerFor(table, ds, { popularityWeight: w, maxPerCategory: 0 }, t0);
    const pop = recentPurchaseCounts(ds, t0, 14);
    let max = 0;
    for (const i of table.targetSet) max = Math.max(max, pop[i]);
    let withPrior = 0;
    let withReasons = 0;
    for (const s of shoppers) {
      const f = composer.compose(s, events.history(s), t0);
      expect(f.items.length).toBe(20);
      for (let j = 0; j < f.items.length; j++) {
        const it = f.items[j];
        const sum = it.because.reduce((a, r) => a + r.contribution, 0);
        expect(it.score).toBeCloseTo(sum + (it.prior ?? NaN), 9);
        expect(it.prior).toBeCloseTo((w * pop[it.item]) / max, 12);
        if (j > 0) expect(it.score).toBeLessThanOrEqual(f.items[j - 1].score + 1e-12);
        if ((it.prior ?? 0) > 0) withPrior++;
        if (it.because.length) withReasons++;
      }
    }
    expect(withPrior).toBeGreaterThan(0);
    expect(withReasons).toBeGreaterThan(0);
  });

  it('w = 1 gives the P4 popular control under the same "drop already bought" rule', () => {
    const composer = composerFor(table, ds, { popularityWeight: 1, maxPerCategory: 0 }, t0);
    const mask = targetSetMask(ds.items.length, table.targetSet);
    const ranking = popularControl(ds, t0, mask, ds.items.length);
    const split = p4Split(ds, mask);
    const bought = purchasedBefore(ds, split.trainEnd, shoppers);
    for (const s of shoppers) {
      const feed = composer.compose(s, events.history(s), t0).items.map((x) => x.item);
      expect(feed).toEqual(popularControlExcludingBought(ranking, bought.get(s), 20));
    }
  });

  it('needs the popularity when the weight is above 0', () => {
    expect(() => new FeedComposer(table, ds.items, { popularityWeight: 0.3 })).toThrow(/popularity/);
  });
});

describe('popular backfill', () => {
  it('fills short feeds with the most popular items the rules allow, after the personal ones', () => {
    // one target per query: most shoppers have fewer than 20 personal candidates
    const cfg = { targetsPerQuery: 1, maxPerCategory: 0, popularityWeight: 0 };
    const plain = composerFor(table, ds, { ...cfg, popularBackfill: false }, t0);
    const filled = composerFor(table, ds, { ...cfg, popularBackfill: true }, t0);
    const mask = targetSetMask(ds.items.length, table.targetSet);
    const ranking = Array.from(popularControl(ds, t0, mask, ds.items.length));
    const split = p4Split(ds, mask);
    const bought = purchasedBefore(ds, split.trainEnd, shoppers);
    let short = 0;
    for (const s of shoppers) {
      const a = plain.compose(s, events.history(s), t0).items;
      const b = filled.compose(s, events.history(s), t0).items;
      expect(b.slice(0, a.length).map((x) => x.item)).toEqual(a.map((x) => x.item));
      if (a.length === 20) continue;
      short++;
      expect(b.length).toBe(20);
      const extra = b.slice(a.length);
      for (const x of extra) {
        expect(x.because).toEqual([]);
        expect(x.score).toBe(0);
        expect(bought.get(s)?.has(x.item) ?? false).toBe(false);
      }
      // the fill is the popularity ranking without the feed's and the bought items, in order
      const taken = new Set(a.map((x) => x.item));
      const want = ranking.filter((i) => !taken.has(i) && !bought.get(s)?.has(i)).slice(0, extra.length);
      expect(extra.map((x) => x.item)).toEqual(want);
    }
    expect(short).toBeGreaterThan(10);
  });
});

describe('popularityPool', () => {
  const w = 0.7;

  it("'candidates': every feed item has a reason, ranked by the prior-blended score of the query-produced items", () => {
    const only = composerFor(table, ds, { popularityWeight: w, popularityPool: 'candidates', maxPerCategory: 0 }, t0);
    // the 'popular' pool's whole ranking (length 1000): the same blended scores plus the popular items without a query
    const all = composerFor(table, ds, { popularityWeight: w, popularityPool: 'popular', maxPerCategory: 0, length: 1000 }, t0);
    const pop = recentPurchaseCounts(ds, t0, 14);
    let max = 0;
    for (const i of table.targetSet) max = Math.max(max, pop[i]);
    let differ = 0;
    for (const s of shoppers) {
      const f = only.compose(s, events.history(s), t0).items;
      const ranked = all.compose(s, events.history(s), t0).items;
      const explained = ranked.filter((x) => x.because.length > 0);
      expect(f.length).toBe(Math.min(20, explained.length));
      expect(f.map((x) => x.item)).toEqual(explained.slice(0, 20).map((x) => x.item));
      for (let j = 0; j < f.length; j++) {
        const it = f[j];
        expect(it.because.length).toBeGreaterThan(0);
        expect(it.score).toBeCloseTo(explained[j].score, 12);
        expect(it.score).toBeCloseTo(it.because.reduce((a, r) => a + r.contribution, 0) + (it.prior ?? NaN), 9);
        expect(it.prior).toBeCloseTo((w * pop[it.item]) / max, 12);
        if (j > 0) expect(it.score).toBeLessThanOrEqual(f[j - 1].score + 1e-12);
      }
      if (ranked.slice(0, 20).some((x) => x.because.length === 0)) differ++;
    }
    // the switch matters: with the 'popular' pool many feeds show items no query produced
    expect(differ).toBeGreaterThan(10);
  });

  it("'popular' is the default and keeps popular items without a reason among the candidates", () => {
    const dflt = composerFor(table, ds, { popularityWeight: w }, t0);
    const popular = composerFor(table, ds, { popularityWeight: w, popularityPool: 'popular' }, t0);
    let unexplained = 0;
    for (const s of shoppers) {
      const a = dflt.compose(s, events.history(s), t0);
      expect(popular.compose(s, events.history(s), t0)).toEqual(a);
      expect(a.items.length).toBe(20);
      unexplained += a.items.filter((x) => x.because.length === 0).length;
    }
    expect(unexplained).toBeGreaterThan(0);
  });

  it("'candidates' with popularBackfill: short feeds are filled after the ranked candidates (score 0, prior 0, no reasons)", () => {
    const cfg = { targetsPerQuery: 1, maxPerCategory: 0, popularityWeight: w, popularityPool: 'candidates' as const };
    const plain = composerFor(table, ds, cfg, t0);
    const filled = composerFor(table, ds, { ...cfg, popularBackfill: true }, t0);
    let short = 0;
    for (const s of shoppers) {
      const a = plain.compose(s, events.history(s), t0).items;
      const b = filled.compose(s, events.history(s), t0).items;
      expect(b.slice(0, a.length)).toEqual(a);
      if (a.length === 20) continue;
      short++;
      expect(b.length).toBe(20);
      for (const x of b.slice(a.length)) expect([x.score, x.prior, x.because.length]).toEqual([0, 0, 0]);
    }
    expect(short).toBeGreaterThan(10);
  });
});
