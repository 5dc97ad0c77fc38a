import { describe, expect, it } from 'vitest';
import { datasetBuffers, deserializeDataset, serializeDataset, serializedBytes, type SerializedDataset } from './serialize';
import { NO_BASKET, NO_SHOPPER, type Dataset } from './types';

function sample(n = 1000): Dataset {
  const shopper = new Uint32Array(n);
  const item = new Uint32Array(n);
  const action = new Uint8Array(n);
  const timestamp = new Float64Array(n);
  const device = new Uint8Array(n);
  const duration = new Float32Array(n);
  const basket = new Uint32Array(n);
  const value = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    shopper[i] = i % 17 === 0 ? NO_SHOPPER : i % 40;
    item[i] = (i * 7) % 50;
    action[i] = i % 9;
    timestamp[i] = 1_291_190_760_000 + i * 60_000;
    device[i] = i % 5;
    duration[i] = i % 3 === 0 ? NaN : i / 10;
    basket[i] = i % 11 === 0 ? NO_BASKET : Math.floor(i / 4);
    value[i] = i % 13 === 0 ? NaN : -(i % 6) + 0.5;
  }
  const nItems = 50;
  return {
    name: 'sample',
    events: { length: n, shopper, item, action, timestamp, device, duration, basket, value },
    items: {
      length: nItems,
      ids: Array.from({ length: nItems }, (_, i) => (i === 3 ? '__proto__' : `SKU-${i}`)),
      title: Array.from({ length: nItems }, (_, i) => (i % 5 === 0 ? '' : i % 7 === 0 ? `Crème brûlée dish ${i} — ☕ 🍰` : `WHITE HANGING HEART ${i}`)),
      category: Uint32Array.from({ length: nItems }, (_, i) => i % 3),
      categories: ['', 'kitchen', 'décor'],
      brand: new Uint32Array(nItems),
      brands: [''],
      price: Float32Array.from({ length: nItems }, (_, i) => (i % 4 === 0 ? NaN : i * 1.25)),
      firstSeen: Float64Array.from({ length: nItems }, (_, i) => 1_291_190_760_000 + i),
      flags: Uint8Array.from({ length: nItems }, (_, i) => i % 4),
    },
    shoppers: Array.from({ length: 40 }, (_, i) => String(12346 + i)),
    baskets: Array.from({ length: Math.ceil(n / 4) }, (_, i) => (i % 9 === 0 ? `C${536379 + i}` : String(536365 + i))),
    fields: { device: true, duration: true, basket: true, value: true, title: true, category: true, brand: false, price: true, realTime: true },
    meta: { source: 'test', licence: 'CC BY 4.0', rows: n, synthetic: false },
  };
}

/** What IndexedDB / postMessage do to the buffers: a structured clone. */
function cloneThroughStorage(s: SerializedDataset): SerializedDataset {
  return structuredClone(s);
}

describe('serializeDataset / deserializeDataset', () => {
  it('round-trips every column, NaNs, sentinels, unicode and odd ids', () => {
    const ds = sample();
    const back = deserializeDataset(cloneThroughStorage(serializeDataset(ds)));
    expect(back.name).toBe(ds.name);
    expect(back.fields).toEqual(ds.fields);
    expect(back.meta).toEqual(ds.meta);
    expect(back.events.length).toBe(ds.events.length);
    for (const k of ['shopper', 'item', 'action', 'timestamp', 'device', 'duration', 'basket', 'value'] as const) {
      expect(back.events[k].constructor).toBe(ds.events[k].constructor);
      // toEqual on typed arrays treats NaN === NaN, which is what we want here.
      expect(back.events[k]).toEqual(ds.events[k]);
    }
    expect(back.items.length).toBe(ds.items.length);
    for (const k of ['category', 'brand', 'price', 'firstSeen', 'flags'] as const) expect(back.items[k]).toEqual(ds.items[k]);
    expect(back.items.ids).toEqual(ds.items.ids);
    expect(back.items.title).toEqual(ds.items.title);
    expect(back.items.categories).toEqual(ds.items.categories);
    expect(back.items.brands).toEqual(ds.items.brands);
    expect(back.shoppers).toEqual(ds.shoppers);
    expect(back.baskets).toEqual(ds.baskets);
  });

  it('handles an empty dataset', () => {
    const ds = sample(0);
    const empty: Dataset = { ...ds, items: { ...ds.items, length: 0, ids: [], title: [], category: new Uint32Array(0), brand: new Uint32Array(0), price: new Float32Array(0), firstSeen: new Float64Array(0), flags: new Uint8Array(0) }, shoppers: [], baskets: [] };
    const back = deserializeDataset(cloneThroughStorage(serializeDataset(empty)));
    expect(back.events.length).toBe(0);
    expect(back.items.ids).toEqual([]);
    expect(back.shoppers).toEqual([]);
  });

  it('does not copy numeric columns that own their buffer, and copies only the bytes of subarray views', () => {
    const ds = sample();
    const s = serializeDataset(ds);
    const ref = s.header.columns.find((c) => c.name === 'events.timestamp')!;
    expect(s.buffers[ref.buffer]).toBe(ds.events.timestamp.buffer);
    const big = new Float64Array(4000);
    const sub = { ...ds, events: { ...ds.events, timestamp: big.subarray(1000, 2000) } };
    const s2 = serializeDataset(sub);
    const ref2 = s2.header.columns.find((c) => c.name === 'events.timestamp')!;
    expect(s2.buffers[ref2.buffer].byteLength).toBe(1000 * 8);
    expect(serializedBytes(s2)).toBeGreaterThan(1000 * 30);
  });

  it('header is plain JSON', () => {
    const s = serializeDataset(sample());
    expect(JSON.parse(JSON.stringify(s.header))).toEqual(s.header);
  });

  it('rejects a foreign or newer header and missing columns with readable errors', () => {
    const s = serializeDataset(sample());
    expect(() => deserializeDataset({ ...s, header: { ...s.header, version: 99 } })).toThrow(/version 99/);
    expect(() => deserializeDataset({ ...s, header: { ...s.header, format: 'x' as 'kloa-dataset' } })).toThrow(/Not a stored KLOA dataset/);
    expect(() => deserializeDataset({ ...s, header: { ...s.header, columns: s.header.columns.filter((c) => c.name !== 'events.item') } })).toThrow(/events\.item/);
  });

  it('lists the distinct buffers to transfer', () => {
    const ds = sample();
    expect(datasetBuffers(ds)).toHaveLength(13);
  });
});
