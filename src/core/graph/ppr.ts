/**
 * Exact personalised PageRank on the item–item transition of the bipartite graph (item →
 * shopper → item with the graph's quantised edge probabilities), by power iteration:
 * r = α·e_q + (1 − α)·r·P. This is the distribution the walks' visit frequencies converge to.
 */
import type { BipartiteGraph } from './types';

export interface PprOptions {
  alpha: number;
  /** Stop when the L1 change of an iteration is below this (default 1e-10). */
  tolerance?: number;
  /** Default 1000. */
  maxIterations?: number;
}

/** One step of the item–item chain: out = r · P (out is overwritten). `tmp` has nShoppers entries. */
export function itemTransition(g: BipartiteGraph, r: Float64Array, out: Float64Array, tmp: Float64Array): void {
  tmp.fill(0);
  out.fill(0);
  // entries: cumulative (stored minus one) above the id bits; probability = difference / 2^W
  const iMul = 2 ** g.itemIdBits;
  const iMask = iMul - 1;
  const iInv = 1 / 2 ** g.itemWeightBits;
  const sMul = 2 ** g.shopperIdBits;
  const sMask = sMul - 1;
  const sInv = 1 / 2 ** g.shopperWeightBits;
  for (let i = 0; i < g.nItems; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    const lo = g.itemOffsets[i];
    const hi = g.itemOffsets[i + 1];
    let prev = -1;
    for (let k = lo; k < hi; k++) {
      const e = g.itemEntries[k];
      const c = Math.floor(e / iMul);
      tmp[e & iMask] += ri * (c - prev) * iInv;
      prev = c;
    }
  }
  for (let s = 0; s < g.nShoppers; s++) {
    const ts = tmp[s];
    if (ts === 0) continue;
    const lo = g.shopperOffsets[s];
    const hi = g.shopperOffsets[s + 1];
    let prev = -1;
    for (let k = lo; k < hi; k++) {
      const e = g.shopperEntries[k];
      const c = Math.floor(e / sMul);
      out[e & sMask] += ts * (c - prev) * sInv;
      prev = c;
    }
  }
}

/** PPR scores of every item for query item `q` (sums to 1; an item without shoppers keeps all mass). */
export function personalizedPageRank(g: BipartiteGraph, q: number, opts: PprOptions): Float64Array {
  const { alpha } = opts;
  const tol = opts.tolerance ?? 1e-10;
  const maxIt = opts.maxIterations ?? 1000;
  let r = new Float64Array(g.nItems);
  let next = new Float64Array(g.nItems);
  const tmp = new Float64Array(g.nShoppers);
  r[q] = 1;
  if (g.itemOffsets[q + 1] === g.itemOffsets[q]) return r;
  for (let it = 0; it < maxIt; it++) {
    itemTransition(g, r, next, tmp);
    let diff = 0;
    for (let i = 0; i < g.nItems; i++) {
      const v = (1 - alpha) * next[i] + (i === q ? alpha : 0);
      diff += Math.abs(v - r[i]);
      next[i] = v;
    }
    const t = r;
    r = next;
    next = t;
    if (diff < tol) break;
  }
  return r;
}

/**
 * Items ranked by score (desc), ties by index (asc), leaving out `exclude` and items with
 * score 0 (unreachable from the query).
 */
export function rankByScore(scores: Float64Array, exclude = -1): Uint32Array {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (i !== exclude && scores[i] > 0) idx.push(i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return Uint32Array.from(idx);
}
