import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { orderByTime } from './sort-by-time';

function reference(ts: Float64Array): number[] {
  return Array.from(ts, (_, i) => i).sort((a, b) => ts[a] - ts[b] || a - b);
}

describe('orderByTime (stable radix sort)', () => {
  it.each([
    ['ms within a minute', 60_000],
    ['ms over 90 days', 90 * 86_400_000],
    ['ms over 20 years', 20 * 365 * 86_400_000],
  ])('matches a stable comparison sort: %s', (_, range) => {
    const rng = new Rng(range);
    const ts = new Float64Array(5000);
    for (let i = 0; i < ts.length; i++) ts[i] = 1_700_000_000_000 + rng.nextInt(range);
    for (let i = 0; i < 500; i++) ts[rng.nextInt(ts.length)] = ts[rng.nextInt(ts.length)]; // ties
    expect(Array.from(orderByTime(ts))).toEqual(reference(ts));
  });

  it('handles empty, single and sorted input', () => {
    expect(orderByTime(new Float64Array(0)).length).toBe(0);
    expect(Array.from(orderByTime(new Float64Array([5])))).toEqual([0]);
    expect(Array.from(orderByTime(new Float64Array([1, 1, 2, 3])))).toEqual([0, 1, 2, 3]);
  });
});
