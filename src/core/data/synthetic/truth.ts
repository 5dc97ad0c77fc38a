/**
 * The planted ground truth of a synthetic world, returned beside its Dataset, and small
 * helpers to read it. Indices are dataset indices (items, shoppers, categories).
 */
import type { SyntheticConfig } from './config';
import { MAX_INTERESTS, type ShopperTruth } from './shoppers';

export { MAX_INTERESTS };

export interface ComplementTruth {
  /** Anchor items (ascending). */
  readonly anchors: Uint32Array;
  /** CSR offsets: partners of anchors[k] are partners[offsets[k] .. offsets[k+1]). */
  readonly offsets: Uint32Array;
  /** Partner items; each lies in a category that complements the anchor's and shares no title word with it. */
  readonly partners: Uint32Array;
  /** Item → k (its position in `anchors`), or -1 when the item is no anchor. */
  readonly anchorIndex: Int32Array;
  /** Per category index (entry 0, the unknown category, is empty): the categories complementing it. */
  readonly categoryComplements: readonly (readonly number[])[];
}

export interface SyntheticTruth {
  readonly seed: number;
  readonly config: SyntheticConfig;
  /** Time span (ms since the epoch): [spanStart, spanEnd). */
  readonly spanStart: number;
  readonly spanEnd: number;
  /** Latent item clusters (sub-categories): cluster c belongs to category clusterCategory[c]. */
  readonly clusterCount: number;
  readonly itemCluster: Uint32Array;
  /** Cluster → category index (into dataset.items.categories). */
  readonly clusterCategory: Uint32Array;
  /** Planted relative popularity of each item (Zipf by rank within its cluster × promo boost). */
  readonly itemPopularity: Float32Array;
  readonly complements: ComplementTruth;
  /** Interests are clusters; see `interestsAt`. Flat arrays hold MAX_INTERESTS slots per shopper. */
  readonly shoppers: ShopperTruth;
  /** Number of sessions (= baskets) generated. */
  readonly sessions: number;
}

/** The partner items planted for `item` (empty when it is no anchor). */
export function complementPartners(truth: SyntheticTruth, item: number): Uint32Array {
  const c = truth.complements;
  const k = c.anchorIndex[item];
  if (k < 0) return new Uint32Array(0);
  return c.partners.subarray(c.offsets[k], c.offsets[k + 1]);
}

/** Shopper s's interest clusters at time t (ms), strongest first. */
export function interestsAt(truth: SyntheticTruth, s: number, t: number): number[] {
  const sh = truth.shoppers;
  const flat = sh.driftTime[s] <= t ? sh.interestsEnd : sh.interestsStart;
  const out: number[] = [];
  for (let j = 0; j < sh.interestCount[s]; j++) out.push(flat[s * MAX_INTERESTS + j]);
  return out;
}

/** Shopper s's interest categories at time t (distinct category indices). */
export function interestCategoriesAt(truth: SyntheticTruth, s: number, t: number): number[] {
  return [...new Set(interestsAt(truth, s, t).map((c) => truth.clusterCategory[c]))];
}
