import { describe, expect, it } from 'vitest';
import { buildBipartiteGraph, graphBytes } from './build-csr';
import { chooseGuideShift, fillGuide, guideLength, layoutBytes, NO_GUIDE, sampleEntry } from './guide';
import { quantiseRow, searchRow } from './quantise';
import { allocNodeIds } from './shared-alloc';
import { randomShopperItemDataset } from './test-graphs';
import { CUM_SCALE, type WalkParams } from './types';
import { walkNeighbourhoods } from './walks';

/** Rows of assorted lengths and skews (one heavy edge among tiny ones, uniform, geometric). */
function rows(): { off: Uint32Array; cum: Uint16Array } {
  const lens = [1, 2, 3, 5, 8, 17, 64, 181, 1000, 70_000];
  const off = new Uint32Array(lens.length + 1);
  lens.forEach((d, r) => (off[r + 1] = off[r] + d));
  const w = new Float32Array(off[lens.length]);
  lens.forEach((d, r) => {
    for (let k = 0; k < d; k++) w[off[r] + k] = r % 3 === 0 ? (k === 0 ? 30_000 : 1) : r % 3 === 1 ? 1 : 0.97 ** k;
  });
  const cum = new Uint16Array(w.length);
  for (let r = 0; r < lens.length; r++) quantiseRow(w, cum, off[r], off[r + 1]);
  return { off, cum };
}

describe('guide tables', () => {
  it('draw the same entry as a binary search for every 16-bit draw, at every shift', () => {
    const { off, cum } = rows();
    for (const shift of [0, 1, 2, 3, 4, NO_GUIDE]) {
      const guide = new Uint16Array(guideLength(cum.length, shift));
      fillGuide(off, cum, shift, guide);
      for (let r = 0; r < off.length - 1; r++) {
        let bad = 0;
        for (let u = 0; u < 65536; u++) {
          const x = (u * CUM_SCALE) >>> 16;
          if (sampleEntry(cum, guide, shift, off[r], off[r + 1], u) !== searchRow(cum, x, off[r], off[r + 1])) bad++;
        }
        expect(bad, `shift ${shift}, row ${r}`).toBe(0);
      }
    }
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

  it('store node ids in Uint16 up to 65,536 nodes on the other side, Uint32 beyond', () => {
    expect(allocNodeIds(65_536, 3, false)).toBeInstanceOf(Uint16Array);
    expect(allocNodeIds(65_537, 3, false)).toBeInstanceOf(Uint32Array);
    expect(allocNodeIds(10, 3, true).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('keep every graph with enough edges per node within 12 bytes per edge, offsets included', () => {
    // both sides ≤ 65,536 nodes: 2 + 2 (ids) + 4 (cum) + 2·2/2^s (guides) + 4·(nodes + 2)/E
    const g = buildBipartiteGraph(randomShopperItemDataset(300, 500, 12, 3).events, { nItems: 300, nShoppers: 500, shared: false });
    expect(g.itemGuideShift).toBe(chooseGuideShift(300, 500, g.nEdges));
    expect(graphBytes(g)).toBe(layoutBytes(300, 500, g.nEdges, g.itemGuideShift, g.shopperGuideShift));
    expect(graphBytes(g)).toBeLessThanOrEqual(12 * g.nEdges);
    // Online Retail (4,070 items, 4,372 shoppers, 222,396 edges) and synthetic medium (20k/20k, 371,803 edges)
    for (const [ni, ns, e] of [[4070, 4372, 222_396], [20_000, 20_000, 371_803]]) {
      expect(chooseGuideShift(ni, ns, e)).toBe(1);
      expect(layoutBytes(ni, ns, e, 1, 1) / e).toBeLessThan(10.5);
    }
    // one side beyond 65,536 nodes: Uint32 ids on the other side's rows, coarser or no guides
    expect(layoutBytes(20_000, 100_000, 2_000_000, NO_GUIDE, NO_GUIDE) / 2_000_000).toBeLessThan(10.3);
    expect(chooseGuideShift(20_000, 100_000, 2_000_000)).toBe(2); // 4 + 2 + 4 + 1 + 0.24 B/edge
    // both sides beyond 65,536: ids and cumulative weights alone are 12 B/edge, offsets go over
    expect(chooseGuideShift(100_000, 100_000, 2_023_797)).toBe(NO_GUIDE);
    expect(layoutBytes(100_000, 100_000, 2_023_797, NO_GUIDE, NO_GUIDE) / 2_023_797).toBeGreaterThan(12);
  });
});
