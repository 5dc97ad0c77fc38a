/**
 * Shared test setup for PinnerFormer: the WASM backend in Node (CPU when it cannot start), the
 * synthetic `small` world with its fixed seed, and a content-derived item embedding (a seeded
 * random vector per category plus per-item noise) standing in for PinSage's.
 */
import { useWasmOrCpu } from '../../compute/node-test-backend';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { Rng } from '../../rng';

export async function useTestBackend(): Promise<string> {
  return useWasmOrCpu();
}

let world: Dataset | null = null;
export function smallWorld(): Dataset {
  world ??= generateSyntheticSync(syntheticPreset('small')).dataset;
  return world;
}

/** Seeded category vector + noise per item (N × dim). */
export function contentItemEmbeddings(ds: Dataset, dim = 32, seed = 1, noise = 0.5): ItemEmbeddings {
  const rng = new Rng(seed).fork('content-items');
  const cat = Array.from({ length: ds.items.categories.length }, () => Float32Array.from({ length: dim }, () => rng.normal()));
  const vectors = new Float32Array(ds.items.length * dim);
  for (let i = 0; i < ds.items.length; i++) {
    const c = cat[ds.items.category[i]];
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = c[j] + noise * rng.normal();
  }
  return { vectors, dim };
}
