/**
 * The splits on a small synthetic multi-event world (views, clicks, carts, purchases, devices,
 * sessions) against the plain reference loops of real-data.reference.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import { detectBasketData } from './co-engagement';
import { p1Split } from './p1-item-to-item';
import { p2Split } from './p2-shopper-to-item';
import { buyBuyPairs, viewBuyPairs } from './p3-pairs';
import { pairNames } from './tiny-dataset';
import { refBuyBuy, refEvents, refP1Sequence, refP2, refViewBuy, type RefEvent } from './real-data.reference';

describe('splits on a synthetic world', () => {
  let ds: Dataset;
  let rows: RefEvent[];
  beforeAll(() => {
    ds = generateSyntheticSync(syntheticPreset('small', { events: 40_000, seed: 11 })).dataset;
    rows = refEvents(ds);
  }, 60_000);

  it('is not basket data: P1 uses the sequence rule, matching the reference', () => {
    expect(detectBasketData(ds)).toBe(false);
    const p1 = p1Split(ds, { seed: 1 });
    expect(p1.mode).toBe('sequence');
    const ref = refP1Sequence(rows, p1.tTest, 86_400_000);
    const got = pairNames(ds, p1.testPairs);
    expect(got.length).toBe(ref.size);
    for (const p of got) if (!ref.has(p)) expect.fail(p);
    expect(got.length).toBeGreaterThan(0);
  });

  it('P2 matches the reference', () => {
    const p2 = p2Split(ds);
    const ref = refP2(rows, p2.t0, 14);
    expect(Array.from(p2.shoppers, (s) => ds.shoppers[s]).sort()).toEqual([...ref.keys()].sort());
    let pairs = 0;
    for (const r of ref.values()) pairs += r.targets.length;
    expect(p2.targetPairs).toBe(pairs);
    expect(pairs).toBeGreaterThan(0);
  });

  it('P3 view-buy and buy-buy match the reference', () => {
    const vb = refViewBuy(rows);
    const got = pairNames(ds, viewBuyPairs(ds));
    expect(got.length).toBe(vb.size);
    for (const p of got) if (!vb.has(p)) expect.fail(p);
    expect(got.length).toBeGreaterThan(0);
    const bbRef = refBuyBuy(ds, rows, false);
    const bb = buyBuyPairs(ds);
    let count = 0;
    for (const x of bbRef) count += x;
    expect(bb.q.length).toBe(count);
    for (let j = 0; j < bb.q.length; j++) if (bbRef[bb.q[j] * ds.items.length + bb.i[j]] !== 1) expect.fail(`pair ${j}`);
  });
});
