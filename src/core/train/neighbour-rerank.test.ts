// Degree-normalised neighbourhoods: visits / degree^β re-ranks hubs below specific neighbours,
// keeps T, weights are the L1-normalised scores; β = 0 keeps the visit-count order.
import { describe, expect, it } from 'vitest';
import { allocNeighbourhoods } from '../graph/walks';
import { degreeNormalised } from './neighbour-rerank';

describe('degreeNormalised', () => {
  const nb = allocNeighbourhoods(0, 1, 3);
  // item 0's walk neighbours by visits: hub 1 (10 visits, degree 100), 2 (6, degree 9), 3 (4, degree 4)
  nb.items.set([1, 2, 3]);
  nb.counts.set([10, 6, 4]);
  nb.weights.set([0.5, 0.3, 0.2]);
  nb.sizes[0] = 3;
  const degree = [5, 100, 9, 4];

  it('ranks by visits / sqrt(degree) with β = 0.5 and keeps T', () => {
    const r = degreeNormalised(nb, degree, 2, 0.5);
    // scores: 1 → 10/10 = 1, 2 → 6/3 = 2, 3 → 4/2 = 2 (tie: lower index first)
    expect(Array.from(r.items)).toEqual([2, 3]);
    expect(Array.from(r.weights)).toEqual([0.5, 0.5]);
    expect(Array.from(r.counts)).toEqual([6, 4]);
    expect(r.sizes[0]).toBe(2);
  });

  it('β = 0 keeps the visit-count order', () => {
    const r = degreeNormalised(nb, degree, 3, 0);
    expect(Array.from(r.items)).toEqual([1, 2, 3]);
    expect(Array.from(r.weights, (w) => Number(w.toFixed(4)))).toEqual([0.5, 0.3, 0.2]);
  });
});
