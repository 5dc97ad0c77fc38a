import { describe, expect, it } from 'vitest';
import { buyBuyPairs, sessionIds, viewBuyPairs } from './p3-pairs';
import { DAY_MS, MINUTE_MS } from './time';
import { pairNames, tinyDataset, type TinyEvent } from './tiny-dataset';

const m = (x: number): number => x * MINUTE_MS;
const d = (x: number): number => x * DAY_MS;
const sorted = (a: string[]): string[] => [...a].sort();

describe('P3 view-buy', () => {
  const rows: TinyEvent[] = [
    // S1 session 1 (0 .. 30 min)
    { s: 'S1', i: 'A', a: 'view', t: m(0) },
    { s: 'S1', i: 'B', a: 'click', t: m(10) },
    { s: 'S1', i: 'C', a: 'purchase', t: m(20) }, // A>C, B>C
    { s: 'S1', i: 'D', a: 'zoom', t: m(21) },
    { s: 'S1', i: 'A', a: 'purchase', t: m(30) }, // B>A, D>A (A>A is not a pair)
    // S1 session 2: 31 min gap
    { s: 'S1', i: 'E', a: 'view', t: m(61) },
    { s: 'S1', i: 'F', a: 'purchase', t: m(91) }, // exactly 30 min later: same session → E>F
    { s: 'S1', i: 'G', a: 'view', t: m(92) },
    { s: 'S1', i: 'H', a: 'cart', t: m(93) }, // a cart is not a view
    { s: 'S1', i: 'I', a: 'purchase', t: m(94) }, // E>I, G>I
    { s: 'S1', i: 'J', a: 'view', t: m(95) }, // after the last purchase: nothing
    { s: 'S1', i: 'E', a: 'cancel', t: m(96) },
    // S2: cancel is not a purchase; views in another shopper's session do not count
    { s: 'S2', i: 'A', a: 'view', t: m(0) },
    { s: 'S2', i: 'B', a: 'cancel', t: m(1) },
    { s: 'S2', i: 'C', a: 'click-through', t: m(40) },
    { s: 'S2', i: 'D', a: 'purchase', t: m(41) }, // C>D only (A is in an earlier session)
    // anonymous: no session
    { s: '', i: 'A', a: 'view', t: m(2) },
    { s: '', i: 'B', a: 'purchase', t: m(3) },
  ];
  const ds = tinyDataset(rows, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);

  it('pairs each view with the purchases after it in the same 30-minute session', () => {
    expect(pairNames(ds, viewBuyPairs(ds))).toEqual(['A>C', 'B>A', 'B>C', 'C>D', 'D>A', 'E>F', 'E>I', 'G>I']);
  });

  it('numbers sessions per shopper with the 30-minute gap', () => {
    const sid = sessionIds(ds);
    const byRow = (s: string, t: number): number => {
      for (let e = 0; e < ds.events.length; e++) {
        if (ds.events.timestamp[e] === t && ds.shoppers[ds.events.shopper[e]] === s) return sid[e];
      }
      return -2;
    };
    expect(byRow('S1', m(0))).toBe(byRow('S1', m(30)));
    expect(byRow('S1', m(61))).not.toBe(byRow('S1', m(30)));
    expect(byRow('S1', m(61))).toBe(byRow('S1', m(96)));
    expect(byRow('S2', m(0))).not.toBe(byRow('S2', m(40)));
    expect(new Set(sid).size).toBe(5); // S1: 2, S2: 2, anonymous: -1
    expect(sid.filter((x) => x === -1)).toHaveLength(2);
  });

  it('only uses events before `before`', () => {
    expect(pairNames(ds, viewBuyPairs(ds, { before: m(91) }))).toEqual(['A>C', 'B>A', 'B>C', 'C>D', 'D>A']);
  });
});

describe('P3 buy-buy', () => {
  const rows: TinyEvent[] = [
    { s: 'S1', i: 'A', t: d(0), b: 'b1' },
    { s: 'S1', i: 'B', t: d(0), b: 'b1' }, // A>B, B>A
    { s: 'S1', i: 'C', t: d(7), b: 'b2' }, // exactly 7 days: A>C, B>C
    { s: 'S1', i: 'D', t: d(7) + 1, b: 'b3' }, // 1 ms later: C>D only
    { s: 'S1', i: 'E', a: 'cancel', t: d(7), b: 'b2' }, // not a purchase
    { s: 'S1', i: 'F', a: 'view', t: d(7) }, // not a purchase
    // a basket spanning more than 7 days still pairs both ways
    { s: 'S1', i: 'X', t: d(20), b: 'b9' },
    { s: 'S1', i: 'Y', t: d(30), b: 'b9' },
    // same time, different baskets: both orders
    { s: 'S2', i: 'P', t: d(40), b: 'c1' },
    { s: 'S2', i: 'Q', t: d(40), b: 'c2' },
    // repeated purchases of one item: no K>K; the later K pairs with L (8 d after the 1st K,
    // 7 d after the 2nd); M is 7 d + 1 ms after the 2nd K, but within 7 d of L
    { s: 'S3', i: 'K', t: d(50) },
    { s: 'S3', i: 'K', t: d(51) },
    { s: 'S3', i: 'L', t: d(58) },
    { s: 'S3', i: 'M', t: d(58) + 1 },
    // anonymous purchases give no pair, not even in one basket
    { s: '', i: 'G', t: d(60), b: 'g1' },
    { s: '', i: 'H', t: d(60), b: 'g1' },
    { s: '', i: 'I', t: d(60) },
    { s: '', i: 'J', t: d(60) },
  ];
  const ds = tinyDataset(rows);

  it('pairs purchases in the same basket or within 7 days after', () => {
    expect(sorted(pairNames(ds, buyBuyPairs(ds, { sameBasket: true })))).toEqual(
      sorted(['A>B', 'B>A', 'A>C', 'B>C', 'C>D', 'X>Y', 'Y>X', 'P>Q', 'Q>P', 'K>L', 'L>M']),
    );
  });

  it('uses the same-basket rule only on basket data (by default)', () => {
    const windowOnly = sorted(['A>B', 'B>A', 'A>C', 'B>C', 'C>D', 'P>Q', 'Q>P', 'K>L', 'L>M']);
    expect(sorted(pairNames(ds, buyBuyPairs(ds, { sameBasket: false })))).toEqual(windowOnly);
    // 16 of the 17 positive events are purchases (< 95%): not basket data
    expect(sorted(pairNames(ds, buyBuyPairs(ds)))).toEqual(windowOnly);
    const purchasesOnly = tinyDataset(rows.filter((r) => r.a !== 'view'));
    expect(pairNames(purchasesOnly, buyBuyPairs(purchasesOnly))).toContain('X>Y');
  });

  it('honours the window and `before`', () => {
    const six = pairNames(ds, buyBuyPairs(ds, { buyWindowMs: d(6) }));
    expect(six).not.toContain('A>C');
    expect(six).not.toContain('K>L');
    expect(six).toContain('A>B');
    expect(sorted(pairNames(ds, buyBuyPairs(ds, { before: d(7) + 1, sameBasket: true })))).toEqual(sorted(['A>B', 'B>A', 'A>C', 'B>C']));
  });

  it('is sorted and deduplicated', () => {
    const p = buyBuyPairs(ds);
    for (let j = 1; j < p.q.length; j++) {
      expect(p.q[j - 1] < p.q[j] || (p.q[j - 1] === p.q[j] && p.i[j - 1] < p.i[j])).toBe(true);
    }
  });
});
