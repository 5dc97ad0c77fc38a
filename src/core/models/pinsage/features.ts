/**
 * Item input features of PinSage: hashed title tokens (mean-pooled learned embeddings in the
 * model), category and brand (learned embeddings), log price and log degree (standardised, with a
 * has-price flag), optional external vectors joined by item id, and an optional ID-embedding row
 * for items seen in training. Every item gets features, with or without interactions.
 */
import type { Dataset } from '../../data/types';
import type { PinSageConfig } from './config';
import { hashTokensInto } from './tokenize';

/** Dense numeric columns: standardised log(1 + price), has-price flag, standardised log(1 + degree). */
export const DENSE_COLUMNS = ['log_price', 'has_price', 'log_degree'] as const;
export const DENSE_DIM = DENSE_COLUMNS.length;

export interface ExternalVectors {
  readonly dim: number;
  /** nItems × dim, zeros for items without a vector. */
  readonly values: Float32Array;
  /** Items that got a vector. */
  readonly matched: number;
}

export interface ItemFeatures {
  readonly nItems: number;
  readonly maxTokens: number;
  readonly tokenBuckets: number;
  /** nItems × maxTokens bucket ids (1-based), 0 = padding. */
  readonly tokens: Int32Array;
  /** nItems × maxTokens mean-pooling weights: 1 / count on real tokens, 0 on padding. */
  readonly tokenWeights: Float32Array;
  readonly category: Int32Array;
  readonly nCategories: number;
  readonly brand: Int32Array;
  readonly nBrands: number;
  /** nItems × DENSE_DIM. */
  readonly dense: Float32Array;
  readonly external: ExternalVectors | null;
  /** ID-embedding row per item: 1..nIds for items with train events (when enabled), else 0 (no ID). */
  readonly idRow: Int32Array;
  readonly nIds: number;
}

export interface FeatureInputs {
  /** Per-item degree in the train graph (interactions); 0 for cold items. */
  degree: ArrayLike<number>;
  /** 1 for items with train events (ID embedding rows are given to these only). */
  seenInTraining?: Uint8Array;
  external?: ExternalVectors | null;
}

function standardise(values: Float32Array, mask?: Uint8Array): void {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    s += values[i];
    s2 += values[i] * values[i];
    n++;
  }
  const mean = n ? s / n : 0;
  const sd = n ? Math.sqrt(Math.max(1e-12, s2 / n - mean * mean)) : 1;
  for (let i = 0; i < values.length; i++) values[i] = mask && !mask[i] ? 0 : (values[i] - mean) / sd;
}

export function buildItemFeatures(ds: Dataset, cfg: Pick<PinSageConfig, 'tokenBuckets' | 'maxTokens' | 'idEmbedding'>, inputs: FeatureInputs): ItemFeatures {
  const items = ds.items;
  const n = items.length;
  const M = cfg.maxTokens;
  const tokens = new Int32Array(n * M);
  const tokenWeights = new Float32Array(n * M);
  for (let i = 0; i < n; i++) {
    const text = items.title[i] ?? '';
    const c = hashTokensInto(text, cfg.tokenBuckets, M, tokens, i * M);
    for (let k = 0; k < c; k++) tokenWeights[i * M + k] = 1 / c;
  }
  const logPrice = new Float32Array(n);
  const hasPrice = new Uint8Array(n);
  const logDeg = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = items.price[i];
    if (Number.isFinite(p) && p >= 0) {
      logPrice[i] = Math.log1p(p);
      hasPrice[i] = 1;
    }
    logDeg[i] = Math.log1p(Math.max(0, inputs.degree[i] ?? 0));
  }
  standardise(logPrice, hasPrice);
  standardise(logDeg);
  const dense = new Float32Array(n * DENSE_DIM);
  for (let i = 0; i < n; i++) {
    dense[i * DENSE_DIM] = logPrice[i];
    dense[i * DENSE_DIM + 1] = hasPrice[i];
    dense[i * DENSE_DIM + 2] = logDeg[i];
  }
  const idRow = new Int32Array(n);
  let nIds = 0;
  if (cfg.idEmbedding) {
    for (let i = 0; i < n; i++) if (!inputs.seenInTraining || inputs.seenInTraining[i]) idRow[i] = ++nIds;
  }
  return {
    nItems: n,
    maxTokens: M,
    tokenBuckets: cfg.tokenBuckets,
    tokens,
    tokenWeights,
    category: Int32Array.from(items.category),
    nCategories: Math.max(1, items.categories.length),
    brand: Int32Array.from(items.brand),
    nBrands: Math.max(1, items.brands.length),
    dense,
    external: inputs.external ?? null,
    idRow,
    nIds,
  };
}

/** Width of the concatenated layer-0 representation. */
export function inputDim(f: ItemFeatures, cfg: Pick<PinSageConfig, 'tokenDim' | 'categoryDim' | 'brandDim' | 'idDim'>): number {
  return cfg.tokenDim + cfg.categoryDim + cfg.brandDim + DENSE_DIM + (f.external?.dim ?? 0) + (f.nIds > 0 ? cfg.idDim : 0);
}
