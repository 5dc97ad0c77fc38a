import { describe, expect, it } from 'vitest';
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { buildBipartiteGraph, graphBytes, graphEdgeBytes } from './build-csr';
import { entryCumulative, entryProbability, itemSide, rowTargets, shopperSide, type CsrSide } from './entry';
import { p1TrainEventEnd } from './train-period';

const build = (ds: ReturnType<typeof tinyDataset>, extra: Partial<Parameters<typeof buildBipartiteGraph>[1]> = {}) =>
  buildBipartiteGraph(ds.events, { nItems: ds.items.length, nShoppers: ds.shoppers.length, ...extra });

const rowOf = (side: CsrSide, r: number) => Array.from(rowTargets(side, r));
const probsOf = (side: CsrSide, r: number) => {
  const out: number[] = [];
  for (let k = side.offsets[r]; k < side.offsets[r + 1]; k++) out.push(entryProbability(side, side.offsets[r], k));
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
    expect(rowOf(itemSide(g), 0)).toEqual([0, 1]);
    expect(rowOf(itemSide(g), 3)).toEqual([]);
    expect(Array.from(g.shopperOffsets)).toEqual([0, 2, 3, 4]);
    expect(rowOf(shopperSide(g), 0)).toEqual([0, 1]);
    expect(rowOf(shopperSide(g), 1)).toEqual([0]);
    expect(rowOf(shopperSide(g), 2)).toEqual([2]);
    // item a: u has purchase + view = 1.1, v has cart = 0.6
    const pa = probsOf(itemSide(g), 0);
    expect(pa[0]).toBeCloseTo(1.1 / 1.7, 4);
    expect(pa[1]).toBeCloseTo(0.6 / 1.7, 4);
    // shopper u: a 1.1, b 0.1
    const pu = probsOf(shopperSide(g), 0);
    expect(pu[0]).toBeCloseTo(1.1 / 1.2, 4);
    expect(pu[1]).toBeCloseTo(0.1 / 1.2, 4);
    // single-entry rows have the full scale
    expect(entryCumulative(shopperSide(g), g.shopperOffsets[1])).toBe(2 ** g.shopperWeightBits - 1);
    expect(probsOf(shopperSide(g), 1)).toEqual([1]);
  });

  it('takes configurable action weights (e.g. views ignored)', () => {
    const g = build(ds, { shared: false, actionWeights: { view: 0 } });
    expect(g.nEdges).toBe(3); // b–u was a view only
    expect(probsOf(shopperSide(g), 0)).toEqual([1]);
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
    expect(g.itemEntries.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(g.shopperEntries.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(g.itemEntries)).toEqual(Array.from(build(ds, { shared: false }).itemEntries));
  });

  it('keeps every edge reachable even when one weight dwarfs the others', () => {
    const rows: TinyEvent[] = [{ s: 'u', i: 'a', a: 'purchase', t: 0 }];
    for (let k = 0; k < 30_000; k++) rows.push({ s: 'u', i: 'a', a: 'purchase', t: k + 1 });
    for (let k = 0; k < 5; k++) rows.push({ s: 'u', i: `x${k}`, a: 'view', t: 40_000 + k });
    const g = build(tinyDataset(rows));
    const p = probsOf(shopperSide(g), 0);
    expect(p.length).toBe(6);
    for (const x of p) expect(x).toBeGreaterThan(0);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('packs each entry (target id, cumulative weight) in one Uint32 (no guide on a graph this small)', () => {
    const g = build(ds, { shared: false });
    expect(g.itemEntries).toBeInstanceOf(Uint32Array);
    expect(g.shopperEntries).toBeInstanceOf(Uint32Array);
    // 3 shoppers and 4 items: 2 id bits each, 16 weight bits above them
    expect([g.itemIdBits, g.itemWeightBits, g.shopperIdBits, g.shopperWeightBits]).toEqual([2, 16, 2, 16]);
    // item a's row: u (1.1) then v (0.6); stored cumulative − 1 above the 2 id bits
    const cu = Math.round((1.1 / 1.7) * 65536);
    expect(g.itemEntries[0]).toBe((cu - 1) * 4 + 0);
    expect(g.itemEntries[1]).toBe(65535 * 4 + 1);
    // 4 edges, 7 nodes: offsets alone are 9 B/edge, so no guide fits the 12 B/edge budget
    expect(g.itemGuide.length + g.shopperGuide.length).toBe(0);
    expect(graphEdgeBytes(g)).toBe(8 * g.nEdges);
    expect(graphBytes(g)).toBe(8 * g.nEdges + 4 * (4 + 1 + 3 + 1));
  });
});
