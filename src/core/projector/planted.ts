/**
 * Planted structure for colouring: the latent item clusters (and shoppers' strongest interest
 * cluster) of a synthetic world, rebuilt from the config in its dataset's meta — the catalogue
 * and shopper draws are seeded forks independent of the session simulation, so they come out
 * exactly as when the world was generated (checked against the dataset's item ids and titles) —
 * and seeded Gaussian test vectors with planted clusters, for a view that needs no training.
 */
import { Rng } from '../rng';
import type { Dataset } from '../data/types';
import { parseSyntheticConfig } from '../data/synthetic/config';
import { buildCatalogue } from '../data/synthetic/catalogue';
import { buildShoppers } from '../data/synthetic/shoppers';
import { MAX_INTERESTS } from '../data/synthetic/truth';

const DAY_MS = 86_400_000;

export interface PlantedWorld {
  /** Planted cluster of each dataset item. */
  itemCluster: Uint32Array;
  /** Strongest planted interest cluster of each dataset shopper at the end of the span. */
  shopperCluster: Uint32Array;
  clusterCount: number;
}

/** The planted clusters of a synthetic dataset, or null when the dataset is no (unchanged) synthetic world. */
export function plantedWorld(ds: Dataset): PlantedWorld | null {
  if (ds.meta.source !== 'synthetic' || typeof ds.meta.config !== 'string') return null;
  let config;
  try {
    config = parseSyntheticConfig(JSON.parse(ds.meta.config));
  } catch {
    return null;
  }
  const startMs = Date.parse(config.start);
  const endMs = startMs + Math.round(config.spanDays * DAY_MS);
  const root = new Rng(config.seed);
  const cat = buildCatalogue(config, root.fork('catalogue'), startMs, endMs);
  const items = ds.items;
  if (cat.items.length !== items.length) return null;
  for (let i = 0; i < items.length; i++) if (cat.items.ids[i] !== items.ids[i] || cat.items.title[i] !== items.title[i]) return null;
  const sh = buildShoppers(config, cat, root.fork('shoppers'), startMs, endMs);
  const shopperCluster = new Uint32Array(ds.shoppers.length);
  for (let s = 0; s < ds.shoppers.length; s++) {
    const k = ds.shoppers[s] === 's' + s && s < sh.count ? sh.interestsEnd[s * MAX_INTERESTS] : -1;
    shopperCluster[s] = k >= 0 ? k : 0;
  }
  return { itemCluster: cat.itemCluster.slice(), shopperCluster, clusterCount: cat.clusterCount };
}

export interface PlantedVectors {
  vectors: Float32Array;
  dim: number;
  /** Planted cluster of each vector. */
  labels: Uint32Array;
  clusters: number;
}

/**
 * n seeded Gaussian vectors around `clusters` random centres (N(0, 1) per dimension) with
 * per-dimension noise `spread` — test vectors with a known answer, not embeddings of any data.
 */
export function plantedClusterVectors(opts: { n: number; dim: number; clusters: number; spread?: number; seed?: number }): PlantedVectors {
  const { n, dim, clusters } = opts;
  if (!(n > 0 && dim > 0 && clusters > 0)) throw new Error(`planted vectors need n, dim and clusters > 0 (got ${n}, ${dim}, ${clusters})`);
  const spread = opts.spread ?? 0.6;
  const rng = new Rng(opts.seed ?? 0).fork('planted-vectors');
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = rng.normal();
  const vectors = new Float32Array(n * dim);
  const labels = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.nextInt(clusters);
    labels[i] = c;
    for (let d = 0; d < dim; d++) vectors[i * dim + d] = centres[c * dim + d] + spread * rng.normal();
  }
  return { vectors, dim, labels, clusters };
}
