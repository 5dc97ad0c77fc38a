import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { dedupePairs, groupByQuery, PairBitset, pairCollector, PairSet, selectPairs } from './pairs';

describe('pair collectors', () => {
  it('PairSet and PairBitset collect the same distinct pairs, sorted', () => {
    const n = 300;
    const rng = new Rng(5);
    const set = new PairSet(n, 4);
    const bits = new PairBitset(n);
    const ref = new Set<string>();
    for (let k = 0; k < 20000; k++) {
      const q = rng.nextInt(n);
      const i = rng.nextInt(n);
      expect(set.add(q, i)).toBe(!ref.has(`${q},${i}`));
      expect(bits.add(q, i)).toBe(!ref.has(`${q},${i}`));
      ref.add(`${q},${i}`);
    }
    expect(set.size).toBe(ref.size);
    expect(bits.size).toBe(ref.size);
    const a = set.toPairs();
    const b = bits.toPairs();
    expect(Array.from(a.q)).toEqual(Array.from(b.q));
    expect(Array.from(a.i)).toEqual(Array.from(b.i));
    const expected = [...ref].map((s) => s.split(',').map(Number)).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(Array.from(a.q)).toEqual(expected.map((p) => p[0]));
    expect(Array.from(a.i)).toEqual(expected.map((p) => p[1]));
    expect(set.has(expected[0][0], expected[0][1])).toBe(true);
    expect(bits.has(expected[0][0], expected[0][1])).toBe(true);
  });

  it('PairSet handles large indices exactly', () => {
    const n = 50_000_000;
    const s = new PairSet(n);
    s.add(n - 1, n - 2);
    s.add(0, n - 1);
    s.add(n - 1, n - 2);
    const p = s.toPairs();
    expect(Array.from(p.q)).toEqual([0, n - 1]);
    expect(Array.from(p.i)).toEqual([n - 1, n - 2]);
    expect(() => new PairSet(100_000_000)).toThrow();
  });

  it('picks a dense bitset for small catalogues', () => {
    expect(pairCollector(4070)).toBeInstanceOf(PairBitset);
    expect(pairCollector(1_000_000)).toBeInstanceOf(PairSet);
  });
});

describe('pair helpers', () => {
  const p = { q: Uint32Array.from([3, 1, 3, 1, 0]), i: Uint32Array.from([2, 4, 2, 0, 1]) };
  it('dedupePairs sorts and removes duplicates', () => {
    const d = dedupePairs(p, 5);
    expect(Array.from(d.q)).toEqual([0, 1, 1, 3]);
    expect(Array.from(d.i)).toEqual([1, 0, 4, 2]);
  });
  it('groupByQuery builds sorted rows', () => {
    const g = groupByQuery(p, 5);
    expect(Array.from(g.offsets)).toEqual([0, 1, 3, 3, 5, 5]);
    expect(Array.from(g.targets)).toEqual([1, 0, 4, 2, 2]);
  });
  it('selectPairs picks positions', () => {
    const s = selectPairs(p, [4, 0]);
    expect(Array.from(s.q)).toEqual([0, 3]);
    expect(Array.from(s.i)).toEqual([1, 2]);
  });
});
