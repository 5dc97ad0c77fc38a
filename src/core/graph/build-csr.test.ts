import { describe, expect, it } from 'vitest';
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { buildBipartiteGraph, graphBytes, graphEdgeBytes } from './build-csr';
import { entryProbability } from './quantise';
import { CUM_SCALE, type NodeIds } from './types';
import { p1TrainEventEnd } from './train-period';

const build = (ds: ReturnType<typeof tinyDataset>, extra: Partial<Parameters<typeof buildBipartiteGraph>[1]> = {}) =>
  buildBipartiteGraph(ds.events, { nItems: ds.items.length, nShoppers: ds.shoppers.length, ...extra });

const rowOf = (off: Uint32Array, to: NodeIds, r: number) => Array.from(to.subarray(off[r], off[r + 1]));
const probsOf = (off: Uint32Array, cum: Uint16Array, r: number) => {
  const out: number[] = [];
  for (let k = off[r]; k < off[r + 1]; k++) out.push(entryProbability(cum, off[r], k));
  return out;
};

describe('buildBipartiteGraph (CSR, both directions)', () => {
  // shoppers: u (0), v (1), w (2); items a (0), b (1), c (2), d (3: no shoppers)
  const ds = tinyDataset(
    [
      { s: 'u', i: 'a', a: 'purchase', t: 1 },
      { s: 'u', i: 'a', a: 'view', t: 2 },
      { s: 'u', i: 'b', a: 'view', t: 3 },
      { s: 'v', i: 'a', a: 'cart', t: 4 },
      { s: 'v', i: 'c', a: 'cancel', t: 5 }, // cancels make no edge
      { s: '', i: 'c', a: 'purchase', t: 6 }, // anonymous: no edge
      { s: 'w', i: 'c', a: 'click', t: 7 },
    ],
    ['a', 'b', 'c', 'd'],
  );

  it('merges duplicate pairs, sums action weights, drops cancels and anonymous events', () => {
    const g = build(ds, { shared: false });
    expect(g.nItems).toBe(4);
    expect(g.nShoppers).toBe(3);
    expect(g.nEdges).toBe(4); // a–u, a–v, b–u, c–w
    expect(g.eventsUsed).toBe(5);
    expect(Array.from(g.itemOffsets)).toEqual([0, 2, 3, 4, 4]);
    expect(rowOf(g.itemOffsets, g.itemShoppers, 0)).toEqual([0, 1]);
    expect(rowOf(g.itemOffsets, g.itemShoppers, 3)).toEqual([]);
    expect(Array.from(g.shopperOffsets)).toEqual([0, 2, 3, 4]);
    expect(rowOf(g.shopperOffsets, g.shopperItems, 0)).toEqual([0, 1]);
    expect(rowOf(g.shopperOffsets, g.shopperItems, 1)).toEqual([0]);
    expect(rowOf(g.shopperOffsets, g.shopperItems, 2)).toEqual([2]);
    // item a: u has purchase + view = 1.1, v has cart = 0.6
    const pa = probsOf(g.itemOffsets, g.itemCum, 0);
    expect(pa[0]).toBeCloseTo(1.1 / 1.7, 4);
    expect(pa[1]).toBeCloseTo(0.6 / 1.7, 4);
    // shopper u: a 1.1, b 0.1
    const pu = probsOf(g.shopperOffsets, g.shopperCum, 0);
    expect(pu[0]).toBeCloseTo(1.1 / 1.2, 4);
    expect(pu[1]).toBeCloseTo(0.1 / 1.2, 4);
    // single-entry rows have the full scale
    expect(g.shopperCum[g.shopperOffsets[1]]).toBe(CUM_SCALE);
  });

  it('takes configurable action weights (e.g. views ignored)', () => {
    const g = build(ds, { shared: false, actionWeights: { view: 0 } });
    expect(g.nEdges).toBe(3); // b–u was a view only
    expect(probsOf(g.shopperOffsets, g.shopperCum, 0)).toEqual([1]);
    expect(() => build(ds, { actionWeights: { view: -1 } })).toThrow(/view/);
  });

  it('uses only the train period when an event end is given', () => {
    const g = build(ds, { shared: false, eventEnd: 2 });
    expect(g.nEdges).toBe(1); // a–u from the first two events
    expect(g.eventEnd).toBe(2);
    expect(build(ds, { shared: false, eventEnd: 3 }).nEdges).toBe(2);
    // P1 rule: t_test = 7 − 0.1 · 6 = 6.4 → events with t < 6.4 are train
    expect(p1TrainEventEnd(ds.events.timestamp)).toBe(6);
  });

  it('allocates on SharedArrayBuffer when asked', () => {
    const g = build(ds, { shared: true });
    expect(g.shared).toBe(true);
    expect(g.itemShoppers.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(g.shopperCum.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(g.itemShoppers)).toEqual(Array.from(build(ds, { shared: false }).itemShoppers));
  });

  it('keeps every edge reachable even when one weight dwarfs the others', () => {
    const rows: TinyEvent[] = [{ s: 'u', i: 'a', a: 'purchase', t: 0 }];
    for (let k = 0; k < 30_000; k++) rows.push({ s: 'u', i: 'a', a: 'purchase', t: k + 1 });
    for (let k = 0; k < 5; k++) rows.push({ s: 'u', i: `x${k}`, a: 'view', t: 40_000 + k });
    const g = build(tinyDataset(rows));
    const p = probsOf(g.shopperOffsets, g.shopperCum, 0);
    expect(p.length).toBe(6);
    for (const x of p) expect(x).toBeGreaterThan(0);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('stores 2-byte ids and 2-byte cumulative weights per entry (no guide on a graph this small)', () => {
    const g = build(ds, { shared: false });
    expect(g.itemShoppers).toBeInstanceOf(Uint16Array);
    expect(g.shopperItems).toBeInstanceOf(Uint16Array);
    // 4 edges, 7 nodes: offsets alone are 9 B/edge, so no guide fits the 12 B/edge budget
    expect(g.itemGuide.length + g.shopperGuide.length).toBe(0);
    expect(graphEdgeBytes(g)).toBe(8 * g.nEdges);
    expect(graphBytes(g)).toBe(8 * g.nEdges + 4 * (4 + 1 + 3 + 1));
  });
});
