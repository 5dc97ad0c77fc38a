/** Test input: the synthetic small world (fixed seed) with deterministic unit vectors per item / shopper. */
import { generateSyntheticSync } from '../data/synthetic/generate';
import { syntheticPreset } from '../data/synthetic/presets';
import type { Dataset } from '../data/types';
import { Rng } from '../rng';
import type { ItemEmbeddingSet, ShopperEmbeddingSet } from './types';

let cached: Dataset | null = null;

/** synthetic-small with 20k events (seed 42): a few seconds to generate, cached per test file. */
export function smallWorld(): Dataset {
  cached ??= generateSyntheticSync(syntheticPreset('small', { events: 20_000 })).dataset;
  return cached;
}

export function unitVectors(n: number, dim: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const v = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const x = rng.normal();
      v[i * dim + j] = x;
      s += x * x;
    }
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) v[i * dim + j] *= inv;
  }
  return v;
}

export function itemSet(ds: Dataset, dim = 16): ItemEmbeddingSet {
  const it = ds.items;
  return {
    ids: it.ids,
    vectors: unitVectors(it.length, dim, 7),
    dim,
    titles: it.title,
    categories: Array.from(it.category, (c) => it.categories[c]),
    source: 'test/unit-normals',
  };
}

export function shopperSet(ds: Dataset, dim = 16): ShopperEmbeddingSet {
  return { ids: ds.shoppers, vectors: unitVectors(ds.shoppers.length, dim, 8), dim, source: 'test/unit-normals' };
}
