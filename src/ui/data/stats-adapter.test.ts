import { describe, expect, it } from 'vitest';
import { ACTION_CODE, NO_BASKET, NO_SHOPPER, type Dataset } from '../../core/data/types';
import { computeStats } from './stats-adapter';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1, 10);

function tiny(): Dataset {
  // shopper, item, action, day
  const rows: [number, number, number, number][] = [
    [0, 0, ACTION_CODE.view, 0],
    [0, 0, ACTION_CODE.purchase, 0],
    [0, 1, ACTION_CODE.cart, 1],
    [1, 0, ACTION_CODE.view, 1],
    [1, 2, ACTION_CODE.cancel, 3],
    [NO_SHOPPER, 1, ACTION_CODE.purchase, 3],
  ];
  const n = rows.length;
  return {
    name: 'tiny',
    events: {
      length: n,
      shopper: Uint32Array.from(rows.map((r) => r[0])),
      item: Uint32Array.from(rows.map((r) => r[1])),
      action: Uint8Array.from(rows.map((r) => r[2])),
      timestamp: Float64Array.from(rows.map((r) => T0 + r[3] * DAY)),
      device: new Uint8Array(n),
      duration: new Float32Array(n).fill(NaN),
      basket: new Uint32Array(n).fill(NO_BASKET),
      value: new Float32Array(n).fill(NaN),
    },
    items: {
      length: 4,
      ids: ['a', 'b', 'c', 'd'],
      title: ['Alpha', 'Beta', '', 'Delta'],
      category: new Uint32Array(4),
      categories: [''],
      brand: new Uint32Array(4),
      brands: [''],
      price: new Float32Array(4).fill(NaN),
      firstSeen: new Float64Array(4).fill(NaN),
      flags: new Uint8Array(4),
    },
    shoppers: ['s1', 's2', 's3'],
    baskets: [],
    fields: { device: false, duration: false, basket: false, value: false, title: true, category: false, brand: false, price: false, realTime: true },
    meta: {},
  };
}

describe('computeStats (Data panel view of datasetStats)', () => {
  it('counts, per-action, per-day series, sequence lengths and top items with shoppers', () => {
    const s = computeStats(tiny());
    expect(s.events).toBe(6);
    expect(s.shoppers).toBe(2);
    expect(s.shopperTable).toBe(3);
    expect(s.items).toBe(3);
    expect(s.catalogueItems).toBe(4);
    expect(s.guestEvents).toBe(1);
    expect(s.actions).toEqual([
      { kind: 'view', events: 2 },
      { kind: 'cart', events: 1 },
      { kind: 'purchase', events: 2 },
      { kind: 'cancel', events: 1 },
    ]);
    expect(s.perDay.days).toBe(4);
    expect(s.perDay.series.find((x) => x.kind === 'view')!.counts).toEqual([1, 1, 0, 0]);
    expect(s.perDay.series.find((x) => x.kind === 'purchase')!.counts).toEqual([1, 0, 0, 1]);
    expect(s.seqLengths.max).toBe(3);
    expect(s.seqLengths.median).toBe(2);
    expect(s.seqLengths.mean).toBe(2.5);
    expect(s.seqLengths.bins.reduce((a, b) => a + b.shoppers, 0)).toBe(2);
    // Item a: 3 positive events by 2 shoppers; b: 2 positive (one a guest's) by 1 shopper; c only cancelled.
    expect(s.topItems.map((t) => [t.id, t.title, t.positive, t.shoppers])).toEqual([
      ['a', 'Alpha', 3, 2],
      ['b', 'Beta', 2, 1],
    ]);
    // Plain data: survives JSON and structured clone (IndexedDB, postMessage).
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
