/**
 * STAND-IN role embeddings for the feeds until (and beside) the SIMO encoder: a cheap, real
 * co-engagement embedding, not a trained model. Random indexing over shoppers: every shopper s
 * gets a seeded Gaussian vector r_s (D dims); an item's vector is Σ r_s / √n_s over the shoppers
 * who engaged with it (n_s = the shopper's distinct items), so the dot product of two items
 * approximates their (down-weighted) shared shoppers. Roles:
 *   buy-query, target  ← purchases (invoice data: every purchase)
 *   view-query         ← view-like events and purchases (on data without views = buy-query)
 * Only events before `before` are used (P4: t0). Rows are L2-normalised (zero for items with no
 * events). `source` is 'standin-coengagement' so no result is ever mistaken for SIMO's.
 */
import { ACTION_CODE, NO_SHOPPER, type Dataset } from '../data/types';
import { isViewLike } from '../eval/splits/p3-pairs';
import { firstIndexAtOrAfter } from '../eval/splits/time';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { Rng } from '../rng';

export const STANDIN_SOURCE = 'standin-coengagement';

export interface StandInOptions {
  dim?: number;
  before?: number;
  seed?: number;
}

function normaliseRows(m: Float32Array, dim: number): void {
  for (let o = 0; o < m.length; o += dim) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += m[o + d] * m[o + d];
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let d = 0; d < dim; d++) m[o + d] *= inv;
    }
  }
}

export function standInRoleEmbeddings(ds: Dataset, opts: StandInOptions = {}): ItemRoleEmbeddings {
  const dim = opts.dim ?? 256;
  const n = ds.items.length;
  const ev = ds.events;
  const end = opts.before === undefined ? ev.length : firstIndexAtOrAfter(ev.timestamp, opts.before);
  const nS = ds.shoppers.length;
  // distinct (shopper, item) engagement counts per shopper for the 1/√n_s weight
  const seen = new Map<number, Set<number>>();
  for (let e = 0; e < end; e++) {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || s >= nS || ev.item[e] >= n) continue;
    const a = ev.action[e];
    if (a !== ACTION_CODE.purchase && !isViewLike(a)) continue;
    let set = seen.get(s);
    if (!set) seen.set(s, (set = new Set()));
    set.add(ev.item[e]);
  }
  const rng = new Rng(opts.seed ?? 7);
  const vec = new Map<number, Float32Array>();
  const vecOf = (s: number): Float32Array => {
    let v = vec.get(s);
    if (!v) {
      const r = rng.fork(s);
      v = new Float32Array(dim);
      const w = 1 / Math.sqrt(seen.get(s)?.size ?? 1);
      for (let d = 0; d < dim; d++) v[d] = r.normal() * w;
      vec.set(s, v);
    }
    return v;
  };
  const buy = new Float32Array(n * dim);
  const view = new Float32Array(n * dim);
  const done = new Set<number>();
  for (let e = 0; e < end; e++) {
    const s = ev.shopper[e];
    const i = ev.item[e];
    if (s === NO_SHOPPER || s >= nS || i >= n) continue;
    const a = ev.action[e];
    const isBuy = a === ACTION_CODE.purchase;
    if (!isBuy && !isViewLike(a)) continue;
    // each (shopper, item, kind) once
    const key = (s * n + i) * 2 + (isBuy ? 1 : 0);
    if (done.has(key)) continue;
    done.add(key);
    const v = vecOf(s);
    const o = i * dim;
    if (isBuy) for (let d = 0; d < dim; d++) buy[o + d] += v[d];
    for (let d = 0; d < dim; d++) view[o + d] += v[d];
  }
  normaliseRows(buy, dim);
  normaliseRows(view, dim);
  return { dim, items: n, viewQuery: view, buyQuery: buy, target: buy.slice(), source: STANDIN_SOURCE };
}
