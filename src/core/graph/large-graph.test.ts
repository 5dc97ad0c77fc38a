// A graph with both sides beyond 65,536 nodes (17-bit ids, 14-bit weights in the packed
// entries): within 12 bytes per edge, offsets and guides included, and its walks still follow
// the exact personalised PageRank and stay deterministic per seed.
import { describe, expect, it } from 'vitest';
import { buildBipartiteGraph, graphBytes, graphEdgeBytes } from './build-csr';
import { layoutBytes } from './guide';
import { personalizedPageRank, rankByScore } from './ppr';
import { spearman } from './spearman';
import { randomEventColumns } from './test-graphs';
import type { WalkParams } from './types';
import { neighboursOf, walkNeighbourhoods } from './walks';

describe('a graph with more than 65,536 items and shoppers', () => {
  const nItems = 70_000;
  const nShoppers = 72_000;
  const g = buildBipartiteGraph(randomEventColumns(nItems, nShoppers, 6, 5), { nItems, nShoppers, shared: false });

  it('stays within 12 bytes per edge, row offsets and guides included', () => {
    expect([g.itemIdBits, g.itemWeightBits, g.shopperIdBits, g.shopperWeightBits]).toEqual([17, 14, 17, 14]);
    expect(g.itemGuide.length).toBeGreaterThan(0);
    const bytes = graphBytes(g);
    expect(bytes).toBe(graphEdgeBytes(g) + 4 * (nItems + 1 + nShoppers + 1));
    expect(bytes).toBe(layoutBytes(nItems, nShoppers, g.nEdges, g.itemGuideShift, g.shopperGuideShift));
    console.log(`${nItems} items × ${nShoppers} shoppers, ${g.nEdges} edges: ${(bytes / g.nEdges).toFixed(3)} B/edge, guide shift ${g.itemGuideShift}`);
    expect(bytes / g.nEdges).toBeLessThanOrEqual(12);
  });

  it('walks converge to the exact PPR (Spearman ≥ 0.9 on the top 20) and do not depend on the item range', () => {
    const params: WalkParams = { walks: 6000, length: 100, alpha: 0.3, topT: 50, seed: 3 };
    let checked = 0;
    for (let q = 0; q < nItems && checked < 3; q += 7919) {
      const ppr = personalizedPageRank(g, q, { alpha: params.alpha, tolerance: 1e-9 });
      const top20 = rankByScore(ppr, q).slice(0, 20);
      if (top20.length < 20) continue;
      const nb = walkNeighbourhoods(g, params, q, q + 1);
      const { items, counts } = neighboursOf(nb, q);
      const visits = new Map<number, number>();
      items.forEach((it, k) => visits.set(it, counts[k]));
      const rho = spearman(Array.from(top20, (it) => ppr[it]), Array.from(top20, (it) => visits.get(it) ?? 0));
      console.log(`item ${q}: Spearman ${rho.toFixed(3)} over the exact top 20`);
      expect(rho, `item ${q}`).toBeGreaterThanOrEqual(0.9);
      checked++;
    }
    expect(checked).toBe(3);
    const p: WalkParams = { walks: 20, length: 10, alpha: 0.3, topT: 10, seed: 9 };
    const whole = walkNeighbourhoods(g, p, 65_000, 65_600);
    const part = walkNeighbourhoods(g, p, 65_300, 65_400);
    expect(Array.from(part.items)).toEqual(Array.from(whole.items.subarray(300 * 10, 400 * 10)));
    expect(Array.from(part.counts)).toEqual(Array.from(whole.counts.subarray(300 * 10, 400 * 10)));
  });
});
