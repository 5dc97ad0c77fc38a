/**
 * One shopper under protocol P2, for the shopper lookup: the recent actions the embedding is
 * computed from (last M events before t0), the window's targets, and a scorer's top-k items with
 * their scores (the full ranking, or the ranking of new items only).
 */
import { ACTION_KINDS, DEVICE_KINDS, isPositiveEvent, type Dataset } from '../data/types';
import { topKRow, type P2Scorer } from './p2-metrics';
import type { P2Split } from './splits/p2-shopper-to-item';

export interface ShopperAction {
  event: number;
  item: number;
  action: string;
  positive: boolean;
  time: number;
  device: string;
  /** Seconds; NaN when unknown. */
  duration: number;
}

export interface ScoredItem {
  item: number;
  score: number;
  /** The item is one of the shopper's window targets. */
  hit: boolean;
  /** The shopper engaged with it before t0. */
  seen: boolean;
}

/** Row of shopper index `s` in the split, or -1 when it is no eval shopper (binary search: shoppers ascend). */
export function p2RowOf(split: P2Split, s: number): number {
  let lo = 0;
  let hi = split.shoppers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (split.shoppers[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo < split.shoppers.length && split.shoppers[lo] === s ? lo : -1;
}

const rowSlice = (rows: { offsets: Uint32Array; values: Uint32Array }, r: number): Uint32Array => rows.values.subarray(rows.offsets[r], rows.offsets[r + 1]);

/** The row's last M actions before t0, most recent first. */
export function recentActions(ds: Dataset, split: P2Split, row: number, limit = Infinity): ShopperAction[] {
  const ev = ds.events;
  const h = rowSlice(split.history, row);
  const out: ShopperAction[] = [];
  for (let k = h.length - 1; k >= 0 && out.length < limit; k--) {
    const e = h[k];
    out.push({
      event: e,
      item: ev.item[e],
      action: ACTION_KINDS[ev.action[e]] ?? 'other',
      positive: isPositiveEvent(ev.action[e], ev.value[e]),
      time: ev.timestamp[e],
      device: DEVICE_KINDS[ev.device[e]] ?? 'unknown',
      duration: ev.duration[e],
    });
  }
  return out;
}

export function targetItems(split: P2Split, row: number): number[] {
  return Array.from(rowSlice(split.targets, row));
}

/** The scorer's top k for one row; `newOnly` removes the items seen before t0 (as recall@10_new). */
export async function topItemsForRow(nItems: number, split: P2Split, row: number, scorer: P2Scorer, k = 10, newOnly = false): Promise<ScoredItem[]> {
  if (row < 0 || row >= split.shoppers.length) throw new Error(`row ${row} is not an eval shopper row (0..${split.shoppers.length - 1})`);
  const scores = await scorer(Uint32Array.of(row), split);
  if (scores.length !== nItems) throw new Error(`P2 scorer returned ${scores.length} scores for ${nItems} items`);
  const seen = rowSlice(split.seen, row);
  const out = new Int32Array(Math.min(k, nItems));
  const m = topKRow(scores, 0, nItems, out.length, out, newOnly ? seen : undefined);
  const targets = new Set(rowSlice(split.targets, row));
  const seenSet = new Set(seen);
  return Array.from(out.subarray(0, m), (item) => ({ item, score: scores[item], hit: targets.has(item), seen: seenSet.has(item) }));
}
