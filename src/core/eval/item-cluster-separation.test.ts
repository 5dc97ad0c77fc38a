// Cluster separation of item embeddings on hand-made vectors; every expected value is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { clusterSeparation, sampleEventItems, sampleItems } from './item-cluster-separation';

// 6 items in 2 dims; clusters {0, 1, 2} → 0 and {3, 4, 5} → 1
const cluster = Uint32Array.of(0, 0, 0, 1, 1, 1);

describe('clusterSeparation', () => {
  it('counts neighbours in the query cluster, cosine not dot product', () => {
    // cluster 0 points along x (lengths differ: cosine ignores them), cluster 1 along y,
    // except item 2, which points along y too (a misplaced item)
    const v = Float32Array.of(1, 0, 5, 0.1, 0, 1, 0, 2, 0.1, 1, 0, 3);
    // k = 2. item 0: nearest 1 (cos ≈ 1), then 4 (cos 0.0995 via (0.1, 1)) — 1 of 2 same → 0.5
    // item 2 (along y): nearest 3, 5 (cos 1), both cluster 1 → 0
    // item 3: nearest 2 and 5 (cos 1; ties keep the lower index), then 4 — 2 and 5: 1 of 2 → 0.5
    const r = clusterSeparation(v, 2, cluster, [0, 2, 3], 2);
    expect(r.queries).toBe(3);
    expect(r.k).toBe(2);
    expect(r.sameCluster).toBeCloseTo((0.5 + 0 + 0.5) / 3, 6);
    // chance: (3 − 1) / (6 − 1) = 0.4 for every query
    expect(r.chance).toBeCloseTo(0.4, 6);
  });

  it('perfect clusters give 1, and k is capped at N − 1', () => {
    const v = Float32Array.of(1, 0, 1, 0.1, 1, 0.2, 0, 1, 0.1, 1, 0.2, 1);
    expect(clusterSeparation(v, 2, cluster, [0, 1, 2, 3, 4, 5], 2).sameCluster).toBe(1);
    // k = 10 → 5 neighbours: the 2 others of the own cluster + 3 of the other → 0.4 for every query
    const all = clusterSeparation(v, 2, cluster, [0, 4], 10);
    expect(all.k).toBe(5);
    expect(all.sameCluster).toBeCloseTo(0.4, 6);
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => clusterSeparation(new Float32Array(10), 2, cluster, [0])).toThrow();
  });
});

describe('query samples', () => {
  it('sampleItems draws distinct items, seeded', () => {
    const a = sampleItems(100, 20, 3);
    expect(new Set(a).size).toBe(20);
    expect(Math.max(...a)).toBeLessThan(100);
    expect(Array.from(sampleItems(100, 20, 3))).toEqual(Array.from(a));
    expect(sampleItems(5, 20, 3).length).toBe(5);
  });

  it('sampleEventItems draws only from the first `end` events', () => {
    const items = Uint32Array.of(7, 7, 8, 9, 9, 9);
    const s = sampleEventItems(items, 2, 50, 1);
    expect(s.length).toBe(50);
    expect(new Set(s)).toEqual(new Set([7]));
    expect(sampleEventItems(items, 0, 5, 1).length).toBe(0);
  });
});
