/**
 * Per-point attributes of item and shopper embeddings from the dataset: title (hover), category,
 * action count (events), first-seen time and the planted cluster of synthetic worlds.
 */
import { NO_SHOPPER, type Dataset } from '../data/types';
import { plantedWorld, type PlantedVectors } from './planted';
import type { PointAttributes } from './types';

/** Attributes of every dataset item, in item-index order. */
export function itemAttributes(ds: Dataset, planted = plantedWorld(ds)): PointAttributes {
  const it = ds.items;
  const actionCount = new Uint32Array(it.length);
  for (const i of ds.events.item) actionCount[i]++;
  const titles: string[] = [];
  for (let i = 0; i < it.length; i++) titles.push(it.title[i] || it.ids[i]);
  return {
    kind: 'item',
    ids: it.ids,
    titles,
    category: it.category,
    categories: it.categories,
    actionCount,
    firstSeen: it.firstSeen,
    planted: planted ? planted.itemCluster : null,
  };
}

/**
 * Attributes of the shoppers with external ids `ids` (e.g. a PinnerFormer snapshot's rows):
 * events by them, their first event, and the category they engaged with most.
 */
export function shopperAttributes(ds: Dataset, ids: readonly string[], planted = plantedWorld(ds)): PointAttributes {
  const index = new Map<string, number>();
  ds.shoppers.forEach((id, s) => index.set(id, s));
  const nS = ds.shoppers.length;
  const nCat = ds.items.categories.length;
  const events = new Uint32Array(nS);
  const first = new Float64Array(nS).fill(NaN);
  const ev = ds.events;
  // category counts per shopper, sparse: shopper → (category → count)
  const catCounts = new Map<number, Map<number, number>>();
  for (let e = 0; e < ev.length; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER) continue;
    events[s]++;
    if (Number.isNaN(first[s])) first[s] = ev.timestamp[e];
    const c = ds.items.category[ev.item[e]];
    let m = catCounts.get(s);
    if (!m) catCounts.set(s, (m = new Map()));
    m.set(c, (m.get(c) ?? 0) + 1);
  }
  const n = ids.length;
  const category = new Uint32Array(n);
  const actionCount = new Uint32Array(n);
  const firstSeen = new Float64Array(n).fill(NaN);
  const plantedOut = planted ? new Uint32Array(n) : null;
  const titles: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = index.get(ids[i]);
    if (s === undefined) {
      titles.push(`${ids[i]} (not in the dataset)`);
      continue;
    }
    let best = 0;
    let bestCount = 0;
    for (const [c, k] of catCounts.get(s) ?? []) if (k > bestCount || (k === bestCount && c < best)) [best, bestCount] = [c, k];
    category[i] = best < nCat ? best : 0;
    actionCount[i] = events[s];
    firstSeen[i] = first[s];
    if (plantedOut && planted) plantedOut[i] = planted.shopperCluster[s];
    const cat = ds.items.categories[category[i]];
    titles.push(`shopper ${ids[i]} · ${events[s]} events${cat ? ` · mostly ${cat}` : ''}`);
  }
  return { kind: 'shopper', ids, titles, category, categories: ds.items.categories, actionCount, firstSeen, planted: plantedOut };
}

/** Attributes of planted test vectors: no dataset, so no action counts or dates. */
export function plantedVectorAttributes(p: PlantedVectors): PointAttributes {
  const n = p.labels.length;
  const ids: string[] = [];
  const titles: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(`v${i}`);
    titles.push(`test vector v${i} · planted cluster ${p.labels[i]}`);
  }
  const categories = ['', ...Array.from({ length: p.clusters }, (_, c) => `cluster ${c}`)];
  return {
    kind: 'item',
    ids,
    titles,
    category: Uint32Array.from(p.labels, (c) => c + 1),
    categories,
    actionCount: new Uint32Array(n),
    firstSeen: new Float64Array(n).fill(NaN),
    planted: p.labels,
  };
}
