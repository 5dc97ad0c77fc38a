// Determinism, size, table contracts, progress and abort of the synthetic generator.
import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, NO_BASKET, NO_SHOPPER, type Dataset, type EventTable } from '../types';
import { eventTableChecksum } from './checksum';
import { generateSynthetic, generateSyntheticSync, SYNTHETIC_GENERATOR_VERSION } from './generate';
import { SYNTHETIC_PRESETS } from './presets';

const COLUMNS = ['shopper', 'item', 'action', 'timestamp', 'device', 'duration', 'basket', 'value'] as const;

function bytes(t: EventTable, c: (typeof COLUMNS)[number]): Uint8Array {
  const a = t[c];
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function itemTableJson(d: Dataset): string {
  const it = d.items;
  return JSON.stringify([it.ids, it.title, it.categories, it.brands, [...it.category], [...it.brand], [...it.price], [...it.firstSeen], [...it.flags]]);
}

const small = { ...SYNTHETIC_PRESETS.small, events: 20_000 };

describe('generateSynthetic: determinism', () => {
  it('same config and seed → byte-identical tables (sync and async alike)', async () => {
    const a = generateSyntheticSync(small).dataset;
    const b = (await generateSynthetic(small, { chunk: 3000 })).dataset;
    for (const c of COLUMNS) expect(sameBytes(bytes(a.events, c), bytes(b.events, c)), c).toBe(true);
    expect(itemTableJson(a)).toBe(itemTableJson(b));
    expect(a.shoppers).toEqual(b.shoppers);
    expect(a.baskets).toEqual(b.baskets);
    expect(a.meta).toEqual(b.meta);
  });

  it('matches the golden checksum of its version (update both together when the generator changes on purpose)', () => {
    const { dataset } = generateSyntheticSync({ ...SYNTHETIC_PRESETS.small, events: 5000 });
    expect(SYNTHETIC_GENERATOR_VERSION).toBe('kloa-synthetic/2');
    expect(dataset.events.length).toBe(5001);
    expect(eventTableChecksum(dataset.events)).toBe('3806835f');
  });

  it('another seed → different events and catalogue', () => {
    const a = generateSyntheticSync(small).dataset;
    const b = generateSyntheticSync({ ...small, seed: 7 }).dataset;
    expect(sameBytes(bytes(a.events, 'item'), bytes(b.events, 'item'))).toBe(false);
    expect(sameBytes(bytes(a.events, 'timestamp'), bytes(b.events, 'timestamp'))).toBe(false);
    expect(itemTableJson(a)).not.toBe(itemTableJson(b));
  });
});

describe('generateSynthetic: size', () => {
  it.each([1000, 20_000, 150_000])('hits a target of %i events within one session', (target) => {
    const { dataset, truth } = generateSyntheticSync({ ...SYNTHETIC_PRESETS.small, events: target });
    const n = dataset.events.length;
    expect(n).toBeGreaterThanOrEqual(target);
    expect(n - target).toBeLessThan(Math.max(200, 0.002 * target));
    expect(dataset.baskets.length).toBe(truth.sessions);
    expect(dataset.items.length).toBe(SYNTHETIC_PRESETS.small.items);
    expect(dataset.shoppers.length).toBe(SYNTHETIC_PRESETS.small.shoppers);
  });
});

describe('generateSynthetic: Dataset contracts', () => {
  const { dataset: d, truth } = generateSyntheticSync(small);

  it('events are sorted by time, and sessions keep their order within a timestamp', () => {
    const ts = d.events.timestamp;
    let bad = 0;
    for (let i = 1; i < ts.length; i++) if (ts[i] < ts[i - 1]) bad++;
    expect(bad).toBe(0);
    for (let i = 0; i < ts.length; i++) if (!Number.isInteger(ts[i])) bad++;
    expect(bad).toBe(0);
  });

  it('every index is in range and every column is filled', () => {
    const e = d.events;
    let bad = 0;
    for (let i = 0; i < e.length; i++) {
      if (e.shopper[i] === NO_SHOPPER || e.shopper[i] >= d.shoppers.length) bad++;
      if (e.item[i] >= d.items.length) bad++;
      if (e.action[i] >= ACTION_KINDS.length) bad++;
      if (e.basket[i] === NO_BASKET || e.basket[i] >= d.baskets.length) bad++;
      if (!(e.duration[i] > 0)) bad++;
      if (e.device[i] < 1 || e.device[i] > 3) bad++;
    }
    expect(bad).toBe(0);
  });

  it('ids are prefixed strings; the item table is filled', () => {
    expect(d.items.ids[5]).toBe('i5');
    expect(d.shoppers[3]).toBe('s3');
    expect(d.baskets[9]).toBe('b9');
    const it = d.items;
    expect(it.categories[0]).toBe('');
    expect(it.brands[0]).toBe('');
    expect(it.categories.length).toBe(SYNTHETIC_PRESETS.small.categories + 1);
    expect(new Set(it.categories).size).toBe(it.categories.length);
    let bad = 0;
    for (let i = 0; i < it.length; i++) {
      if (!it.title[i] || it.category[i] < 1 || it.brand[i] < 1 || !(it.price[i] > 0) || !Number.isFinite(it.firstSeen[i])) bad++;
      if (truth.clusterCategory[truth.itemCluster[i]] !== it.category[i]) bad++;
    }
    expect(bad).toBe(0);
  });

  it('prices are log-normal per category: spread within, different levels across categories', () => {
    const it = d.items;
    const byCat = new Map<number, number[]>();
    for (let i = 0; i < it.length; i++) {
      const l = byCat.get(it.category[i]) ?? [];
      l.push(Math.log(it.price[i]));
      byCat.set(it.category[i], l);
    }
    const means = [...byCat.values()].map((l) => l.reduce((a, b) => a + b, 0) / l.length);
    const spread = Math.max(...means) - Math.min(...means);
    expect(spread).toBeGreaterThan(1); // > e-fold between the cheapest and the dearest category
    const l = [...byCat.values()][0];
    const m = l.reduce((a, b) => a + b, 0) / l.length;
    const sd = Math.sqrt(l.reduce((a, b) => a + (b - m) ** 2, 0) / l.length);
    expect(sd).toBeGreaterThan(0.3);
    expect(sd).toBeLessThan(1.0);
  });

  it('promo flags are set on a share of the items', () => {
    let promo = 0;
    for (let i = 0; i < d.items.length; i++) promo += d.items.flags[i] & 1;
    const share = promo / d.items.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.13);
  });

  it('fields are all true and meta carries the config and seed', () => {
    expect(Object.values(d.fields).every(Boolean)).toBe(true);
    expect(d.name).toBe('synthetic-small');
    expect(d.meta.seed).toBe(42);
    expect(d.meta.source).toBe('synthetic');
    expect(JSON.parse(String(d.meta.config))).toEqual(truth.config);
  });
});

describe('generateSynthetic: progress and abort', () => {
  it('reports monotone progress up to the total', async () => {
    const calls: [number, number][] = [];
    await generateSynthetic(small, { chunk: 5000, progress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(calls[calls.length - 1]).toEqual([small.events, small.events]);
  });

  it('stops with the abort reason when the signal fires', async () => {
    const ctl = new AbortController();
    let chunks = 0;
    const run = generateSynthetic(small, {
      chunk: 2000,
      signal: ctl.signal,
      progress: () => {
        if (++chunks === 2) ctl.abort(new Error('stop!'));
      },
    });
    await expect(run).rejects.toThrow('stop!');
    expect(chunks).toBeLessThan(5);
    const pre = new AbortController();
    pre.abort();
    expect(() => generateSyntheticSync(small, { signal: pre.signal })).toThrow();
  });
});
