import { describe, expect, it } from 'vitest';
import { Rng, hashString32, searchCumulative } from './rng';

describe('Rng (sfc32)', () => {
  it('is deterministic per seed, and seeds differ', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 10 }, () => a.nextU32());
    expect(Array.from({ length: 10 }, () => b.nextU32())).toEqual(xa);
    expect(Array.from({ length: 10 }, () => c.nextU32())).not.toEqual(xa);
    expect(new Rng('abc').nextU32()).toBe(new Rng('abc').nextU32());
    expect(hashString32('a')).not.toBe(hashString32('b'));
  });

  it('fork gives independent streams without advancing the parent', () => {
    const a = new Rng(1);
    const f1 = a.fork('x').nextU32();
    const f2 = a.fork('y').nextU32();
    expect(f1).not.toBe(f2);
    expect(a.nextU32()).toBe(new Rng(1).nextU32());
  });

  it('nextFloat, nextInt, normal and geometric have the right moments', () => {
    const r = new Rng(7);
    const n = 200_000;
    let sf = 0;
    const bins = new Float64Array(10);
    let sn = 0;
    let sn2 = 0;
    let sg = 0;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const f = r.nextFloat();
      if (!(f >= 0 && f < 1)) out++;
      sf += f;
      bins[r.nextInt(10)]++;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
      sg += r.geometric(0.25);
    }
    expect(out).toBe(0);
    expect(Math.abs(sf / n - 0.5)).toBeLessThan(0.005);
    for (const b of bins) expect(Math.abs(b / n - 0.1)).toBeLessThan(0.005);
    expect(Math.abs(sn / n)).toBeLessThan(0.01);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(sg / n - 3)).toBeLessThan(0.05);
  });

  it('shuffle is a permutation; weighted and pickCumulative follow the weights', () => {
    const r = new Rng(3);
    const p = r.permutation(100);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const counts = [0, 0, 0];
    const cc = [0, 0, 0];
    const cum = new Float64Array([1, 3, 6]);
    for (let i = 0; i < 60_000; i++) {
      counts[r.weighted([1, 2, 3])]++;
      cc[r.pickCumulative(cum)]++;
    }
    expect(counts[0] / 60_000).toBeCloseTo(1 / 6, 1);
    expect(counts[2] / 60_000).toBeCloseTo(1 / 2, 1);
    expect(cc[1] / 60_000).toBeCloseTo(1 / 3, 1);
    // restricted range [1, 3): weights 2 and 3
    let one = 0;
    for (let i = 0; i < 10_000; i++) if (r.pickCumulative(cum, 1, 3) === 1) one++;
    expect(one / 10_000).toBeCloseTo(0.4, 1);
    expect(searchCumulative(cum, 0)).toBe(0);
    expect(searchCumulative(cum, 1)).toBe(1);
    expect(searchCumulative(cum, 5.99)).toBe(2);
    const d = r.sampleDistinct(1000, 50);
    expect(new Set(d).size).toBe(50);
  });
});

describe('inverseNormalCdf', () => {
  it('matches known quantiles', async () => {
    const { inverseNormalCdf } = await import('./rng');
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 8);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5);
    expect(inverseNormalCdf(1e-6)).toBeCloseTo(-4.753424, 4);
  });
});
