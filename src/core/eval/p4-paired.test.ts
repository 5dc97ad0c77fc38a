// p4PairedDifference on a hand-made split: the difference, the paired standard error by hand,
// new pairs only, the seeded bootstrap interval, identical arms.
import { describe, expect, it } from 'vitest';
import type { P4Split } from './p4';
import { p4PairedDifference } from './p4-paired';

// shopper rows: r0 targets 1, 2, 3 (2 not new); r1 target 4; r2 targets 5 (not new), 6
const split: P4Split = {
  t0: 0,
  tEnd: 0,
  windowEnd: 0,
  trainEnd: 0,
  shoppers: Uint32Array.from([10, 11, 12]),
  targets: { offsets: Uint32Array.from([0, 3, 4, 6]), values: Uint32Array.from([1, 2, 3, 4, 5, 6]) },
  isNew: Uint8Array.from([1, 0, 1, 1, 0, 1]),
  pairs: 6,
  pairsNew: 4,
  shoppersWithPairs: 3,
};
const A = [[1, 2], [], [5, 6]];
const B = [[3], [4], []];

describe('p4PairedDifference', () => {
  it('difference of recalls and the shopper-paired standard error', () => {
    const r = p4PairedDifference(split, (i) => A[i], (i) => B[i]);
    expect([r.hitsA, r.hitsB, r.shoppersA, r.shoppersB]).toEqual([4, 2, 2, 1]);
    expect(r.diff).toBeCloseTo(2 / 6, 12);
    // d = [1, −1, 2], mean 2/3, Σ (d − mean)² = 42/9; se = √(3/2 · 42/9) / 6
    expect(r.se).toBeCloseTo(Math.sqrt(7) / 6, 12);
    expect(r.ci95[0]).toBeLessThanOrEqual(r.diff);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(r.diff);
    expect(p4PairedDifference(split, (i) => A[i], (i) => B[i])).toEqual(r);
  });

  it('new pairs only', () => {
    const r = p4PairedDifference(split, (i) => A[i], (i) => B[i], { newOnly: true, resamples: 0 });
    expect([r.hitsA, r.hitsB, r.diff]).toEqual([2, 2, 0]);
    // d = [0, −1, 1]: se = √(3/2 · 2) / 4
    expect(r.se).toBeCloseTo(Math.sqrt(3) / 4, 12);
    expect(r.ci95).toEqual([0, 0]);
  });

  it('identical arms: no difference, no spread', () => {
    const r = p4PairedDifference(split, (i) => A[i], (i) => A[i]);
    expect([r.diff, r.se, r.ci95[0], r.ci95[1]]).toEqual([0, 0, 0, 0]);
  });
});
