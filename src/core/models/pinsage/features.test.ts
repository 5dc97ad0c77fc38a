// Item features: tokens, cold items, external vectors (CSV / .npy joined by id).
import { describe, expect, it } from 'vitest';
import { tinyDataset } from '../../eval/splits/tiny-dataset';
import { joinVectors, parseNpy, parseVectorCsv } from './external-vectors';
import { buildItemFeatures, DENSE_DIM } from './features';
import { hashTokensInto, tokenize } from './tokenize';

describe('tokenize', () => {
  it('lower-cases, splits on non-letters, keeps digit runs and drops 1-letter words', () => {
    expect(tokenize('WHITE Hanging-Heart T-Light 12 a')).toEqual(['white', 'hanging', 'heart', 'light', '12']);
  });
  it('hashes distinct tokens into 1-based buckets, padding with 0', () => {
    const out = new Int32Array(5);
    const n = hashTokensInto('red red blue', 64, 5, out, 0);
    expect(n).toBe(2);
    expect(out[0]).toBeGreaterThanOrEqual(1);
    expect(out[0]).toBeLessThanOrEqual(64);
    expect(out[1]).not.toBe(out[0]);
    expect(Array.from(out.subarray(2))).toEqual([0, 0, 0]);
  });
});

describe('buildItemFeatures', () => {
  const ds = tinyDataset([{ s: 'a', i: 'x', t: 1 }, { s: 'a', i: 'y', t: 2 }], ['x', 'y', 'cold']);
  it('gives every item features, cold ones included, and ID rows only to items seen in training', () => {
    const f = buildItemFeatures(ds, { tokenBuckets: 32, maxTokens: 4, idEmbedding: true }, { degree: [3, 1, 0], seenInTraining: Uint8Array.of(1, 1, 0) });
    expect(f.nItems).toBe(3);
    // 'title cold' → two tokens, weights 1/2
    expect(f.tokenWeights[2 * 4]).toBeCloseTo(0.5);
    expect(Array.from(f.idRow)).toEqual([1, 2, 0]);
    expect(f.nIds).toBe(2);
    // log degree standardised: the cold item is lowest
    const deg = [0, 1, 2].map((i) => f.dense[i * DENSE_DIM + 2]);
    expect(deg[2]).toBeLessThan(deg[1]);
    expect(deg[1]).toBeLessThan(deg[0]);
    // prices unknown → has_price 0
    expect(f.dense[1]).toBe(0);
  });
});

describe('external vectors', () => {
  it('parses CSV with a header and joins by item id (missing ids stay zero)', () => {
    const p = parseVectorCsv('id,v1,v2\ny,1,2\nzzz,5,6\nx,3,4\n');
    expect(p.dim).toBe(2);
    const j = joinVectors(['x', 'y', 'cold'], p.ids, p.rows, p.dim);
    expect(Array.from(j.values)).toEqual([3, 4, 1, 2, 0, 0]);
    expect(j.matched).toBe(2);
  });
  it('reads a float32 .npy', () => {
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    const padded = header.padEnd(117, ' ') + '\n'; // 10 + 118 = 128: data 64-byte aligned, as numpy writes it
    const bytes = new Uint8Array(10 + padded.length + 24);
    bytes.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0], 0);
    new DataView(bytes.buffer).setUint16(8, padded.length, true);
    bytes.set(new TextEncoder().encode(padded), 10);
    new Float32Array(bytes.buffer, 10 + padded.length, 6).set([1, 2, 3, 4, 5, 6]);
    const r = parseNpy(bytes);
    expect(r.shape).toEqual([2, 3]);
    expect(Array.from(r.rows)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
