// The SIMO / SISO encoder on hand-made items (CPU backend): one SIMO pass gives three different
// unit-norm role embeddings; SISO's catalogue embedding equals running the encoder once per role
// token; padding does not change an item's embedding; content tokens land in disjoint ranges.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../../compute/kernels/register';
import type { Dataset } from '../../data/types';
import { tinyDataset } from '../../eval/splits/tiny-dataset';
import { parseSimoConfig, simoVariant } from './config';
import { buildContentTokens, ROLE_TOKEN } from './content-tokens';
import { embedCatalogue } from './embed';
import { buildSimoEncoder } from './encoder';
import { ITEM_ROLES, roleMatrix } from './roles';

let ds: Dataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
  const base = tinyDataset([{ s: 'a', i: 'x', t: 1 }], ['x', 'y', 'z', 'w', 'v']);
  ds = {
    ...base,
    items: {
      ...base.items,
      title: ['red wool scarf', 'red wool hat', 'blue cotton shirt', '', 'green tea mug'],
      category: Uint32Array.of(1, 1, 2, 0, 2),
      categories: ['', 'winter', 'summer'],
      brand: Uint32Array.of(1, 0, 1, 0, 0),
      brands: ['', 'acme'],
      price: Float32Array.of(10, 20, NaN, 5, 40),
    },
  };
});

function rows(m: Float32Array, dim: number): number[][] {
  return Array.from({ length: m.length / dim }, (_, r) => Array.from(m.subarray(r * dim, (r + 1) * dim)));
}

describe('content tokens', () => {
  it('category, brand, price bucket and title tokens in disjoint id ranges; unknowns are padding', () => {
    const cfg = parseSimoConfig({ maxTokens: 4, tokenBuckets: 64, priceBuckets: 4 });
    const t = buildContentTokens(ds, cfg);
    expect(t.width).toBe(7);
    const row = (i: number): number[] => Array.from(t.ids.subarray(i * 7, (i + 1) * 7));
    // item 3: no title, no category, no brand, price 5 (known) → only the price token
    expect(row(3).filter((x) => x !== 0)).toHaveLength(1);
    // item 1: no brand; item 2: unknown price; items 0 and 2 share the brand
    expect(row(1)[1]).toBe(0);
    expect(row(2)[2]).toBe(0);
    expect(row(0)[1]).toBe(row(2)[1]);
    expect(row(0)[1]).toBeGreaterThan(row(0)[0]);
    // same category → same id; title ids above the role tokens and below the category ids
    expect(row(0)[0]).toBe(row(1)[0]);
    expect(row(0)[0]).not.toBe(row(2)[0]);
    for (const i of [0, 1, 2, 4]) for (const id of row(i).slice(3).filter((x) => x)) expect(id).toBeGreaterThan(ROLE_TOKEN.target);
    for (const id of t.ids) expect(id).toBeLessThan(t.vocab);
    // cheaper item → lower or equal price bucket
    expect(row(3)[2]).toBeLessThanOrEqual(row(0)[2]);
    expect(row(0)[2]).toBeLessThan(row(4)[2]);
  });

  it('the config rejects heads that do not divide hidden and names the variant', () => {
    expect(() => parseSimoConfig({ hidden: 30, heads: 4 })).toThrow(/multiple of heads/);
    expect(simoVariant(parseSimoConfig({ hidden: 128 }))).toBe('d128');
    expect(simoVariant(parseSimoConfig({ hidden: 64, pinsage: 'concat' }))).toBe('d64+pinsage-concat');
  });
});

describe('SIMO / SISO encoder', () => {
  it('SIMO (full attention): one pass gives three different unit-norm role embeddings per item, independent of the chunk', async () => {
    const cfg = parseSimoConfig({ hidden: 16, heads: 2, layers: 2, maxTokens: 4, tokenBuckets: 64, roleAttention: 'full' });
    const enc = buildSimoEncoder(cfg, buildContentTokens(ds, cfg));
    const { embeddings: e } = await embedCatalogue(enc, { chunk: 2 });
    expect(e.source).toBe('simo');
    expect([e.items, e.dim]).toEqual([5, 16]);
    const [v, b, t] = ITEM_ROLES.map((r) => rows(roleMatrix(e, r), 16));
    for (let i = 0; i < 5; i++) {
      for (const m of [v, b, t]) expect(Math.hypot(...m[i])).toBeCloseTo(1, 4);
      const dist = (p: number[], q: number[]): number => Math.hypot(...p.map((x, k) => x - q[k]));
      expect(dist(v[i], b[i])).toBeGreaterThan(1e-3);
      expect(dist(v[i], t[i])).toBeGreaterThan(1e-3);
      expect(dist(b[i], t[i])).toBeGreaterThan(1e-3);
    }
    // a chunk of 5 (no padding rows) gives the same numbers as chunks of 2 (padded last chunk)
    const { embeddings: e5 } = await embedCatalogue(enc, { chunk: 5 });
    for (const r of ITEM_ROLES) {
      const a = roleMatrix(e, r);
      const c = roleMatrix(e5, r);
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(c[k], 5);
    }
    enc.dispose();
  });

  it('SISO: the catalogue embedding in each role equals running the encoder with that one role token', async () => {
    const cfg = parseSimoConfig({ mode: 'siso', hidden: 16, heads: 4, layers: 1, maxTokens: 4, tokenBuckets: 64, roleAttention: 'full' });
    const tokens = buildContentTokens(ds, cfg);
    const enc = buildSimoEncoder(cfg, tokens);
    const { embeddings: e } = await embedCatalogue(enc);
    expect(e.source).toBe('siso');
    for (const role of ITEM_ROLES) {
      const direct = tf.tidy(() =>
        enc.encode(tf.tensor2d(tokens.ids, [5, tokens.width], 'int32'), tf.fill([5, 1], ROLE_TOKEN[role], 'int32'), tf.range(0, 5, 1, 'int32')).dataSync(),
      ) as Float32Array;
      const got = roleMatrix(e, role);
      for (let k = 0; k < got.length; k++) expect(got[k]).toBeCloseTo(direct[k], 5);
    }
    // the three SISO roles differ too (different role token)
    expect(Array.from(e.viewQuery)).not.toEqual(Array.from(e.target));
    // with full attention the same weights run as SIMO give other numbers (role tokens attend to each other)
    const simo = await embedCatalogue(enc, { mode: 'simo' });
    expect(Math.abs(simo.embeddings.target[0] - e.target[0]) + Math.abs(simo.embeddings.target[1] - e.target[1])).toBeGreaterThan(1e-4);
    enc.dispose();
  });

  it("roleAttention 'isolated': one SIMO pass equals three SISO passes with the same weights", async () => {
    const cfg = parseSimoConfig({ hidden: 16, heads: 2, layers: 2, maxTokens: 4, tokenBuckets: 64, roleAttention: 'isolated' });
    const enc = buildSimoEncoder(cfg, buildContentTokens(ds, cfg));
    const simo = (await embedCatalogue(enc, { mode: 'simo' })).embeddings;
    const siso = (await embedCatalogue(enc, { mode: 'siso' })).embeddings;
    for (const r of ITEM_ROLES) {
      const a = roleMatrix(simo, r);
      const b = roleMatrix(siso, r);
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 5);
    }
    expect(Array.from(simo.viewQuery)).not.toEqual(Array.from(simo.buyQuery));
    expect(simoVariant(cfg)).toBe('d16');
    expect(simoVariant({ ...cfg, roleAttention: 'full' })).toBe('d16-full');
    expect(simoVariant({ ...cfg, itemToken: true, logQ: true })).toBe('d16+item+logq');
    enc.dispose();
  });

  it('the same seed gives SIMO and SISO the same initial weights', async () => {
    const cfg = parseSimoConfig({ hidden: 16, heads: 2, layers: 2, maxTokens: 4, tokenBuckets: 64 });
    const a = buildSimoEncoder(cfg, buildContentTokens(ds, cfg));
    const b = buildSimoEncoder({ ...cfg, mode: 'siso' }, buildContentTokens(ds, cfg));
    const c = buildSimoEncoder({ ...cfg, seed: cfg.seed + 1 }, buildContentTokens(ds, cfg));
    expect(a.variables.length).toBe(b.variables.length);
    for (let k = 0; k < a.variables.length; k++) expect(Array.from(await a.variables[k].data())).toEqual(Array.from(await b.variables[k].data()));
    expect(Array.from(await c.variables[0].data())).not.toEqual(Array.from(await a.variables[0].data()));
    for (const e of [a, b, c]) e.dispose();
  });

  it('PinSage switches: init needs the item token, concat widens the embedding; both need the matrix', async () => {
    const ps = { values: Float32Array.from({ length: 5 * 3 }, (_, k) => Math.sin(k + 1)), dim: 3 };
    const cat = parseSimoConfig({ hidden: 8, heads: 2, layers: 1, maxTokens: 4, tokenBuckets: 64, pinsage: 'concat' });
    expect(() => buildSimoEncoder(cat, buildContentTokens(ds, cat))).toThrow(/needs a PinSage embedding matrix/);
    const enc = buildSimoEncoder(cat, buildContentTokens(ds, cat), ps);
    const { embeddings: e } = await embedCatalogue(enc);
    expect(e.dim).toBe(11);
    expect(e.source).toBe('simo+pinsage-concat');
    for (const m of rows(e.target, 11)) expect(Math.hypot(...m)).toBeCloseTo(1, 4);
    enc.dispose();
    const init = parseSimoConfig({ hidden: 8, heads: 2, layers: 1, maxTokens: 4, tokenBuckets: 64, pinsage: 'init' });
    const t = buildContentTokens(ds, init);
    expect(t.itemBase).toBeGreaterThan(0);
    expect(t.vocab).toBe(t.itemBase + 5);
    expect(() => buildSimoEncoder(init, t, { values: new Float32Array(7), dim: 3 })).toThrow(/expected 5 items × 3/);
    const e2 = buildSimoEncoder(init, t, ps);
    expect((await embedCatalogue(e2)).embeddings.dim).toBe(8);
    e2.dispose();
  });
});
