// Lookup table (Pfeed step 3): exact top-k equals a brute-force reference; query eligibility; progress; cancel.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Rng } from '../rng';
import { tinyDataset } from '../eval/splits/tiny-dataset';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { buildLookupTable, lookupTableBytes, queryItems } from './lookup-table';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomRoles(n: number, dim: number, seed: number): ItemRoleEmbeddings {
  const rng = new Rng(seed);
  const m = (): Float32Array => {
    const a = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (a[i * dim + d] = rng.normal()) ** 2;
      for (let d = 0; d < dim; d++) a[i * dim + d] /= Math.sqrt(s);
    }
    return a;
  };
  return { dim, items: n, viewQuery: m(), buyQuery: m(), target: m(), source: 'test-random' };
}

/** Plain loops: every target of the set but q, by dot product, best first. */
function bruteTopK(q: Float32Array, tgt: Float32Array, dim: number, query: number, set: Uint32Array, k: number): { item: number; score: number }[] {
  const all = Array.from(set)
    .filter((i) => i !== query)
    .map((i) => {
      let s = 0;
      for (let d = 0; d < dim; d++) s += q[query * dim + d] * tgt[i * dim + d];
      return { item: i, score: s };
    });
  all.sort((a, b) => b.score - a.score);
  return all.slice(0, k);
}

describe('buildLookupTable', () => {
  const n = 700;
  const dim = 24;
  const emb = randomRoles(n, dim, 3);
  // every item a query in both roles: events are not needed
  const ds = tinyDataset([], Array.from({ length: n }, (_, i) => `i${i}`));
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const set = Uint32Array.from(all.filter((i) => i % 3 !== 1));

  it('equals a brute-force top-k for both roles, in several batches, the query never its own target', async () => {
    const progress: number[] = [];
    const t = await buildLookupTable(ds, emb, set, { k: 10, batch: 128, queries: { 'view-query': all, 'buy-query': all.subarray(0, 300) }, onProgress: (d) => progress.push(d) });
    expect(t.k).toBe(10);
    expect(t.roles['view-query'].queries.length).toBe(n);
    expect(t.roles['buy-query'].queries.length).toBe(300);
    for (const [role, qm] of [['view-query', emb.viewQuery], ['buy-query', emb.buyQuery]] as const) {
      const rt = t.roles[role];
      for (let row = 0; row < rt.queries.length; row++) {
        const q = rt.queries[row];
        expect(rt.rowOf[q]).toBe(row);
        const ref = bruteTopK(qm, emb.target, dim, q, set, 10);
        const got = Array.from(rt.targets.subarray(row * 10, row * 10 + 10));
        expect(got).not.toContain(q);
        for (let j = 0; j < 10; j++) {
          expect(rt.scores[row * 10 + j]).toBeCloseTo(ref[j].score, 4);
          // ties are (almost surely) absent with random Gaussian embeddings: same items in the same order
          expect(got[j]).toBe(ref[j].item);
        }
      }
    }
    expect(t.roles['buy-query'].rowOf[400]).toBe(-1);
    expect(progress.at(-1)).toBe(n + 300);
    expect(progress.length).toBeGreaterThan(3);
    expect(lookupTableBytes(t)).toBeGreaterThan((n + 300) * 10 * 8);
  });

  it('pads with -1 when the target set holds fewer than k items', async () => {
    const small = Uint32Array.of(5, 9, 11);
    const t = await buildLookupTable(ds, emb, small, { k: 10, queries: { 'view-query': Uint32Array.of(5, 6), 'buy-query': Uint32Array.of() } });
    const rt = t.roles['view-query'];
    // query 5 is in the set: two targets left
    expect(Array.from(rt.targets.subarray(0, 3))).toEqual(bruteTopK(emb.viewQuery, emb.target, dim, 5, small, 10).map((x) => x.item).concat(-1));
    expect(rt.targets[3]).toBe(-1);
    expect(Array.from(rt.targets.subarray(10, 13)).sort()).toEqual([11, 5, 9].sort());
  });

  it('rejects mismatched embeddings and unsorted target sets; cancels on abort', async () => {
    await expect(buildLookupTable(ds, randomRoles(10, 4, 1), set)).rejects.toThrow(/cover 10 items/);
    await expect(buildLookupTable(ds, emb, Uint32Array.of(3, 2), { queries: { 'view-query': all, 'buy-query': all } })).rejects.toThrow(/ascending/);
    const ac = new AbortController();
    ac.abort();
    await expect(buildLookupTable(ds, emb, set, { signal: ac.signal, queries: { 'view-query': all, 'buy-query': all } })).rejects.toThrow(/cancelled/);
  });
});

describe('queryItems', () => {
  it('view-query ← view-like events, buy-query ← purchases, only before the cut-off', () => {
    const ds = tinyDataset(
      [
        { s: 'a', i: 'x', a: 'view', t: 1 },
        { s: 'a', i: 'y', a: 'purchase', t: 2 },
        { s: 'b', i: 'z', a: 'click', t: 3 },
        { s: 'b', i: 'w', a: 'cart', t: 4 },
        { s: 'b', i: 'v', a: 'purchase', t: 10 },
      ],
      ['x', 'y', 'z', 'w', 'v'],
    );
    const q = queryItems(ds, 10);
    expect(Array.from(q['view-query'])).toEqual([0, 2]);
    expect(Array.from(q['buy-query'])).toEqual([1]);
    expect(Array.from(queryItems(ds)['buy-query'])).toEqual([1, 4]);
  });
});
