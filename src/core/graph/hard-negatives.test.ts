import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { buildBipartiteGraph } from './build-csr';
import { hardNegativeCandidates, hardNegativeRanks, sampleHardNegatives } from './hard-negatives';
import { itemTransition, personalizedPageRank, rankByScore } from './ppr';
import { randomShopperItemDataset } from './test-graphs';

describe('personalised PageRank and hard negatives', () => {
  const ds = randomShopperItemDataset(400, 600, 8, 11);
  const g = buildBipartiteGraph(ds.events, { nItems: ds.items.length, nShoppers: ds.shoppers.length, shared: false });

  it('the item-to-item transition is stochastic and PPR is its fixed point', () => {
    // uniform over items with shoppers (an item without shoppers has no way out)
    let withShoppers = 0;
    for (let i = 0; i < g.nItems; i++) if (g.itemOffsets[i + 1] > g.itemOffsets[i]) withShoppers++;
    expect(withShoppers).toBeLessThan(g.nItems);
    const r = new Float64Array(g.nItems);
    for (let i = 0; i < g.nItems; i++) if (g.itemOffsets[i + 1] > g.itemOffsets[i]) r[i] = 1 / withShoppers;
    const out = new Float64Array(g.nItems);
    itemTransition(g, r, out, new Float64Array(g.nShoppers));
    expect(out.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    const alpha = 0.25;
    const ppr = personalizedPageRank(g, 3, { alpha });
    expect(ppr.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    itemTransition(g, ppr, out, new Float64Array(g.nShoppers));
    for (let i = 0; i < g.nItems; i++) expect((1 - alpha) * out[i] + (i === 3 ? alpha : 0)).toBeCloseTo(ppr[i], 9);
  });

  it('scales the band to the number of ranked items', () => {
    expect(hardNegativeRanks(4000)).toEqual({ start: 200, end: 600 });
    expect(hardNegativeRanks(100)).toEqual({ start: 20, end: 40 }); // minStart, minWidth
    expect(hardNegativeRanks(30)).toEqual({ start: 20, end: 30 });
    expect(hardNegativeRanks(10)).toEqual({ start: 10, end: 10 }); // nothing far enough: empty
    expect(hardNegativeRanks(1_000_000, { startFraction: 0.002, endFraction: 0.005 })).toEqual({ start: 2000, end: 5000 });
    expect(() => hardNegativeRanks(100, { startFraction: 0.5, endFraction: 0.2 })).toThrow(/band/);
  });

  it('draws hard negatives from the PPR rank band: related but never the query or its closest items', () => {
    const q = 10;
    const alpha = 0.3;
    const ranked = rankByScore(personalizedPageRank(g, q, { alpha }), q);
    const { start, end } = hardNegativeRanks(ranked.length);
    expect(end - start).toBeGreaterThan(10);
    const cand = hardNegativeCandidates(g, q, { alpha });
    expect(Array.from(cand)).toEqual(Array.from(ranked.slice(start, end)));
    const top = new Set(ranked.slice(0, start));
    const neg = sampleHardNegatives(g, q, 64, new Rng(1), { alpha });
    expect(neg.length).toBe(64);
    const candSet = new Set(cand);
    for (const it of neg) {
      expect(it).not.toBe(q);
      expect(top.has(it)).toBe(false);
      expect(candSet.has(it)).toBe(true);
    }
    expect(new Set(neg).size).toBeGreaterThan(20); // spread over the band
    // deterministic for an Rng seed
    expect(Array.from(sampleHardNegatives(g, q, 64, new Rng(1), { alpha }))).toEqual(Array.from(neg));
  });
});
