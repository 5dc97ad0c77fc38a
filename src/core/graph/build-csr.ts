/**
 * Shopper–item bipartite graph in CSR form, built from the event columns: one edge per distinct
 * (item, shopper) pair with events of positive weight among events [0, eventEnd), weight = the
 * sum of the action weights of those events. Anonymous events (NO_SHOPPER) and zero-weight
 * actions (cancels by default) make no edge. Rows are sorted by target index, so the graph does
 * not depend on the order of events within the range.
 */
import { NO_SHOPPER } from '../data/types';
import { actionWeightTable, type ActionWeights } from './action-weights';
import { idBitsFor, packRow, weightBitsFor } from './entry';
import { chooseGuideShift, fillGuide, guideLength } from './guide';
import { allocArray, sharedMemoryAvailable } from './shared-alloc';
import type { BipartiteGraph } from './types';

/** The event columns the graph needs (a subset of `EventTable`). */
export interface GraphEventColumns {
  readonly shopper: Uint32Array;
  readonly item: Uint32Array;
  readonly action: Uint8Array;
}

export interface BuildGraphOptions {
  nItems: number;
  nShoppers: number;
  /** Use events [0, eventEnd) only (the P1 train period); default: all. */
  eventEnd?: number;
  actionWeights?: Partial<ActionWeights>;
  /** Allocate the graph on SharedArrayBuffers; default: when cross-origin isolated. */
  shared?: boolean;
  /** Guide shift of both sides (guide.ts); default: the finest that keeps ≤ 12 B/edge in all. */
  guideShift?: number;
}

export function buildBipartiteGraph(ev: GraphEventColumns, opts: BuildGraphOptions): BipartiteGraph {
  const { nItems, nShoppers } = opts;
  // packed entries: item rows hold shopper ids, shopper rows item ids (throws beyond 2^28 nodes)
  const itemIdBits = idBitsFor(nShoppers);
  const shopperIdBits = idBitsFor(nItems);
  const itemWeightBits = weightBitsFor(itemIdBits);
  const shopperWeightBits = weightBitsFor(shopperIdBits);
  const end = Math.min(opts.eventEnd ?? ev.item.length, ev.item.length);
  const shared = opts.shared ?? sharedMemoryAvailable();
  const wt = actionWeightTable(opts.actionWeights);

  // 1. counting sort of the usable events by shopper (stable: items keep event order)
  const sCount = new Uint32Array(nShoppers + 1);
  let m = 0;
  for (let e = 0; e < end; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || s >= nShoppers || ev.item[e] >= nItems || !(wt[ev.action[e]] > 0)) continue;
    sCount[s + 1]++;
    m++;
  }
  for (let s = 0; s < nShoppers; s++) sCount[s + 1] += sCount[s];
  const byShopItem = new Uint32Array(m);
  const byShopW = new Float32Array(m);
  const byShopS = new Uint32Array(m);
  {
    const pos = sCount.slice(0, nShoppers);
    for (let e = 0; e < end; e++) {
      const s = ev.shopper[e];
      if (s === NO_SHOPPER || s >= nShoppers || ev.item[e] >= nItems) continue;
      const w = wt[ev.action[e]];
      if (!(w > 0)) continue;
      const k = pos[s]++;
      byShopItem[k] = ev.item[e];
      byShopW[k] = w;
      byShopS[k] = s;
    }
  }

  // 2. stable counting sort by item: within an item row shoppers are ascending, duplicates adjacent
  const iCount = new Uint32Array(nItems + 1);
  for (let k = 0; k < m; k++) iCount[byShopItem[k] + 1]++;
  for (let i = 0; i < nItems; i++) iCount[i + 1] += iCount[i];
  const rowS = new Uint32Array(m);
  const rowW = new Float32Array(m);
  {
    const pos = iCount.slice(0, nItems);
    for (let k = 0; k < m; k++) {
      const p = pos[byShopItem[k]]++;
      rowS[p] = byShopS[k];
      rowW[p] = byShopW[k];
    }
  }

  // 3. merge duplicate (item, shopper) pairs
  let nEdges = 0;
  for (let i = 0; i < nItems; i++) {
    for (let p = iCount[i]; p < iCount[i + 1]; p++) if (p === iCount[i] || rowS[p] !== rowS[p - 1]) nEdges++;
  }
  const itemOffsets = allocArray(Uint32Array, nItems + 1, shared);
  const itemShoppers = new Uint32Array(nEdges);
  const edgeW = new Float32Array(nEdges);
  let q = 0;
  for (let i = 0; i < nItems; i++) {
    itemOffsets[i] = q;
    for (let p = iCount[i]; p < iCount[i + 1]; p++) {
      if (p > iCount[i] && rowS[p] === rowS[p - 1]) edgeW[q - 1] += rowW[p];
      else {
        itemShoppers[q] = rowS[p];
        edgeW[q] = rowW[p];
        q++;
      }
    }
  }
  itemOffsets[nItems] = q;

  // 4. the shopper side: items ascending within each row
  const shopperOffsets = allocArray(Uint32Array, nShoppers + 1, shared);
  const shopperItems = new Uint32Array(nEdges);
  const shopW = new Float32Array(nEdges);
  for (let k = 0; k < nEdges; k++) shopperOffsets[itemShoppers[k] + 1]++;
  for (let s = 0; s < nShoppers; s++) shopperOffsets[s + 1] += shopperOffsets[s];
  {
    const pos = shopperOffsets.slice(0, nShoppers);
    for (let i = 0; i < nItems; i++) {
      for (let k = itemOffsets[i]; k < itemOffsets[i + 1]; k++) {
        const p = pos[itemShoppers[k]]++;
        shopperItems[p] = i;
        shopW[p] = edgeW[k];
      }
    }
  }

  // 5. packed entries: target ids with the quantised cumulative weights per row, both sides
  const itemEntries = allocArray(Uint32Array, nEdges, shared);
  const shopperEntries = allocArray(Uint32Array, nEdges, shared);
  for (let i = 0; i < nItems; i++) packRow(edgeW, itemShoppers, itemEntries, itemOffsets[i], itemOffsets[i + 1], itemIdBits, itemWeightBits);
  for (let s = 0; s < nShoppers; s++) packRow(shopW, shopperItems, shopperEntries, shopperOffsets[s], shopperOffsets[s + 1], shopperIdBits, shopperWeightBits);

  // 6. guide tables over the cumulative weights, as fine as the memory budget allows
  const shift = opts.guideShift ?? chooseGuideShift(nItems, nShoppers, nEdges);
  const itemGuide = allocArray(Uint16Array, guideLength(nEdges, shift), shared);
  const shopperGuide = allocArray(Uint16Array, guideLength(nEdges, shift), shared);
  fillGuide(itemOffsets, itemEntries, itemIdBits, itemWeightBits, shift, itemGuide);
  fillGuide(shopperOffsets, shopperEntries, shopperIdBits, shopperWeightBits, shift, shopperGuide);

  return {
    nItems,
    nShoppers,
    nEdges,
    itemOffsets,
    itemEntries,
    itemIdBits,
    itemWeightBits,
    itemGuide,
    itemGuideShift: shift,
    shopperOffsets,
    shopperEntries,
    shopperIdBits,
    shopperWeightBits,
    shopperGuide,
    shopperGuideShift: shift,
    shared,
    eventEnd: end,
    eventsUsed: m,
  };
}

/** Bytes of the edge arrays (packed entries and guides, both directions). */
export function graphEdgeBytes(g: BipartiteGraph): number {
  return g.itemEntries.byteLength + g.itemGuide.byteLength + g.shopperEntries.byteLength + g.shopperGuide.byteLength;
}

/** All bytes of the graph: edge arrays and row offsets. */
export function graphBytes(g: BipartiteGraph): number {
  return graphEdgeBytes(g) + g.itemOffsets.byteLength + g.shopperOffsets.byteLength;
}

/** Degree of item i (number of distinct shoppers). */
export function itemDegree(g: BipartiteGraph, i: number): number {
  return g.itemOffsets[i + 1] - g.itemOffsets[i];
}
