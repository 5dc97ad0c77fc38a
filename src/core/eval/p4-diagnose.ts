/**
 * Helpers of the P4 diagnosis run (p4-diagnose.run.test.ts): a dataset cut at a time (the
 * validation replay: its own P4 cut-off lies 14 days earlier, its window is the 14 days before the
 * real cut-off), and a non-learned query → target lookup table from purchase co-occurrence.
 */
import { ACTION_CODE, NO_BASKET, NO_SHOPPER, type Dataset, type EventTable } from '../data/types';
import type { LookupTable, RoleTable } from '../retrieval/lookup-table';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { firstIndexAtOrAfter } from './splits/time';

/** The dataset with only its events before `t` (events are time-ascending; items, shoppers kept). */
export function datasetBefore(ds: Dataset, t: number): Dataset {
  const end = firstIndexAtOrAfter(ds.events.timestamp, t);
  const ev = ds.events;
  const events: EventTable = {
    ...ev,
    length: end,
    shopper: ev.shopper.subarray(0, end),
    item: ev.item.subarray(0, end),
    action: ev.action.subarray(0, end),
    timestamp: ev.timestamp.subarray(0, end),
    device: ev.device.subarray(0, end),
    duration: ev.duration.subarray(0, end),
    basket: ev.basket.subarray(0, end),
  };
  return { ...ds, events };
}

export interface CooccurrenceOptions {
  k?: number;
  /** score = count(q, t) / (n_q n_t)^normalise: 0 = raw counts, 0.5 = cosine. */
  normalise?: number;
}

/**
 * Buy-query lookup table from purchase co-occurrence before `before`: two items co-occur when
 * bought in the same basket (or, without baskets, by the same shopper on the same day).
 */
export function cooccurrenceLookupTable(ds: Dataset, before: number, targetSet: Uint32Array, opts: CooccurrenceOptions = {}): LookupTable {
  const k = opts.k ?? 10;
  const a = opts.normalise ?? 0;
  const n = ds.items.length;
  const ev = ds.events;
  const end = firstIndexAtOrAfter(ev.timestamp, before);
  const groups = new Map<string, Set<number>>();
  for (let e = 0; e < end; e++) {
    if (ev.action[e] !== ACTION_CODE.purchase || ev.item[e] >= n) continue;
    const key = ev.basket[e] !== NO_BASKET ? `b${ev.basket[e]}` : ev.shopper[e] !== NO_SHOPPER ? `s${ev.shopper[e]}:${Math.floor(ev.timestamp[e] / 86_400_000)}` : null;
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Set()));
    g.add(ev.item[e]);
  }
  const m = new Float32Array(n * n);
  const deg = new Float64Array(n);
  for (const g of groups.values()) {
    const xs = [...g];
    for (const x of xs) deg[x]++;
    for (let i = 0; i < xs.length; i++) for (let j = 0; j < xs.length; j++) if (i !== j) m[xs[i] * n + xs[j]]++;
  }
  const inSet = new Uint8Array(n);
  for (const t of targetSet) inSet[t] = 1;
  const queries: number[] = [];
  for (let i = 0; i < n; i++) if (deg[i] > 0) queries.push(i);
  const rowOf = new Int32Array(n).fill(-1);
  const targets = new Int32Array(queries.length * k).fill(-1);
  const scores = new Float32Array(queries.length * k);
  queries.forEach((q, r) => {
    rowOf[q] = r;
    const cand: [number, number][] = [];
    for (let t = 0; t < n; t++) {
      const c = m[q * n + t];
      if (c > 0 && inSet[t] === 1 && t !== q) cand.push([t, c / Math.pow(deg[q] * deg[t], a)]);
    }
    cand.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (let j = 0; j < Math.min(k, cand.length); j++) {
      targets[r * k + j] = cand[j][0];
      scores[r * k + j] = cand[j][1];
    }
  });
  const buy: RoleTable = { role: 'buy-query', queries: Uint32Array.from(queries), rowOf, targets, scores };
  const view: RoleTable = { role: 'view-query', queries: new Uint32Array(0), rowOf: new Int32Array(n).fill(-1), targets: new Int32Array(0), scores: new Float32Array(0) };
  return { k, nItems: n, targetSet: Uint32Array.from(targetSet), targetSetName: 'all', cutoff: before, source: `cooccurrence^${a}`, roles: { 'view-query': view, 'buy-query': buy } };
}

/** Hubness check: every role matrix minus its mean row, rows L2-normalised again. */
export function centredRoleEmbeddings(e: ItemRoleEmbeddings): ItemRoleEmbeddings {
  const centre = (m: Float32Array): Float32Array => {
    const { dim, items } = e;
    const mean = new Float64Array(dim);
    for (let i = 0; i < items; i++) for (let d = 0; d < dim; d++) mean[d] += m[i * dim + d] / items;
    const out = new Float32Array(m.length);
    for (let i = 0; i < items; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (out[i * dim + d] = m[i * dim + d] - mean[d]) ** 2;
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let d = 0; d < dim; d++) out[i * dim + d] *= inv;
    }
    return out;
  };
  return { ...e, viewQuery: centre(e.viewQuery), buyQuery: centre(e.buyQuery), target: centre(e.target), source: `${e.source}-centred` };
}

/**
 * Length of the mean of the N unit rows of an N × dim role matrix (the mean resultant length):
 * 1 when every item has the same embedding, near 0 when they spread in all directions. Its square
 * is about the mean cosine between two items, so a value near 1 for the query role says every query
 * looks the same and will retrieve the same targets (hubness).
 */
export function meanResultantLength(m: Float32Array, dim: number, items: number): number {
  const mean = new Float64Array(dim);
  for (let i = 0; i < items; i++) for (let d = 0; d < dim; d++) mean[d] += m[i * dim + d] / Math.max(1, items);
  return Math.sqrt(mean.reduce((s, x) => s + x * x, 0));
}
