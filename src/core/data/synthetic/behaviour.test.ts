// Behavioural contracts of the synthetic world, measured from the generated events.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_CODE, DEVICE_CODE, ITEM_FLAG, type Dataset } from '../types';
import { generateSyntheticSync } from './generate';
import { SYNTHETIC_PRESETS } from './presets';
import { MAX_INTERESTS, complementPartners, interestCategoriesAt, type SyntheticTruth } from './truth';
import { titleWords } from './vocabulary';

const A = ACTION_CODE;
let ds: Dataset;
let truth: SyntheticTruth;

beforeAll(() => {
  ({ dataset: ds, truth } = generateSyntheticSync({ ...SYNTHETIC_PRESETS.small, events: 200_000 }));
});

function countActions(d: Dataset): Float64Array {
  const c = new Float64Array(16);
  for (let i = 0; i < d.events.length; i++) c[d.events.action[i]]++;
  return c;
}

describe('synthetic world: funnel', () => {
  it('a purchase is preceded by a view of the item in its session, except configured noise', () => {
    const e = ds.events;
    const viewed = new Set<number>(); // basket * nItems + item
    const nItems = ds.items.length;
    let purchases = 0;
    let unviewed = 0;
    for (let i = 0; i < e.length; i++) {
      const key = e.basket[i] * nItems + e.item[i];
      if (e.action[i] === A.view) viewed.add(key);
      else if (e.action[i] === A.purchase) {
        purchases++;
        if (!viewed.has(key)) unviewed++;
      }
    }
    const share = unviewed / purchases;
    console.log(`purchases ${purchases}, without a prior view in the session: ${unviewed} (${(100 * share).toFixed(2)}%)`);
    expect(purchases).toBeGreaterThan(1000);
    // noise = 0.01 per checkout adds ≲ 1 re-order per ~1.3 purchases per checkout
    expect(share).toBeLessThan(0.02);
    expect(unviewed).toBeGreaterThan(0);
  });

  it('without noise every purchase and cart follows a view, and every purchase follows a cart', () => {
    const { dataset } = generateSyntheticSync({ ...SYNTHETIC_PRESETS.small, events: 30_000, funnel: { noise: 0 } });
    const e = dataset.events;
    const n = dataset.items.length;
    const seen = [new Set<number>(), new Set<number>()]; // viewed, carted
    let bad = 0;
    for (let i = 0; i < e.length; i++) {
      const key = e.basket[i] * n + e.item[i];
      const a = e.action[i];
      if (a === A.view) seen[0].add(key);
      else if (a === A.cart) {
        if (!seen[0].has(key)) bad++;
        seen[1].add(key);
      } else if (a === A.purchase && !seen[1].has(key)) bad++;
      else if (a === A.cancel && !seen[1].has(key)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('conversion rates are in realistic ranges', () => {
    const c = countActions(ds);
    const clickRate = c[A.click] / c[A.view];
    const cartRate = c[A.cart] / c[A.click];
    const viewToBuy = c[A.purchase] / c[A.view];
    const cartToBuy = c[A.purchase] / c[A.cart];
    const cancelRate = c[A.cancel] / c[A.purchase];
    console.log({ clickRate, cartRate, viewToBuy, cartToBuy, cancelRate, zoom: c[A.zoom], clickThrough: c[A['click-through']] });
    expect(clickRate).toBeGreaterThan(0.2);
    expect(clickRate).toBeLessThan(0.5);
    expect(cartRate).toBeGreaterThan(0.15);
    expect(cartRate).toBeLessThan(0.5);
    expect(viewToBuy).toBeGreaterThan(0.01);
    expect(viewToBuy).toBeLessThan(0.08);
    expect(cartToBuy).toBeGreaterThan(0.35);
    expect(cartToBuy).toBeLessThan(0.8);
    expect(cancelRate).toBeGreaterThan(0.005);
    expect(cancelRate).toBeLessThan(0.06);
    expect(c[A.zoom] / c[A.click]).toBeGreaterThan(0.05);
    expect(c[A['click-through']]).toBeGreaterThan(0);
    expect(c[A.rating] + c[A.other]).toBe(0);
  });
});

describe('synthetic world: devices, durations, time', () => {
  it('uses app, web and mobile-web, and most sessions are on the preferred device', () => {
    const e = ds.events;
    const dev = new Float64Array(8);
    let preferred = 0;
    for (let i = 0; i < e.length; i++) {
      dev[e.device[i]]++;
      if (e.device[i] === truth.shoppers.preferredDevice[e.shopper[i]]) preferred++;
    }
    for (const d of ['app', 'web', 'mobile-web'] as const) expect(dev[DEVICE_CODE[d]] / e.length).toBeGreaterThan(0.15);
    expect(dev[DEVICE_CODE.unknown] + dev[DEVICE_CODE.other]).toBe(0);
    expect(preferred / e.length).toBeGreaterThan(0.75);
  });

  it('dwell durations are positive, log-normal-like, and longer for liked items', () => {
    const e = ds.events;
    let liked = 0;
    let likedN = 0;
    let other = 0;
    let otherN = 0;
    const views: number[] = [];
    let bad = 0;
    for (let i = 0; i < e.length; i++) {
      const d = e.duration[i];
      if (!(d > 0 && Number.isFinite(d))) bad++;
      if (e.action[i] !== A.view) continue;
      views.push(d);
      const s = e.shopper[i];
      const cl = truth.itemCluster[e.item[i]];
      const flat = truth.shoppers.driftTime[s] <= e.timestamp[i] ? truth.shoppers.interestsEnd : truth.shoppers.interestsStart;
      let isLiked = false;
      for (let j = 0; j < MAX_INTERESTS; j++) if (flat[s * MAX_INTERESTS + j] === cl) isLiked = true;
      if (isLiked) {
        liked += Math.log(d);
        likedN++;
      } else {
        other += Math.log(d);
        otherN++;
      }
    }
    views.sort((a, b) => a - b);
    const median = views[views.length >> 1];
    const mean = views.reduce((a, b) => a + b, 0) / views.length;
    const ratio = Math.exp(liked / likedN - other / otherN);
    console.log({ viewMedian: median, viewMean: mean, likedVsOtherGeoMeanRatio: ratio });
    expect(bad).toBe(0);
    expect(median).toBeGreaterThan(4);
    expect(median).toBeLessThan(30);
    expect(mean / median).toBeGreaterThan(1.1); // right-skewed
    expect(ratio).toBeGreaterThan(1.4);
  });

  it('timestamps are sorted, lie in the span, and follow a daily rhythm', () => {
    const e = ds.events;
    const hours = new Float64Array(24);
    let unsorted = 0;
    for (let i = 0; i < e.length; i++) {
      if (i > 0 && !(e.timestamp[i] >= e.timestamp[i - 1])) unsorted++;
      hours[Math.floor((e.timestamp[i] % 86_400_000) / 3_600_000)]++;
    }
    expect(unsorted).toBe(0);
    expect(e.timestamp[0]).toBeGreaterThanOrEqual(truth.spanStart);
    expect(e.timestamp[e.length - 1]).toBeLessThan(truth.spanEnd + 3_600_000);
    expect(e.timestamp[e.length - 1] - e.timestamp[0]).toBeGreaterThan(0.95 * (truth.spanEnd - truth.spanStart));
    // evening peak vs night trough (hourly weights 1.4 at 20h vs 0.1 at 3–4h)
    expect(hours[20] / Math.max(1, hours[3])).toBeGreaterThan(5);
  });

  it('new items have no event before their firstSeen, and released-during-span items exist', () => {
    const e = ds.events;
    const fs = ds.items.firstSeen;
    let before = 0;
    for (let i = 0; i < e.length; i++) if (e.timestamp[i] < fs[e.item[i]]) before++;
    expect(before).toBe(0);
    let released = 0;
    let flaggedNew = 0;
    const newFrom = truth.spanEnd - truth.config.catalogue.newWindowDays * 86_400_000;
    for (let i = 0; i < ds.items.length; i++) {
      if (fs[i] > truth.spanStart) released++;
      const isNew = (ds.items.flags[i] & ITEM_FLAG.new) !== 0;
      expect(isNew).toBe(fs[i] >= newFrom);
      if (isNew) flaggedNew++;
    }
    const share = released / ds.items.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    expect(flaggedNew).toBeGreaterThan(0);
  });
});

describe('synthetic world: planted structure', () => {
  it('complementary partners share no title word with their anchor, and lie in complementing categories', () => {
    const it = ds.items;
    const anchors = truth.complements.anchors;
    expect(anchors.length).toBeGreaterThan(0.05 * it.length);
    let pairs = 0;
    for (const a of anchors) {
      const words = new Set(titleWords(it.title[a]));
      const partners = complementPartners(truth, a);
      expect(partners.length).toBeGreaterThanOrEqual(1);
      expect(partners.length).toBeLessThanOrEqual(4);
      for (const p of partners) {
        pairs++;
        for (const w of titleWords(it.title[p])) expect(words.has(w)).toBe(false);
        expect(truth.complements.categoryComplements[it.category[a]]).toContain(it.category[p]);
      }
    }
    expect(pairs).toBeGreaterThan(anchors.length);
  });

  it('items of one cluster share title words (content can reveal clusters, not complements)', () => {
    const it = ds.items;
    const byCluster = new Map<number, number[]>();
    for (let i = 0; i < it.length; i++) {
      const c = truth.itemCluster[i];
      const l = byCluster.get(c) ?? [];
      l.push(i);
      byCluster.set(c, l);
    }
    let shared = 0;
    let total = 0;
    for (const l of byCluster.values()) {
      for (let k = 1; k < l.length; k++) {
        const a = new Set(titleWords(it.title[l[0]]));
        total++;
        if (titleWords(it.title[l[k]]).some((w) => a.has(w))) shared++;
      }
    }
    expect(shared / total).toBeGreaterThan(0.5);
  });

  it('partners are co-purchased far more than random pairs (lift from the events)', () => {
    const e = ds.events;
    const n = ds.items.length;
    const baskets = new Map<number, Set<number>>();
    for (let i = 0; i < e.length; i++) {
      if (e.action[i] !== A.purchase) continue;
      let s = baskets.get(e.basket[i]);
      if (!s) baskets.set(e.basket[i], (s = new Set()));
      s.add(e.item[i]);
    }
    const bought = new Float64Array(n);
    for (const s of baskets.values()) for (const i of s) bought[i]++;
    const byCat = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const l = byCat.get(ds.items.category[i]) ?? [];
      l.push(i);
      byCat.set(ds.items.category[i], l);
    }
    let x = 12345;
    const rand = (m: number): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % m;
    };
    // Pooled over every basket that bought an anchor: how often is each planted partner in it,
    // vs a random item of the partner's category (not a partner), vs the partner's base rate.
    let trials = 0;
    let hits = 0;
    let randomHits = 0;
    let base = 0;
    for (const s of baskets.values()) {
      for (const a of s) {
        const partners = complementPartners(truth, a);
        for (const p of partners) {
          const l = byCat.get(ds.items.category[p])!;
          let r = l[rand(l.length)];
          while (partners.includes(r) || r === a) r = l[rand(l.length)];
          trials++;
          if (s.has(p)) hits++;
          if (s.has(r)) randomHits++;
          base += bought[p] / baskets.size;
        }
      }
    }
    const planted = hits / trials;
    const random = randomHits / trials;
    const baseRate = base / trials;
    console.log({ trials, planted, random, baseRate, lift: planted / baseRate, baskets: baskets.size });
    expect(trials).toBeGreaterThan(500);
    expect(planted).toBeGreaterThan(0.05);
    expect(planted).toBeGreaterThan(20 * baseRate);
    expect(planted).toBeGreaterThan(10 * Math.max(random, 1 / trials));
  });

  it("interests are reflected: a shopper's events fall in their interest categories far above the base rate", () => {
    const e = ds.events;
    const nCat = ds.items.categories.length;
    const catCount = new Float64Array(nCat);
    for (let i = 0; i < e.length; i++) catCount[ds.items.category[e.item[i]]]++;
    let inInterest = 0;
    let baseRate = 0;
    for (let i = 0; i < e.length; i++) {
      const cats = interestCategoriesAt(truth, e.shopper[i], e.timestamp[i]);
      if (cats.includes(ds.items.category[e.item[i]])) inInterest++;
      for (const c of cats) baseRate += catCount[c] / e.length;
    }
    const share = inInterest / e.length;
    const base = baseRate / e.length;
    console.log({ interestShare: share, baseRate: base });
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeGreaterThan(4 * base);
  });

  it('drift is visible: after the drift, shoppers engage with the new interest and less with the dropped one', () => {
    const e = ds.events;
    const sh = truth.shoppers;
    let newBefore = 0;
    let newAfter = 0;
    let oldBefore = 0;
    let oldAfter = 0;
    let nBefore = 0;
    let nAfter = 0;
    for (let i = 0; i < e.length; i++) {
      const s = e.shopper[i];
      const dt = sh.driftTime[s];
      if (!(dt === dt)) continue;
      let added = -1;
      let dropped = -1;
      for (let j = 0; j < MAX_INTERESTS; j++) {
        if (sh.interestsStart[s * 3 + j] !== sh.interestsEnd[s * 3 + j]) {
          dropped = sh.interestsStart[s * 3 + j];
          added = sh.interestsEnd[s * 3 + j];
        }
      }
      const cl = truth.itemCluster[e.item[i]];
      if (e.timestamp[i] < dt) {
        nBefore++;
        if (cl === added) newBefore++;
        if (cl === dropped) oldBefore++;
      } else {
        nAfter++;
        if (cl === added) newAfter++;
        if (cl === dropped) oldAfter++;
      }
    }
    const r = { newBefore: newBefore / nBefore, newAfter: newAfter / nAfter, oldBefore: oldBefore / nBefore, oldAfter: oldAfter / nAfter };
    console.log(r);
    expect(r.newAfter).toBeGreaterThan(3 * r.newBefore);
    expect(r.oldBefore).toBeGreaterThan(3 * r.oldAfter);
  });

  it('popularity is skewed: the top 10% of items get most engagement', () => {
    const counts = new Float64Array(ds.items.length);
    for (let i = 0; i < ds.events.length; i++) counts[ds.events.item[i]]++;
    const sorted = Array.from(counts).sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    const share = top / ds.events.length;
    console.log({ top10pctShare: share });
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.9);
  });
});
