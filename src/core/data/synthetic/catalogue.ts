/**
 * Synthetic catalogue: categories → latent clusters → items, with per-category vocabularies and
 * brands, Zipf popularity within a cluster, log-normal prices, releases over time, promo / new
 * flags, and the planted complementary relations (anchor item → partner items in other categories).
 *
 * Items are laid out in "slots" (grouped by cluster, most popular first) for sampling; the item
 * index of a slot is a random permutation, so ids carry no structure.
 */
import { Rng } from '../../rng';
import { ITEM_FLAG, type ItemTable } from '../types';
import type { SyntheticConfig } from './config';
import { WordMint, capitalise } from './vocabulary';

const DAY_MS = 86_400_000;

export interface Catalogue {
  readonly items: ItemTable;
  readonly clusterCount: number;
  /** Slots of cluster c: [clusterStart[c], clusterStart[c+1]); the first slot is always released at the start. */
  readonly clusterStart: Uint32Array;
  /** Cluster → category index (into items.categories, so ≥ 1). */
  readonly clusterCategory: Uint32Array;
  /** Category index → its clusters [categoryClusterStart[cat-1], categoryClusterStart[cat]). */
  readonly categoryClusterStart: Uint32Array;
  /** Item index of each slot. */
  readonly slotItem: Uint32Array;
  /** Inclusive prefix sum of slot weights over all slots (sample within a cluster's slot range). */
  readonly slotCum: Float64Array;
  /** Inclusive prefix sum of cluster popularity (explore by popularity). */
  readonly clusterCum: Float64Array;
  readonly itemCluster: Uint32Array;
  /** Planted relative popularity of each item (Zipf by rank × promo boost). */
  readonly itemWeight: Float32Array;
  /** Per category index (1-based; entry 0 empty): the categories that complement it. */
  readonly categoryComplements: number[][];
  /** Anchor items with planted partners, CSR: partners of anchors[k] are partners[offsets[k]..offsets[k+1]). */
  readonly anchors: Uint32Array;
  readonly partnerOffsets: Uint32Array;
  readonly partners: Uint32Array;
  /** Item → k (its position in `anchors`) or -1. */
  readonly anchorIndex: Int32Array;
}

/** Splits `total` into `weights.length` parts of at least `min`, proportional to weights (largest remainder). */
export function allocate(total: number, weights: ArrayLike<number>, min: number): Uint32Array {
  const n = weights.length;
  const out = new Uint32Array(n).fill(min);
  let rest = total - n * min;
  if (rest <= 0) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  const frac = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const x = (rest * weights[i]) / sum;
    const f = Math.floor(x);
    out[i] += f;
    given += f;
    frac[i] = x - f;
  }
  rest -= given;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => frac[b] - frac[a] || a - b);
  for (let k = 0; k < rest; k++) out[order[k % n]] += 1;
  return out;
}

function roundPrice(p: number): number {
  if (p < 10) return Math.max(0.5, Math.round(p * 100) / 100);
  return Math.ceil(p) - 0.01;
}

export function buildCatalogue(config: SyntheticConfig, rng: Rng, startMs: number, endMs: number): Catalogue {
  const cc = config.catalogue;
  const nCat = config.categories;
  const cpc = config.clustersPerCategory;
  const nClusters = nCat * cpc;
  const nItems = config.items;
  const mint = new WordMint(rng.fork('words'));

  // --- category sizes, popularity, vocabulary, brands, price level
  const catSizeWeight = new Float64Array(nCat);
  const catPopularity = new Float64Array(nCat);
  const catMedianPrice = new Float64Array(nCat);
  for (let c = 0; c < nCat; c++) {
    catSizeWeight[c] = rng.logNormal(0, 0.5);
    catPopularity[c] = rng.logNormal(0, cc.categorySkew);
    catMedianPrice[c] = Math.exp(rng.uniform(Math.log(cc.priceMin), Math.log(cc.priceMax)));
  }
  const catSizes = allocate(nItems, catSizeWeight, 2 * cpc);
  const categories: string[] = [''];
  const brands: string[] = [''];
  const brandTier = new Float64Array(1 + nCat * config.brandsPerCategory);
  const catWords: string[][] = [];
  const clusterWords: string[][] = [];
  for (let c = 0; c < nCat; c++) {
    const words = mint.take(config.wordsPerCategory);
    catWords.push(words);
    categories.push(capitalise(words[0]));
    for (let b = 0; b < config.brandsPerCategory; b++) {
      brands.push(capitalise(mint.next()));
      brandTier[brands.length - 1] = rng.logNormal(0, 0.3);
    }
    for (let k = 0; k < cpc; k++) clusterWords.push(mint.take(config.wordsPerCluster));
  }

  // --- slots: clusters of each category, most popular first
  const clusterStart = new Uint32Array(nClusters + 1);
  const clusterCategory = new Uint32Array(nClusters);
  const categoryClusterStart = new Uint32Array(nCat + 1);
  {
    let slot = 0;
    for (let c = 0; c < nCat; c++) {
      categoryClusterStart[c] = c * cpc;
      const sizes = allocate(catSizes[c], new Float64Array(cpc).fill(1), 2);
      for (let k = 0; k < cpc; k++) {
        const cl = c * cpc + k;
        clusterStart[cl] = slot;
        clusterCategory[cl] = c + 1;
        slot += sizes[k];
      }
    }
    clusterStart[nClusters] = slot;
    categoryClusterStart[nCat] = nClusters;
  }

  const slotItem = rng.permutation(nItems);
  const slotCum = new Float64Array(nItems);
  const clusterCum = new Float64Array(nClusters);
  const itemCluster = new Uint32Array(nItems);
  const itemWeight = new Float32Array(nItems);
  // packed arrays (new Array(n) of ≥ 100k entries would be a slow dictionary-mode array)
  const ids: string[] = [];
  const title: string[] = [];
  for (let i = 0; i < nItems; i++) {
    ids.push('i' + i);
    title.push('');
  }
  const category = new Uint32Array(nItems);
  const brand = new Uint32Array(nItems);
  const price = new Float32Array(nItems);
  const firstSeen = new Float64Array(nItems);
  const flags = new Uint8Array(nItems);
  const newFrom = endMs - cc.newWindowDays * DAY_MS;
  const span = endMs - startMs;

  let cum = 0;
  let clusterTotal = 0;
  for (let cl = 0; cl < nClusters; cl++) {
    const cat = clusterCategory[cl];
    const words = clusterWords[cl];
    const cw = catWords[cat - 1];
    const before = cum;
    for (let s = clusterStart[cl], r = 0; s < clusterStart[cl + 1]; s++, r++) {
      const item = slotItem[s];
      let f = 0;
      let w = 1 / Math.pow(r + 1, cc.zipfExponent);
      if (rng.chance(cc.promoShare)) {
        f |= ITEM_FLAG.promo;
        w *= cc.promoBoost;
      }
      let released: number;
      if (r === 0 || rng.chance(cc.startShare)) released = startMs - rng.uniform(0, 365 * DAY_MS);
      else released = startMs + rng.uniform(0, span);
      released = Math.floor(released);
      if (released >= newFrom) f |= ITEM_FLAG.new;
      const b = 1 + (cat - 1) * config.brandsPerCategory + rng.nextInt(config.brandsPerCategory);
      // title: brand + a category word + 2–3 distinct cluster words
      const i1 = rng.nextInt(words.length);
      let i2 = rng.nextInt(words.length - 1);
      if (i2 >= i1) i2++;
      let t = `${brands[b]} ${cw[rng.nextInt(cw.length)]} ${words[i1]} ${words[i2]}`;
      if (words.length > 2 && rng.chance(0.5)) {
        let i3 = rng.nextInt(words.length);
        while (i3 === i1 || i3 === i2) i3 = rng.nextInt(words.length);
        t += ' ' + words[i3];
      }
      title[item] = t;
      category[item] = cat;
      brand[item] = b;
      price[item] = roundPrice(catMedianPrice[cat - 1] * brandTier[b] * rng.logNormal(0, cc.priceSigma));
      firstSeen[item] = released;
      flags[item] = f;
      itemCluster[item] = cl;
      itemWeight[item] = w;
      cum += w;
      slotCum[s] = cum;
    }
    clusterTotal += (cum - before) * catPopularity[cat - 1];
    clusterCum[cl] = clusterTotal;
  }

  // --- complementary relations
  const cpx = config.complement;
  const categoryComplements: number[][] = [[]];
  for (let c = 1; c <= nCat; c++) {
    const others = rng.sampleDistinct(nCat - 1, cpx.categoriesPerCategory);
    categoryComplements.push(Array.from(others, (o) => (o + 1 >= c ? o + 2 : o + 1)));
  }
  const startItems: number[] = [];
  for (let i = 0; i < nItems; i++) if (firstSeen[i] <= startMs) startItems.push(i);
  const nAnchors = Math.min(startItems.length, Math.round(cpx.anchorShare * nItems));
  // anchors: weighted sampling without replacement by popularity (Efraimidis–Spirakis keys u^(1/w)),
  // so that most planted relations are observable in the events
  const keys = startItems.map((i) => Math.log(Math.max(rng.nextFloat(), 1e-300)) / itemWeight[i]);
  const byKey = startItems.map((_, j) => j).sort((x, y) => keys[y] - keys[x] || x - y);
  const anchors = new Uint32Array(nAnchors);
  for (let k = 0; k < nAnchors; k++) anchors[k] = startItems[byKey[k]];
  anchors.sort();
  const anchorIndex = new Int32Array(nItems).fill(-1);
  const partnerOffsets = new Uint32Array(nAnchors + 1);
  const partnerList: number[] = [];
  for (let k = 0; k < nAnchors; k++) {
    const a = anchors[k];
    anchorIndex[a] = k;
    const comp = categoryComplements[category[a]];
    const want = cpx.partnersMin + rng.nextInt(cpx.partnersMax - cpx.partnersMin + 1);
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < want && tries < want * 20; tries++) {
      const pc = comp[rng.nextInt(comp.length)];
      const lo = clusterStart[categoryClusterStart[pc - 1]];
      const hi = clusterStart[categoryClusterStart[pc]];
      chosen.add(slotItem[lo + rng.nextInt(hi - lo)]);
    }
    for (const p of chosen) partnerList.push(p);
    partnerOffsets[k + 1] = partnerList.length;
  }

  const items: ItemTable = {
    length: nItems,
    ids,
    title,
    category,
    categories,
    brand,
    brands,
    price,
    firstSeen,
    flags,
  };
  return {
    items,
    clusterCount: nClusters,
    clusterStart,
    clusterCategory,
    categoryClusterStart,
    slotItem,
    slotCum,
    clusterCum,
    itemCluster,
    itemWeight,
    categoryComplements,
    anchors,
    partnerOffsets,
    partners: Uint32Array.from(partnerList),
    anchorIndex,
  };
}
