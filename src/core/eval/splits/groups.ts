/** Event indices grouped by shopper or by basket (counting sort, time order kept within a group). */
import { NO_BASKET, NO_SHOPPER, type EventTable } from '../../data/types';

/** Compressed rows: group g holds event indices `events[offsets[g] .. offsets[g+1])`, ascending. */
export interface EventGroups {
  readonly offsets: Uint32Array;
  readonly events: Uint32Array;
}

function group(column: Uint32Array, none: number, nGroups: number, start: number, end: number, keep?: (e: number) => boolean): EventGroups {
  const offsets = new Uint32Array(nGroups + 1);
  for (let e = start; e < end; e++) {
    const g = column[e];
    if (g !== none && g < nGroups && (!keep || keep(e))) offsets[g + 1]++;
  }
  for (let g = 0; g < nGroups; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, nGroups);
  const events = new Uint32Array(offsets[nGroups]);
  for (let e = start; e < end; e++) {
    const g = column[e];
    if (g !== none && g < nGroups && (!keep || keep(e))) events[fill[g]++] = e;
  }
  return { offsets, events };
}

/** Events in [start, end) by shopper (anonymous NO_SHOPPER events are left out). */
export function eventsByShopper(
  ev: EventTable,
  nShoppers: number,
  start = 0,
  end = ev.length,
  keep?: (e: number) => boolean,
): EventGroups {
  return group(ev.shopper, NO_SHOPPER, nShoppers, start, end, keep);
}

/** Events in [start, end) by basket (events with NO_BASKET are left out). */
export function eventsByBasket(
  ev: EventTable,
  nBaskets: number,
  start = 0,
  end = ev.length,
  keep?: (e: number) => boolean,
): EventGroups {
  return group(ev.basket, NO_BASKET, nBaskets, start, end, keep);
}

/** Number of groups a column needs: max(declared, largest used index + 1). */
export function groupCount(column: Uint32Array, none: number, declared: number): number {
  let n = declared;
  for (let e = 0; e < column.length; e++) {
    const g = column[e];
    if (g !== none && g >= n) n = g + 1;
  }
  return n;
}
