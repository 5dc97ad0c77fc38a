import { describe, expect, it } from 'vitest';
import { buildBipartiteGraph, graphBytes } from './build-csr';
import { entryProbability, idBitsFor, packRow, sampleKey, searchRow, weightBitsFor, type CsrSide } from './entry';
import { chooseGuideShift, fillGuide, guideLength, layoutBytes, NO_GUIDE, sampleEntry } from './guide';
import { randomShopperItemDataset } from './test-graphs';
import type { WalkParams } from './types';
import { walkNeighbourhoods } from './walks';

/** Rows of assorted lengths and skews (one heavy edge among tiny ones, uniform, geometric), packed with `idBits`. */
function side(idBits: number, shift: number): CsrSide {
  const lens = [1, 2, 3, 5, 8, 9, 17, 64, 181, 1000, 70_000];
  const off = new Uint32Array(lens.length + 1);
  lens.forEach((d, r) => (off[r + 1] = off[r] + d));
  const w = new Float32Array(off[lens.length]);
  const to = new Uint32Array(w.length);
  lens.forEach((d, r) => {
    for (let k = 0; k < d; k++) {
      w[off[r] + k] = r % 3 === 0 ? (k === 0 ? 30_000 : 1) : r % 3 === 1 ? 1 : 0.97 ** k;
      to[off[r] + k] = (k * 7919 + r) % 2 ** idBits; // any ids: they must not disturb the search
    }
  });
  const weightBits = weightBitsFor(idBits);
  const entries = new Uint32Array(w.length);
  for (let r = 0; r < lens.length; r++) packRow(w, to, entries, off[r], off[r + 1], idBits, weightBits);
  const guide = new Uint16Array(guideLength(entries.length, shift));
  fillGuide(off, entries, idBits, weightBits, shift, guide);
  return { offsets: off, entries, idBits, weightBits, guide, guideShift: shift };
}

describe('packed entries and guide tables', () => {
  it('draw the same entry as a binary search for every 16-bit draw, at every shift and id width', () => {
    for (const idBits of [2, 16, 17, 24]) {
      for (const shift of [0, 1, 4, NO_GUIDE]) {
        const s = side(idBits, shift);
        const drop = 16 - s.weightBits;
        let bad = 0;
        for (let r = 0; r < s.offsets.length - 1; r++) {
          for (let u = 0; u < 65536; u++) {
            const key = sampleKey(u >>> drop, idBits);
            if (sampleEntry(s, s.offsets[r], s.offsets[r + 1], u) !== searchRow(s.entries, key, s.offsets[r], s.offsets[r + 1])) bad++;
          }
        }
        expect(bad, `id bits ${idBits}, shift ${shift}`).toBe(0);
      }
    }
  });

  it('draw each entry with exactly its quantised probability (all 2^16 draws counted), every entry reachable in rows ≤ 2^W', () => {
    for (const idBits of [2, 13, 17, 24]) {
      const s = side(idBits, 1);
      for (let r = 0; r < s.offsets.length - 2; r++) {
        const lo = s.offsets[r];
        const hi = s.offsets[r + 1];
        const hits = new Float64Array(hi - lo);
        for (let u = 0; u < 65536; u++) hits[sampleEntry(s, lo, hi, u) - lo]++;
        for (let j = lo; j < hi; j++) {
          const p = entryProbability(s, lo, j);
          if (hi - lo <= 2 ** s.weightBits) expect(p).toBeGreaterThan(0);
          expect(hits[j - lo] / 65536).toBe(p);
        }
      }
    }
  });

  it('use ⌈log2 n⌉ id bits and min(16, 31 − b) weight bits (entries < 2^31)', () => {
    expect([idBitsFor(1), idBitsFor(2), idBitsFor(4372), idBitsFor(65_536), idBitsFor(65_537), idBitsFor(100_000)]).toEqual([0, 1, 13, 16, 17, 17]);
    expect([weightBitsFor(13), weightBitsFor(15), weightBitsFor(16), weightBitsFor(17), weightBitsFor(24)]).toEqual([16, 16, 15, 14, 7]);
    expect(() => idBitsFor(2 ** 27 + 1)).toThrow(/id bits/);
  });

  it('leave the walks unchanged: the same neighbourhoods with and without a guide', () => {
    const ds = randomShopperItemDataset(300, 500, 12, 3);
    const build = (guideShift: number) => buildBipartiteGraph(ds.events, { nItems: 300, nShoppers: ds.shoppers.length, shared: false, guideShift });
    const params: WalkParams = { walks: 60, length: 20, alpha: 0.3, topT: 20, seed: 11 };
    const ref = walkNeighbourhoods(build(NO_GUIDE), params, 0, 300);
    for (const shift of [1, 2, 4]) {
      const nb = walkNeighbourhoods(build(shift), params, 0, 300);
      expect(Array.from(nb.items)).toEqual(Array.from(ref.items));
      expect(Array.from(nb.counts)).toEqual(Array.from(ref.counts));
    }
  });

  it('keep every graph with enough edges per node within 12 bytes per edge, offsets included', () => {
    // 4 B per entry and side, 2·2/2^s (guides), 4·(nodes + 2)/E (offsets), whatever the id widths
    const g = buildBipartiteGraph(randomShopperItemDataset(300, 500, 12, 3).events, { nItems: 300, nShoppers: 500, shared: false });
    expect(g.itemGuideShift).toBe(chooseGuideShift(300, 500, g.nEdges));
    expect(graphBytes(g)).toBe(layoutBytes(300, 500, g.nEdges, g.itemGuideShift, g.shopperGuideShift));
    expect(graphBytes(g)).toBeLessThanOrEqual(12 * g.nEdges);
    // Online Retail (4,070 items, 4,372 shoppers, 222,396 edges), synthetic medium (20k/20k, 371,803
    // edges) and large (100k/100k, 2,023,797 edges): 10 B + offsets
    for (const [ni, ns, e] of [[4070, 4372, 222_396], [20_000, 20_000, 371_803], [100_000, 100_000, 2_023_797]]) {
      expect(chooseGuideShift(ni, ns, e)).toBe(1);
      expect(layoutBytes(ni, ns, e, 1, 1) / e).toBeLessThan(10.5);
    }
    // sparse graphs: coarser guides, then none
    expect(chooseGuideShift(100_000, 100_000, 300_000)).toBe(2);
    expect(chooseGuideShift(100_000, 100_000, 200_000)).toBe(NO_GUIDE);
  });
});
