/**
 * An item's content as tokens of one shared vocabulary (the encoder's input):
 *   0                       padding
 *   1, 2, 3                 role tokens: view-query, buy-query, target (ROLE_TOKEN)
 *   4 … 3 + B               hashed title tokens (B buckets, pinsage/tokenize.ts)
 *   then categories, brands (index 0 = unknown → padding), price quantile buckets (unknown price →
 *   padding) and, with the PinSage 'init' switch or `itemToken`, one item token per item.
 * Per item a row of `width` ids: [category, brand, price, item?, title tokens…], 0-padded. The role
 * tokens are prepended by the encoder. Ranges are disjoint, so no position embedding is needed
 * (the content is a set).
 */
import type { Dataset } from '../../data/types';
import { hashTokensInto } from '../pinsage/tokenize';
import type { SimoConfig } from './config';
import type { ItemRole } from './roles';

export const ROLE_TOKEN: Readonly<Record<ItemRole, number>> = Object.freeze({ 'view-query': 1, 'buy-query': 2, target: 3 });
const FIRST_CONTENT = 4;

export interface ContentTokens {
  readonly nItems: number;
  /** Ids per item (row width). */
  readonly width: number;
  /** nItems × width ids, 0 = padding. */
  readonly ids: Int32Array;
  /** Size of the vocabulary (rows of the token table). */
  readonly vocab: number;
  /** First id of the per-item tokens (item i → itemBase + i), or -1 without them. */
  readonly itemBase: number;
}

/** Price bucket edges: `buckets − 1` quantiles of the known prices. */
function priceEdges(price: Float32Array, buckets: number): Float64Array {
  const known = Array.from(price).filter((p) => Number.isFinite(p) && p >= 0).sort((a, b) => a - b);
  const edges = new Float64Array(Math.max(0, buckets - 1));
  if (known.length === 0) return edges;
  for (let k = 0; k < edges.length; k++) edges[k] = known[Math.min(known.length - 1, Math.floor(((k + 1) * known.length) / buckets))];
  return edges;
}

function bucketOf(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p >= edges[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildContentTokens(ds: Dataset, cfg: Pick<SimoConfig, 'maxTokens' | 'tokenBuckets' | 'priceBuckets' | 'pinsage'> & { itemToken?: boolean }): ContentTokens {
  const items = ds.items;
  const n = items.length;
  const B = cfg.tokenBuckets;
  const catBase = FIRST_CONTENT + B - 1; // category c ≥ 1 → catBase + c
  const nCat = Math.max(1, items.categories.length);
  const brandBase = catBase + nCat - 1;
  const nBrand = Math.max(1, items.brands.length);
  const priceBase = brandBase + nBrand;
  const withItem = cfg.pinsage === 'init' || cfg.itemToken === true;
  const itemBase = priceBase + cfg.priceBuckets;
  const vocab = itemBase + (withItem ? n : 0);
  const width = 3 + (withItem ? 1 : 0) + cfg.maxTokens;
  const ids = new Int32Array(n * width);
  const edges = priceEdges(items.price, cfg.priceBuckets);
  const title = new Int32Array(cfg.maxTokens);
  for (let i = 0; i < n; i++) {
    const at = i * width;
    const c = items.category[i];
    if (c > 0 && c < nCat) ids[at] = catBase + c;
    const b = items.brand[i];
    if (b > 0 && b < nBrand) ids[at + 1] = brandBase + b;
    const p = items.price[i];
    if (Number.isFinite(p) && p >= 0) ids[at + 2] = priceBase + bucketOf(edges, p);
    let k = at + 3;
    if (withItem) ids[k++] = itemBase + i;
    title.fill(0);
    const m = hashTokensInto(items.title[i] ?? '', B, cfg.maxTokens, title, 0);
    for (let j = 0; j < m; j++) ids[k + j] = FIRST_CONTENT - 1 + title[j];
  }
  return { nItems: n, width, ids, vocab, itemBase: withItem ? itemBase : -1 };
}
