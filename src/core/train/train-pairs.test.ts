// Per-epoch training pair draws on basket data: each basket gives min(cap, n(n − 1)) of its own
// ordered pairs, duplicates across baskets are kept, excluded pairs never appear, a draw is a
// function of (seed, epoch), and the epochs together cover more distinct pairs than one draw.
import { describe, expect, it } from 'vitest';
import { PairSet } from '../eval/splits/pairs';
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { basketEpochPairs } from './train-pairs';

const big = Array.from({ length: 12 }, (_, k) => `I${k}`);
const rows: TinyEvent[] = [
  // basket W: 12 distinct items → 132 ordered pairs, capped at 20
  ...big.map((i, k) => ({ s: 'S0', i, t: k, b: 'W', a: 'purchase' as const })),
  // baskets X and Y both hold {I0, I1}: the pair is drawn twice per epoch (co-occurrence count)
  { s: 'S1', i: 'I0', t: 100, b: 'X', a: 'purchase' },
  { s: 'S1', i: 'I1', t: 101, b: 'X', a: 'purchase' },
  { s: 'S2', i: 'I0', t: 102, b: 'Y', a: 'purchase' },
  { s: 'S2', i: 'I1', t: 103, b: 'Y', a: 'purchase' },
  { s: 'S2', i: 'I1', t: 104, b: 'Y', a: 'purchase' },
  // a one-item basket gives nothing
  { s: 'S3', i: 'I5', t: 105, b: 'Z', a: 'purchase' },
];

describe('basketEpochPairs', () => {
  const ds = tinyDataset(rows, big);
  const withinW = (q: number, i: number): boolean => q !== i && q < 12 && i < 12;

  it('draws min(cap, n(n − 1)) pairs per basket, keeps duplicates across baskets, deterministic per epoch', () => {
    const src = basketEpochPairs(ds, ds.events.length, 20, 42);
    expect(src.perEpoch).toBe(20 + 2 + 2);
    const e1 = src.draw(1);
    expect(e1.q.length).toBe(24);
    for (let k = 0; k < e1.q.length; k++) expect(withinW(e1.q[k], e1.i[k])).toBe(true);
    let i0i1 = 0;
    for (let k = 20; k < 24; k++) if (e1.q[k] === 0 && e1.i[k] === 1) i0i1++;
    expect(i0i1).toBe(2);
    expect(Array.from(src.draw(1).q)).toEqual(Array.from(e1.q));
    const seen = new PairSet(12);
    for (let e = 1; e <= 6; e++) {
      const p = src.draw(e);
      for (let k = 0; k < 20; k++) seen.add(p.q[k], p.i[k]);
    }
    // 6 draws of 20 out of 132 pairs of W: far more distinct pairs than one draw
    expect(seen.size).toBeGreaterThan(60);
  });

  it('never draws an excluded pair', () => {
    const ex = new PairSet(12);
    ex.add(0, 1);
    const src = basketEpochPairs(ds, ds.events.length, 1000, 1, ex);
    const p = src.draw(3);
    expect(p.q.length).toBe(132 + 2 + 2 - 3);
    for (let k = 0; k < p.q.length; k++) expect(p.q[k] === 0 && p.i[k] === 1).toBe(false);
  });
});
