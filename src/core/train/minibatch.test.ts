// The minibatch builder: deduplicated target nodes, layer prefixes, pair-edge removal,
// renormalised weights, re-indexed features, fixed shapes that match the spec.
import { describe, expect, it } from 'vitest';
import { checkBatch } from '../compute/batch';
import { allocNeighbourhoods } from '../graph/walks';
import { NO_ITEM } from '../graph/types';
import { DENSE_DIM, type ItemFeatures } from '../models/pinsage/features';
import { buildMinibatch, minibatchScratch, minibatchShape, minibatchSpec } from './minibatch';

const N = 8;
const T = 3;

/** Ring neighbourhoods: item v's neighbours are v+1 (0.5), v+2 (0.3), v+3 (0.2) mod N. */
function ring() {
  const nb = allocNeighbourhoods(0, N, T);
  for (let v = 0; v < N; v++) {
    [0.5, 0.3, 0.2].forEach((w, j) => {
      nb.items[v * T + j] = (v + j + 1) % N;
      nb.weights[v * T + j] = w;
      nb.counts[v * T + j] = 10 - j;
    });
    nb.sizes[v] = T;
  }
  return nb;
}

function features(): ItemFeatures {
  const M = 2;
  return {
    nItems: N,
    maxTokens: M,
    tokenBuckets: 16,
    tokens: Int32Array.from({ length: N * M }, (_, k) => (k % M === 0 ? 1 + Math.floor(k / M) : 0)),
    tokenWeights: Float32Array.from({ length: N * M }, (_, k) => (k % M === 0 ? 1 : 0)),
    category: Int32Array.from({ length: N }, (_, v) => v % 3),
    nCategories: 3,
    brand: new Int32Array(N),
    nBrands: 1,
    dense: Float32Array.from({ length: N * DENSE_DIM }, (_, k) => Math.floor(k / DENSE_DIM) * 10 + (k % DENSE_DIM)),
    external: null,
    idRow: new Int32Array(N),
    nIds: 0,
  };
}

describe('buildMinibatch', () => {
  const shape = minibatchShape(N, { layers: 2, topT: T, batchSize: 2, sharedNegatives: 2, hardSlots: 0, pooling: 'importance', maxTokens: 2, externalDim: 0 });

  it('builds the K-layer blocks with the pair edge removed and weights renormalised', () => {
    const mb = buildMinibatch({ q: Uint32Array.of(0), i: Uint32Array.of(1), negatives: Uint32Array.of(5, 0) }, ring(), features(), shape, minibatchScratch(N));
    const { data, rows } = mb;
    checkBatch(minibatchSpec(shape, mb.rows), data);
    // targets: 0 (q), 1 (pos), 5 (neg); neg 0 is deduplicated; batch row 2 is padding
    expect(Array.from(data.qIdx)).toEqual([0, 0]);
    expect(Array.from(data.pIdx)).toEqual([1, 0]);
    expect(Array.from(data.negIdx)).toEqual([2, 0]);
    expect(Array.from(data.pairMask)).toEqual([1, 0]);
    expect(rows).toEqual([N, N, 6]); // targets capped at 2·batch + negatives, layers below by the catalogue
    const nbr2 = data.nbr2 as Int32Array;
    const w2 = data.nbrW2 as Float32Array;
    // node 0 (q): neighbours 1 (its positive — removed), 2, 3 → weights 0.3, 0.2 renormalised
    const nodes1 = [0, 1, 5, 2, 3, 4, 6, 7];
    expect([nodes1[nbr2[0]], nodes1[nbr2[1]]]).toEqual([2, 3]);
    expect(w2[0]).toBeCloseTo(0.6, 6);
    expect(w2[1]).toBeCloseTo(0.4, 6);
    expect(w2[2]).toBe(0);
    // node 1 (positive): neighbours 2, 3, 4 (q = 0 is not among them) — weights unchanged
    expect([nodes1[nbr2[3]], nodes1[nbr2[4]], nodes1[nbr2[5]]]).toEqual([2, 3, 4]);
    expect(Array.from(w2.subarray(3, 6)).map((x) => +x.toFixed(6))).toEqual([0.5, 0.3, 0.2]);
    // node 5 (negative): 6, 7, 0 untouched
    expect([nodes1[nbr2[6]], nodes1[nbr2[7]], nodes1[nbr2[8]]]).toEqual([6, 7, 0]);
  });

  it('keeps the pair edge for pairs not marked in removeEdge', () => {
    const mb = buildMinibatch({ q: Uint32Array.of(0), i: Uint32Array.of(1), negatives: Uint32Array.of(5, 0), removeEdge: Uint8Array.of(0) }, ring(), features(), shape, minibatchScratch(N));
    const nbr2 = mb.data.nbr2 as Int32Array;
    const w2 = mb.data.nbrW2 as Float32Array;
    // node 0 (q) keeps its positive 1 and the walk weights 0.5, 0.3, 0.2
    expect(nbr2[0]).toBe(1);
    expect(Array.from(w2.subarray(0, 3)).map((x) => +x.toFixed(6))).toEqual([0.5, 0.3, 0.2]);
  });

  it('re-indexes the layer-0 features in node order (targets first)', () => {
    const { data } = buildMinibatch({ q: Uint32Array.of(4), i: Uint32Array.of(6), negatives: Uint32Array.of(1, 2) }, ring(), features(), shape, minibatchScratch(N));
    const dense = data.dense as Float32Array;
    const tokens = data.tokens as Int32Array;
    // node 0 = item 4, node 1 = item 6, node 2 = item 1, node 3 = item 2
    expect([dense[0], dense[DENSE_DIM], dense[2 * DENSE_DIM], dense[3 * DENSE_DIM]]).toEqual([40, 60, 10, 20]);
    expect([tokens[0], tokens[2], tokens[4]]).toEqual([5, 7, 2]);
    expect(Array.from(data.category as Int32Array).slice(0, 4)).toEqual([1, 0, 1, 2]);
  });

  it('content-only batches carry no neighbour arrays and only the target rows', () => {
    const s = minibatchShape(N, { layers: 2, topT: T, batchSize: 2, sharedNegatives: 2, hardSlots: 0, pooling: 'none', maxTokens: 2, externalDim: 0 });
    const mb = buildMinibatch({ q: Uint32Array.of(0), i: Uint32Array.of(1), negatives: Uint32Array.of(2, 3) }, ring(), features(), s, minibatchScratch(N));
    expect(mb.data.nbr1).toBeUndefined();
    checkBatch(minibatchSpec(s, mb.rows), mb.data);
  });

  it('pads rows of items with fewer than T neighbours (NO_ITEM) with zero weight', () => {
    const nb = ring();
    nb.items[0 * T + 2] = NO_ITEM;
    nb.sizes[0] = 2;
    const s = minibatchShape(N, { layers: 1, topT: T, batchSize: 1, sharedNegatives: 1, hardSlots: 0, pooling: 'mean', maxTokens: 2, externalDim: 0 });
    const { data } = buildMinibatch({ q: Uint32Array.of(0), i: Uint32Array.of(4), negatives: Uint32Array.of(4) }, nb, features(), s, minibatchScratch(N));
    expect(Array.from(data.nbrW1 as Float32Array).slice(0, 3)).toEqual([0.5, 0.5, 0]);
  });
});
