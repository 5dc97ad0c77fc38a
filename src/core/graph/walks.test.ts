import { describe, expect, it } from 'vitest';
import { tinyDataset } from '../eval/splits/tiny-dataset';
import { buildBipartiteGraph } from './build-csr';
import { rowTargets, shopperSide } from './entry';
import { explainItem } from './explain';
import { personalizedPageRank, rankByScore } from './ppr';
import { spearman } from './spearman';
import { randomShopperItemDataset } from './test-graphs';
import { mergeNeighbourhoods, allocNeighbourhoods, neighboursOf, walkNeighbourhoods } from './walks';
import { NO_ITEM, type BipartiteGraph, type Neighbourhoods, type WalkParams } from './types';
import type { Dataset } from '../data/types';

const graphOf = (ds: Dataset): BipartiteGraph => buildBipartiteGraph(ds.events, { nItems: ds.items.length, nShoppers: ds.shoppers.length, shared: false });

describe('random walks → neighbourhoods', () => {
  const ds = randomShopperItemDataset(60, 120, 6, 7);
  const g = graphOf(ds);

  it('visit frequencies converge to the exact personalised PageRank (Spearman ≥ 0.9 on the top 20)', () => {
    const params: WalkParams = { walks: 4000, length: 100, alpha: 0.3, topT: 50, seed: 1 };
    let checked = 0;
    for (const q of [0, 5, 17, 33, 59]) {
      const nb = walkNeighbourhoods(g, params, q, q + 1);
      const ppr = personalizedPageRank(g, q, { alpha: params.alpha });
      const top20 = rankByScore(ppr, q).slice(0, 20);
      expect(top20.length).toBe(20);
      const { items, counts } = neighboursOf(nb, q);
      const visits = new Map<number, number>();
      items.forEach((it, k) => visits.set(it, counts[k]));
      // every exact top-20 item is among the walk's top 50
      for (const it of top20) expect(visits.has(it)).toBe(true);
      const rho = spearman(Array.from(top20, (it) => ppr[it]), Array.from(top20, (it) => visits.get(it) ?? 0));
      expect(rho).toBeGreaterThanOrEqual(0.9);
      // and the frequencies themselves approach the PPR mass (q's own mass excluded)
      const total = neighboursOf(nb, q).counts.reduce((s, c) => s + c, 0);
      const pprTop = items.reduce((s, it) => s + ppr[it], 0);
      for (let k = 0; k < 5; k++) expect(counts[k] / total).toBeCloseTo(ppr[items[k]] / pprTop, 2);
      checked++;
    }
    expect(checked).toBe(5);
  });

  it('is deterministic for a seed and independent of how the catalogue is split across workers', () => {
    const params: WalkParams = { walks: 50, length: 20, alpha: 0.3, topT: 10, seed: 42 };
    const whole = walkNeighbourhoods(g, params, 0, g.nItems);
    const again = walkNeighbourhoods(g, params, 0, g.nItems);
    expect(Array.from(again.items)).toEqual(Array.from(whole.items));
    expect(Array.from(again.counts)).toEqual(Array.from(whole.counts));
    for (const cuts of [[0, 30, 60], [0, 1, 17, 44, 60], [0, 59, 60]]) {
      const merged = allocNeighbourhoods(0, g.nItems, params.topT);
      // in reverse order, as a pool of workers may finish
      for (let k = cuts.length - 2; k >= 0; k--) mergeNeighbourhoods(merged, walkNeighbourhoods(g, params, cuts[k], cuts[k + 1]));
      expect(Array.from(merged.items)).toEqual(Array.from(whole.items));
      expect(Array.from(merged.weights)).toEqual(Array.from(whole.weights));
      expect(Array.from(merged.sizes)).toEqual(Array.from(whole.sizes));
    }
    // the explorer's single-item walk gives the same neighbourhood
    const one = explainItem(g, 17, params);
    expect(Array.from(one.items)).toEqual(Array.from(neighboursOf(whole, 17).items));
    // another seed gives other walks
    const other = walkNeighbourhoods(g, { ...params, seed: 43 }, 0, g.nItems);
    expect(Array.from(other.counts)).not.toEqual(Array.from(whole.counts));
  });

  it('returns T neighbours ordered by visits (ties by index), weights L1-normalised, never the item itself', () => {
    const params: WalkParams = { walks: 30, length: 10, alpha: 0.5, topT: 20, seed: 3 };
    const nb = walkNeighbourhoods(g, params, 0, g.nItems);
    expect(nb.steps + nb.restarts).toBe(g.nItems * 30 * 10);
    for (let q = 0; q < g.nItems; q++) {
      const { items, weights, counts } = neighboursOf(nb, q);
      expect(items.length).toBeLessThanOrEqual(20);
      expect(new Set(items).size).toBe(items.length);
      expect(Array.from(items)).not.toContain(q);
      if (items.length) expect(Math.abs(weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-6);
      for (let k = 1; k < items.length; k++) {
        expect(counts[k] < counts[k - 1] || (counts[k] === counts[k - 1] && items[k] > items[k - 1])).toBe(true);
      }
      for (let k = items.length; k < 20; k++) expect(nb.items[q * 20 + k]).toBe(NO_ITEM);
    }
  });

  it('handles items with no shoppers, shoppers with one item and dead-end neighbourhoods', () => {
    // a, b share shopper u; c's only shopper w has only c; d has no shoppers; v has only a
    const tiny = tinyDataset(
      [
        { s: 'u', i: 'a', t: 1 },
        { s: 'u', i: 'b', t: 2 },
        { s: 'v', i: 'a', t: 3 },
        { s: 'w', i: 'c', t: 4 },
        { s: '', i: 'd', t: 5 },
      ],
      ['a', 'b', 'c', 'd'],
    );
    const tg = graphOf(tiny);
    const params: WalkParams = { walks: 200, length: 10, alpha: 0.2, topT: 10, seed: 9 };
    const nb: Neighbourhoods = walkNeighbourhoods(tg, params, 0, 4);
    expect(Array.from(neighboursOf(nb, 0).items)).toEqual([1]); // a → only b
    expect(Array.from(neighboursOf(nb, 0).weights)).toEqual([1]);
    expect(Array.from(neighboursOf(nb, 1).items)).toEqual([0]); // b → a
    expect(neighboursOf(nb, 2).items.length).toBe(0); // c only ever returns to itself
    expect(neighboursOf(nb, 3).items.length).toBe(0); // d has no shoppers: no walks at all
    expect(nb.sizes[3]).toBe(0);
    const e = explainItem(tg, 3, params);
    expect(e.steps).toBe(0);
    expect(e.degree).toBe(0);
  });

  it('explains a neighbourhood with the shoppers passed through and the edges among drawn nodes', () => {
    const params: WalkParams = { walks: 100, length: 20, alpha: 0.3, topT: 10, seed: 5 };
    const e = explainItem(g, 4, params, 15);
    expect(e.shoppers.length).toBeLessThanOrEqual(15);
    expect(e.shoppers.length).toBeGreaterThan(0);
    for (let k = 1; k < e.shopperVisits.length; k++) expect(e.shopperVisits[k]).toBeLessThanOrEqual(e.shopperVisits[k - 1]);
    const drawn = new Set([4, ...e.items]);
    const shown = new Set(e.shoppers);
    expect(e.edgeItems.length).toBeGreaterThan(0);
    e.edgeItems.forEach((it, k) => {
      expect(drawn.has(it)).toBe(true);
      expect(shown.has(e.edgeShoppers[k])).toBe(true);
      // a real edge of the graph
      const s = e.edgeShoppers[k];
      expect(Array.from(rowTargets(shopperSide(g), s))).toContain(it);
    });
  });

  it('rejects parameters out of range', () => {
    expect(() => walkNeighbourhoods(g, { walks: 0, length: 5, alpha: 0.3, topT: 10, seed: 1 }, 0, 5)).toThrow(/walks/);
    expect(() => walkNeighbourhoods(g, { walks: 5, length: 5, alpha: 1, topT: 10, seed: 1 }, 0, 5)).toThrow(/alpha/);
    expect(() => walkNeighbourhoods(g, { walks: 5, length: 5, alpha: 0.3, topT: 10, seed: 1 }, 0, 61)).toThrow(/range/);
  });
});
