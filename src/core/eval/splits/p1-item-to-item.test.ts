import { describe, expect, it } from 'vitest';
import { coEngagementPairs, detectBasketData } from './co-engagement';
import { p1Split, p1TrainPairs } from './p1-item-to-item';
import { HOUR_MS } from './time';
import { pairNames, tinyDataset, type TinyEvent } from './tiny-dataset';

const h = (x: number): number => x * HOUR_MS;

// Span 0 h .. 1000 h → t_test = 900 h.
const trainRows: TinyEvent[] = [
  { s: 'S1', i: 'A', a: 'view', t: h(0) },
  { s: 'S1', i: 'B', a: 'view', t: h(10) },
  { s: 'S1', i: 'C', a: 'view', t: h(100) },
  { s: 'S1', i: 'D', a: 'view', t: h(200) },
  { s: '', i: 'A', a: 'view', t: h(300) },
];

describe('P1 sequence mode', () => {
  const rows: TinyEvent[] = [
    ...trainRows,
    // S1: A A B (24 h after the last A: kept), C (24 h + 36 s after B: dropped), cancel D, A (C→A)
    { s: 'S1', i: 'A', a: 'view', t: h(900) },
    { s: 'S1', i: 'A', a: 'view', t: h(905) },
    { s: 'S1', i: 'B', a: 'view', t: h(929) },
    { s: 'S1', i: 'C', a: 'view', t: h(953.01) },
    { s: 'S1', i: 'D', a: 'cancel', t: h(953.5) },
    { s: 'S1', i: 'A', a: 'view', t: h(954) },
    // S2: E has no train event → E>A dropped, A>E kept
    { s: 'S2', i: 'E', a: 'view', t: h(910) },
    { s: 'S2', i: 'A', a: 'view', t: h(911) },
    { s: 'S2', i: 'E', a: 'view', t: h(912) },
    // S3: D>B; S7: C>A again (deduplicated)
    { s: 'S3', i: 'D', a: 'click', t: h(920) },
    { s: 'S3', i: 'B', a: 'purchase', t: h(921) },
    { s: 'S7', i: 'C', a: 'click', t: h(922) },
    { s: 'S7', i: 'A', a: 'cart', t: h(923) },
    // anonymous: no sequence
    { s: '', i: 'A', a: 'view', t: h(930) },
    { s: '', i: 'C', a: 'view', t: h(931) },
    // S4: a cancel is not positive
    { s: 'S4', i: 'A', a: 'cancel', t: h(940) },
    { s: 'S4', i: 'B', a: 'purchase', t: h(941) },
    // S5: a rating below 4 is not positive, 4 is
    { s: 'S5', i: 'B', a: 'rating', v: 2, t: h(950) },
    { s: 'S5', i: 'C', a: 'rating', v: 4, t: h(951) },
    { s: 'S5', i: 'D', a: 'rating', v: 5, t: h(952) },
    // train / test boundary: an event exactly at t_test is test
    { s: 'S6', i: 'D', a: 'view', t: h(899.99) },
    { s: 'S6', i: 'B', a: 'view', t: h(1000) },
  ];
  const ds = tinyDataset(rows, ['A', 'B', 'C', 'D', 'E']);

  it('splits by time at T_end − 10% of the span', () => {
    const p1 = p1Split(ds);
    expect(p1.tStart).toBe(0);
    expect(p1.tEnd).toBe(h(1000));
    expect(p1.tTest).toBe(h(900));
    expect(p1.mode).toBe('sequence');
    // train: the 5 train rows + S6's D at 899.99 h
    expect(p1.trainEnd).toBe(6);
    expect(ds.events.timestamp[p1.trainEnd]).toBe(h(900));
    expect(Array.from(p1.itemHasTrainEvent)).toEqual([1, 1, 1, 1, 0]);
  });

  it('gives the consecutive distinct pairs within 24 h, q with a train event, deduplicated', () => {
    const p1 = p1Split(ds);
    expect(pairNames(ds, p1.testPairs)).toEqual(['A>B', 'A>E', 'C>A', 'C>D', 'D>B']);
  });

  it('train pairs follow the same rule over the train period', () => {
    const p1 = p1Split(ds);
    // S1: A@0 → B@10 (10 h), B → C 90 h, C → D 100 h; S6's D alone
    expect(pairNames(ds, p1TrainPairs(ds, p1))).toEqual(['A>B']);
  });

  it('honours the window option', () => {
    // every other test pair is ≥ 1 h apart; C→A is 0.99 h
    expect(pairNames(ds, p1Split(ds, { windowMs: h(0.995) }).testPairs)).toEqual(['C>A']);
    // 1 h: A>B (exactly 24 h) goes
    expect(pairNames(ds, p1Split(ds, { windowMs: h(1) }).testPairs)).toEqual(['A>E', 'C>A', 'C>D', 'D>B']);
  });
});

describe('P1 basket mode', () => {
  const w = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'];
  const n = Array.from({ length: 25 }, (_, k) => `N${k}`);
  const rows: TinyEvent[] = [
    ...['A', 'B', 'C', 'D', ...w].map((i, k) => ({ s: 'S0', i, t: h(k), b: 'train-basket' })),
    { s: 'S0', i: 'A', t: h(1000), b: 'last' },
    // X: A B C (A twice) → 6 pairs
    { s: 'S1', i: 'A', t: h(901), b: 'X' },
    { s: 'S1', i: 'B', t: h(901), b: 'X' },
    { s: 'S1', i: 'A', t: h(901), b: 'X' },
    { s: 'S1', i: 'C', t: h(901), b: 'X' },
    // Y: anonymous basket still gives pairs
    { s: '', i: 'A', t: h(902), b: 'Y' },
    { s: '', i: 'D', t: h(902), b: 'Y' },
    // Z: E has no train event
    { s: 'S2', i: 'E', t: h(903), b: 'Z' },
    { s: 'S2', i: 'A', t: h(903), b: 'Z' },
    // cancel line is not positive
    { s: 'S3', i: 'C', t: h(904), b: 'C1' },
    { s: 'S3', i: 'D', a: 'cancel', t: h(904), b: 'C1' },
    // X2 duplicates A>B, B>A
    { s: 'S4', i: 'B', t: h(905), b: 'X2' },
    { s: 'S4', i: 'A', t: h(905), b: 'X2' },
    // no basket: nothing in basket mode
    { s: 'S5', i: 'B', t: h(906) },
    { s: 'S5', i: 'D', t: h(906) },
  ];
  const small = tinyDataset(rows, ['A', 'B', 'C', 'D', 'E']);

  it('is detected from fields.basket with purchase events', () => {
    expect(detectBasketData(small)).toBe(true);
    const withViews = tinyDataset(rows.map((r) => ({ ...r, a: 'view' as const })));
    expect(detectBasketData(withViews)).toBe(false);
  });

  it('gives every ordered pair of distinct items of a basket', () => {
    const p1 = p1Split(small);
    expect(p1.mode).toBe('basket');
    expect(pairNames(small, p1.testPairs)).toEqual(['A>B', 'A>C', 'A>D', 'A>E', 'B>A', 'B>C', 'C>A', 'C>B', 'D>A']);
  });

  it('caps a basket at 20 pairs, deterministically with the seed', () => {
    const big = tinyDataset([...rows, ...w.map((i) => ({ s: 'S9', i, t: h(950), b: 'W' }))], ['A', 'B', 'C', 'D', 'E']);
    const basketW = big.baskets.indexOf('W');
    const bigOnly = (seed: number): string[] => {
      const ds = big;
      const p1 = p1Split(ds, { seed });
      return pairNames(ds, p1.testPairs).filter((p) => p.startsWith('W'));
    };
    expect(basketW).toBeGreaterThan(0);
    const a = bigOnly(1);
    expect(a).toHaveLength(20);
    for (const p of a) {
      const [q, i] = p.split('>');
      expect(w).toContain(q);
      expect(w).toContain(i);
      expect(q).not.toBe(i);
    }
    expect(bigOnly(1)).toEqual(a);
    const others = [2, 3, 4, 5].map(bigOnly);
    expect(others.some((o) => o.join() !== a.join())).toBe(true);
    // cap 100 → all 42
    expect(pairNames(big, p1Split(big, { basketCap: 100 }).testPairs).filter((p) => p.startsWith('W'))).toHaveLength(42);
  });

  it('applies the train-event filter on queries before the cap', () => {
    const ds = tinyDataset([...rows, { s: 'S9', i: 'A', t: h(960), b: 'V' }, ...n.map((i) => ({ s: 'S9', i, t: h(960), b: 'V' }))], [
      'A',
      'B',
      'C',
      'D',
      'E',
    ]);
    const pairs = pairNames(ds, p1Split(ds, { seed: 3 }).testPairs).filter((p) => p.startsWith('A>N'));
    expect(pairs).toHaveLength(20);
    expect(new Set(pairs).size).toBe(20);
  });

  it('sequence mode can be forced on basket data', () => {
    const p1 = p1Split(small, { mode: 'sequence' });
    expect(p1.mode).toBe('sequence');
    // S1: A B A C at one time → A>B, B>A, A>C; S2: E>A dropped; S3 cancel; S4: B>A; S5: B>D
    expect(pairNames(small, p1.testPairs)).toEqual(['A>B', 'A>C', 'B>A', 'B>D']);
  });

  it('coEngagementPairs over an arbitrary range', () => {
    const all = coEngagementPairs(small, 0, small.events.length, { mode: 'basket' });
    expect(pairNames(small, all)).toContain('E>A');
  });
});

describe('P1 edge cases', () => {
  it('handles an empty dataset', () => {
    const ds = tinyDataset([]);
    const p1 = p1Split(ds);
    expect(p1.trainEnd).toBe(0);
    expect(p1.testPairs.q.length).toBe(0);
  });
});
