/**
 * The popularity prior of the feed composer (`popularityWeight`): how often each item was
 * purchased in the `days` before a time — the same count the P4 popular control ranks by.
 */
import { ACTION_CODE, type Dataset } from '../data/types';
import { firstIndexAtOrAfter } from '../eval/splits/time';

const DAY_MS = 86_400_000;

/** Purchase events per item in [before − days, before) (item table order). */
export function recentPurchaseCounts(ds: Pick<Dataset, 'items' | 'events'>, before: number, days = 14): Float64Array {
  const ev = ds.events;
  const n = ds.items.length;
  const counts = new Float64Array(n);
  const a = firstIndexAtOrAfter(ev.timestamp, before - days * DAY_MS);
  const b = firstIndexAtOrAfter(ev.timestamp, before);
  for (let e = a; e < b; e++) if (ev.action[e] === ACTION_CODE.purchase && ev.item[e] < n) counts[ev.item[e]]++;
  return counts;
}
