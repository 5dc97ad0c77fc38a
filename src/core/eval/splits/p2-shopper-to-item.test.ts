import { describe, expect, it } from 'vitest';
import { hashUnit } from '../../hash';
import { disjointHeldOut, p2Split, type P2Split, type Rows } from './p2-shopper-to-item';
import { DAY_MS } from './time';
import { tinyDataset, type TinyEvent } from './tiny-dataset';
import type { Dataset } from '../../data/types';

const d = (x: number): number => x * DAY_MS;

// T_end = day 30 → t0 = day 16, window (day 16, day 30]
const rows: TinyEvent[] = [
  // S1: history (X bought, C cancelled), targets X (twice) and Y
  { s: 'S1', i: 'X', a: 'purchase', t: d(1) },
  { s: 'S1', i: 'C', a: 'cancel', t: d(5) },
  { s: 'S1', i: 'X', a: 'view', t: d(20) },
  { s: 'S1', i: 'X', a: 'purchase', t: d(21) },
  { s: 'S1', i: 'Y', a: 'cart', t: d(22) },
  { s: 'S1', i: 'Z', a: 'cancel', t: d(23) },
  // S2: no history
  { s: 'S2', i: 'X', a: 'view', t: d(20) },
  // S3: history, only a cancel in the window
  { s: 'S3', i: 'Y', a: 'view', t: d(2) },
  { s: 'S3', i: 'Y', a: 'cancel', t: d(25) },
  // S4: history, a positive event exactly at t0 only (neither history nor window)
  { s: 'S4', i: 'Y', a: 'view', t: d(3) },
  { s: 'S4', i: 'Z', a: 'view', t: d(16) },
  // S5: history (just before t0), a positive event exactly at t0 + K (in the window)
  { s: 'S5', i: 'Y', a: 'view', t: d(16) - 1 },
  { s: 'S5', i: 'Z', a: 'click', t: d(30) },
  // anonymous events in the window
  { s: '', i: 'X', a: 'view', t: d(24) },
  // S6: 70 history events over items H0..H69, one target
  ...Array.from({ length: 70 }, (_, k) => ({ s: 'S6', i: `H${k}`, a: 'view' as const, t: d(4) + k * 1000 })),
  { s: 'S6', i: 'H0', a: 'purchase', t: d(29) },
  // S7: a rating of 3 in the window is not positive
  { s: 'S7', i: 'X', a: 'view', t: d(6) },
  { s: 'S7', i: 'Y', a: 'rating', v: 3, t: d(27) },
];
const ds = tinyDataset(rows, ['X', 'Y', 'Z', 'C']);

/** Eval shopper ids, sorted by name (the split lists them by shopper index). */
function names(p: P2Split): string[] {
  return Array.from(p.shoppers, (s) => ds.shoppers[s]).sort();
}

function row(ds: Dataset, split: P2Split, rows: Rows, shopper: string, asItems: boolean): (string | number)[] {
  const r = Array.from(split.shoppers).indexOf(ds.shoppers.indexOf(shopper));
  const out = Array.from(rows.values.subarray(rows.offsets[r], rows.offsets[r + 1]));
  return asItems ? out.map((i) => ds.items.ids[i]) : out;
}

describe('P2 temporal split', () => {
  const p2 = p2Split(ds);

  it('cuts at t0 = T_end − 14 days, window (t0, t0 + 14 d]', () => {
    expect(p2.tEnd).toBe(d(30));
    expect(p2.t0).toBe(d(16));
    expect(p2.tWindowEnd).toBe(d(30));
    for (let e = 0; e < ds.events.length; e++) {
      const t = ds.events.timestamp[e];
      expect(e < p2.trainEnd).toBe(t < d(16));
      expect(e >= p2.windowStart && e < p2.windowEnd).toBe(t > d(16) && t <= d(30));
    }
  });

  it('selects shoppers with history and a positive window event', () => {
    expect(names(p2)).toEqual(['S1', 'S5', 'S6']);
    expect(p2.heldOut).toBeNull();
  });

  it('gives distinct positive targets, first-appearance order', () => {
    expect(row(ds, p2, p2.targets, 'S1', true)).toEqual(['X', 'Y']);
    expect(row(ds, p2, p2.targets, 'S5', true)).toEqual(['Z']);
    expect(row(ds, p2, p2.targets, 'S6', true)).toEqual(['H0']);
    expect(p2.targetPairs).toBe(4);
  });

  it('keeps the last M history events before t0, and every item seen before t0', () => {
    const h1 = row(ds, p2, p2.history, 'S1', false) as number[];
    expect(h1.map((e) => ds.events.timestamp[e])).toEqual([d(1), d(5)]);
    expect(row(ds, p2, p2.seen, 'S1', true)).toEqual(['X', 'C']); // ascending item index
    const h6 = row(ds, p2, p2.history, 'S6', false) as number[];
    expect(h6).toHaveLength(64);
    expect(h6.map((e) => ds.items.ids[ds.events.item[e]])).toEqual(Array.from({ length: 64 }, (_, k) => `H${k + 6}`));
    expect(row(ds, p2, p2.seen, 'S6', false)).toHaveLength(70);
    const short = p2Split(ds, { historyLength: 3 });
    expect((row(ds, short, short.history, 'S6', false) as number[]).map((e) => ds.items.ids[ds.events.item[e]])).toEqual([
      'H67',
      'H68',
      'H69',
    ]);
  });

  it('window length K is configurable', () => {
    const p = p2Split(ds, { windowDays: 10 }); // t0 = day 20: S1 history up to day 20 excluded
    expect(p.t0).toBe(d(20));
    // S1: history d1, d5 (the view at exactly d20 is neither); targets X (d21), Y
    expect(names(p)).toEqual(['S1', 'S5', 'S6']);
    expect(row(ds, p, p.targets, 'S1', true)).toEqual(['X', 'Y']);
    const p8 = p2Split(ds, { windowDays: 8 }); // t0 = day 22: S2 now has history (d20) but no window event
    expect(names(p8)).toEqual(['S5', 'S6']);
  });
});

describe('P2 disjoint variant', () => {
  it('holds out shoppers by a stable hash of the id with the seed', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `customer-${k}`);
    const held = disjointHeldOut(ids, 42);
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      expect(held[k]).toBe(hashUnit(ids[k], 42) < 0.1 ? 1 : 0);
      n += held[k];
    }
    expect(n).toBeGreaterThan(420);
    expect(n).toBeLessThan(580);
    // independent of order and of the other ids
    expect(disjointHeldOut(['customer-7'], 42)[0]).toBe(held[7]);
    expect(disjointHeldOut(ids, 43).join()).not.toBe(held.join());
  });

  it('evaluates only held-out shoppers that meet the temporal rule', () => {
    const all = p2Split(ds, { variant: 'disjoint', disjointFraction: 1 });
    expect(names(all)).toEqual(['S1', 'S5', 'S6']);
    expect(Array.from(all.heldOut ?? [])).toEqual(ds.shoppers.map(() => 1));
    expect(p2Split(ds, { variant: 'disjoint', disjointFraction: 0 }).shoppers.length).toBe(0);
    for (const seed of [1, 2, 3, 4, 5]) {
      const p = p2Split(ds, { variant: 'disjoint', seed, disjointFraction: 0.5 });
      const expected = ['S1', 'S5', 'S6'].filter((id) => hashUnit(id, seed) < 0.5);
      expect(names(p)).toEqual(expected);
    }
  });
});

describe('P2 edge cases', () => {
  it('handles an empty dataset', () => {
    const p = p2Split(tinyDataset([]));
    expect(p.shoppers.length).toBe(0);
    expect(p.trainEnd).toBe(0);
  });
});
