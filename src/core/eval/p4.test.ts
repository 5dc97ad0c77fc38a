// P4 feed replay on a hand-made case: split, popular control, recall@feed and recall@feed_new.
import { describe, expect, it } from 'vitest';
import { tinyDataset } from './splits/tiny-dataset';
import { p4CutOff, p4Split, popularControl, popularControlExcludingBought, purchasedBefore, scoreP4 } from './p4';

const DAY = 86_400_000;

describe('P4', () => {
  // items x y z w v; t0 = 30 − 14 = day 16
  const ds = tinyDataset(
    [
      { s: 'a', i: 'x', a: 'purchase', t: 1 * DAY },
      { s: 'a', i: 'y', a: 'view', t: 10 * DAY },
      { s: 'b', i: 'y', a: 'purchase', t: 12 * DAY },
      { s: 'b', i: 'y', a: 'purchase', t: 15 * DAY },
      { s: 'c', i: 'z', a: 'purchase', t: 14 * DAY },
      { s: 'd', i: 'w', a: 'purchase', t: 1 * DAY }, // before the control's 14 days
      { s: 'a', i: 'x', a: 'purchase', t: 17 * DAY }, // repeat: not new
      { s: 'a', i: 'z', a: 'purchase', t: 18 * DAY }, // new
      { s: 'a', i: 'v', a: 'purchase', t: 19 * DAY }, // not in the set
      { s: 'a', i: 'z', a: 'purchase', t: 19 * DAY }, // duplicate pair
      { s: 'b', i: 'w', a: 'view', t: 20 * DAY }, // not a purchase
      { s: 'e', i: 'x', a: 'purchase', t: 21 * DAY }, // no event before t0
      { s: 'c', i: 'w', a: 'purchase', t: 30 * DAY }, // new, at T_end
    ],
    ['x', 'y', 'z', 'w', 'v'],
  );
  const inSet = Uint8Array.of(1, 1, 1, 1, 0);

  it('splits at T_end − 14 days and keeps target-set purchases of shoppers with a past', () => {
    expect(p4CutOff(ds)).toBe(16 * DAY);
    const s = p4Split(ds, inSet);
    expect(Array.from(s.shoppers).map((r) => ds.shoppers[r])).toEqual(['a', 'c']);
    expect(Array.from(s.targets.values).map((i) => ds.items.ids[i])).toEqual(['x', 'z', 'w']);
    expect(Array.from(s.isNew)).toEqual([0, 1, 1]);
    expect(s.pairs).toBe(3);
    expect(s.pairsNew).toBe(2);
  });

  it('the popular control counts purchases in the 14 days before t0, set items only', () => {
    expect(Array.from(popularControl(ds, 16 * DAY, inSet, 3)).map((i) => ds.items.ids[i])).toEqual(['y', 'z']);
    expect(Array.from(popularControl(ds, 16 * DAY, Uint8Array.of(1, 0, 1, 1, 0), 3)).map((i) => ds.items.ids[i])).toEqual(['z']);
  });

  it('recall@feed over pairs, recall@feed_new over never-bought pairs', () => {
    const s = p4Split(ds, inSet);
    const feeds = [[1, 2], [4, 0]]; // a: y z → hit z (new); c: v x → no hit
    const r = scoreP4(s, (row) => feeds[row]);
    expect(r.hits).toBe(1);
    expect(r['recall@feed']).toBeCloseTo(1 / 3, 12);
    expect(r['recall@feed_new']).toBeCloseTo(1 / 2, 12);
    const all = scoreP4(s, () => [0, 1, 2, 3]);
    expect(all['recall@feed']).toBe(1);
    expect(all['recall@feed_new']).toBe(1);
  });

  it('the control under the feed rule drops what each shopper bought before t0, refilled from the ranking', () => {
    const s = p4Split(ds, inSet);
    const bought = purchasedBefore(ds, s.trainEnd, s.shoppers);
    const name = (xs: Iterable<number>): string[] => [...xs].map((i) => ds.items.ids[i]);
    expect(name(bought.get(s.shoppers[0])!)).toEqual(['x']); // a
    expect(name(bought.get(s.shoppers[1])!)).toEqual(['z']); // c (z at day 14, w only at day 30)
    const ranking = popularControl(ds, 16 * DAY, inSet, 5); // y (2), z (1)
    expect(name(popularControlExcludingBought(ranking, bought.get(s.shoppers[0]), 2))).toEqual(['y', 'z']);
    expect(name(popularControlExcludingBought(ranking, bought.get(s.shoppers[1]), 2))).toEqual(['y']);
    expect(name(popularControlExcludingBought(ranking, undefined, 1))).toEqual(['y']);
  });
});
