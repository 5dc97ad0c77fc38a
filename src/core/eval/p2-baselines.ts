/**
 * Non-learned P2 baselines on the same split (PROTOCOLS.md P2):
 * - `popularity`: positive events per item in the 14 days before t0 ([t0 − 14 d, t0)), the same
 *   list for every shopper. In the disjoint variant the held-out shoppers' events are left out
 *   (they are removed from training altogether).
 * - `repeat`: the shopper's own items with a positive event before t0 (whole history, not only
 *   the last M), most engaged first (positive-event count), ties most recent first (last positive
 *   event), then the rest of the catalogue by popularity.
 * - `mean-embedding`: cosine with the mean of the L2-normalised item embeddings of the shopper's
 *   last 10 distinct items (positive events of the last-M history; any event when it has none);
 *   the scorer (tfjs) is in p2-mean-embedding.ts.
 */
import { NO_SHOPPER, isPositiveEvent, type Dataset } from '../data/types';
import { l2NormalizeRows, type P2Scorer } from './p2-metrics';
import { eventsByShopper, groupCount } from './splits/groups';
import type { P2Split } from './splits/p2-shopper-to-item';
import { DAY_MS, firstIndexAtOrAfter } from './splits/time';

/** Positive events per item in [t0 − days, t0), held-out shoppers left out. */
export function p2PopularityCounts(ds: Dataset, split: P2Split, days = 14): Float32Array {
  const ev = ds.events;
  const c = new Float32Array(ds.items.length);
  const start = firstIndexAtOrAfter(ev.timestamp, split.t0 - days * DAY_MS);
  for (let e = start; e < split.trainEnd; e++) {
    const s = ev.shopper[e];
    if (split.heldOut && s !== NO_SHOPPER && split.heldOut[s]) continue;
    if (isPositiveEvent(ev.action[e], ev.value[e]) && ev.item[e] < c.length) c[ev.item[e]]++;
  }
  return c;
}

export function popularityP2Scorer(counts: Float32Array): P2Scorer {
  const n = counts.length;
  return (rows) => {
    const out = new Float32Array(rows.length * n);
    for (let k = 0; k < rows.length; k++) out.set(counts, k * n);
    return out;
  };
}

/** Per eval row: the shopper's positively engaged items before t0, in repeat order (best first). */
export interface RepeatLists {
  offsets: Uint32Array;
  items: Uint32Array;
  /** Positive events before t0 for each listed item. */
  counts: Uint32Array;
  /** Time of the last positive event for each listed item. */
  last: Float64Array;
}

export function repeatLists(ds: Dataset, split: P2Split): RepeatLists {
  const ev = ds.events;
  const nShoppers = groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length);
  const groups = eventsByShopper(ev, nShoppers, 0, split.trainEnd, (e) => isPositiveEvent(ev.action[e], ev.value[e]));
  const offsets = new Uint32Array(split.shoppers.length + 1);
  const items: number[] = [];
  const counts: number[] = [];
  const last: number[] = [];
  const slot = new Map<number, number>();
  for (let r = 0; r < split.shoppers.length; r++) {
    const s = split.shoppers[r];
    slot.clear();
    const its: number[] = [];
    const cs: number[] = [];
    const ls: number[] = [];
    for (let k = groups.offsets[s]; k < groups.offsets[s + 1]; k++) {
      const e = groups.events[k];
      const it = ev.item[e];
      if (it >= ds.items.length) continue;
      let j = slot.get(it);
      if (j === undefined) {
        j = its.length;
        slot.set(it, j);
        its.push(it);
        cs.push(0);
        ls.push(0);
      }
      cs[j]++;
      ls[j] = ev.timestamp[e];
    }
    const order = its.map((_, j) => j).sort((x, y) => cs[y] - cs[x] || ls[y] - ls[x] || its[x] - its[y]);
    for (const j of order) {
      items.push(its[j]);
      counts.push(cs[j]);
      last.push(ls[j]);
    }
    offsets[r + 1] = items.length;
  }
  return { offsets, items: Uint32Array.from(items), counts: Uint32Array.from(counts), last: Float64Array.from(last) };
}

/**
 * Repeat scorer: the shopper's list gets scores 2 + (L − position) (above everything else), the
 * rest the popularity count scaled into [0, 1).
 */
export function repeatP2Scorer(lists: RepeatLists, popularity: Float32Array): P2Scorer {
  const n = popularity.length;
  let max = 0;
  for (let j = 0; j < n; j++) if (popularity[j] > max) max = popularity[j];
  const base = new Float32Array(n);
  for (let j = 0; j < n; j++) base[j] = popularity[j] / (max + 1);
  return (rows) => {
    const out = new Float32Array(rows.length * n);
    for (let k = 0; k < rows.length; k++) {
      const off = k * n;
      out.set(base, off);
      const r = rows[k];
      const a = lists.offsets[r];
      const L = lists.offsets[r + 1] - a;
      for (let p = 0; p < L; p++) out[off + lists.items[a + p]] = 2 + (L - p);
    }
    return out;
  };
}

/** The items mean-embedding averages for eval row r: last `count` distinct items of the history. */
export function lastDistinctItems(ds: Dataset, split: P2Split, r: number, count = 10): number[] {
  const ev = ds.events;
  const h = split.history.values.subarray(split.history.offsets[r], split.history.offsets[r + 1]);
  const pick = (positiveOnly: boolean): number[] => {
    const out: number[] = [];
    for (let k = h.length - 1; k >= 0 && out.length < count; k--) {
      const e = h[k];
      if (positiveOnly && !isPositiveEvent(ev.action[e], ev.value[e])) continue;
      const it = ev.item[e];
      if (it < ds.items.length && !out.includes(it)) out.push(it);
    }
    return out;
  };
  const pos = pick(true);
  return pos.length > 0 ? pos : pick(false);
}

/** Mean of the normalised item embeddings of each eval row's last 10 distinct items (rows × dim). */
export function meanEmbeddingShoppers(ds: Dataset, split: P2Split, itemEmb: Float32Array, dim: number, count = 10): Float32Array {
  if (itemEmb.length !== ds.items.length * dim) throw new Error(`mean-embedding: item table has ${itemEmb.length / dim} rows of ${dim}, the catalogue ${ds.items.length} items`);
  const norm = l2NormalizeRows(itemEmb, dim);
  const out = new Float32Array(split.shoppers.length * dim);
  for (let r = 0; r < split.shoppers.length; r++) {
    const its = lastDistinctItems(ds, split, r, count);
    for (const it of its) for (let j = 0; j < dim; j++) out[r * dim + j] += norm[it * dim + j];
    if (its.length) for (let j = 0; j < dim; j++) out[r * dim + j] /= its.length;
  }
  return out;
}

/**
 * The dataset cut at t0 (events [0, trainEnd) only; held-out shoppers' events dropped in the
 * disjoint variant): what item models feeding P2 (e.g. PinSage for mean-embedding) may train on.
 * Items, shoppers and baskets keep their indices.
 */
export function p2TrainDataset(ds: Dataset, split: P2Split): Dataset {
  const ev = ds.events;
  let keep: number[] | null = null;
  if (split.heldOut) {
    keep = [];
    for (let e = 0; e < split.trainEnd; e++) {
      const s = ev.shopper[e];
      if (s === NO_SHOPPER || !split.heldOut[s]) keep.push(e);
    }
  }
  const col = <T extends Uint32Array | Uint8Array | Float32Array | Float64Array>(c: T): T => {
    if (!keep) return c.slice(0, split.trainEnd) as T;
    const out = new (c.constructor as new (n: number) => T)(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = c[keep[k]];
    return out;
  };
  return {
    ...ds,
    name: `${ds.name}@t0`,
    events: {
      length: keep ? keep.length : split.trainEnd,
      shopper: col(ev.shopper),
      item: col(ev.item),
      action: col(ev.action),
      timestamp: col(ev.timestamp),
      device: col(ev.device),
      duration: col(ev.duration),
      basket: col(ev.basket),
      value: col(ev.value),
    },
  };
}
