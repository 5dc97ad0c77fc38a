/**
 * PinSage training pairs drawn afresh every epoch (basket data). The P1 rule keeps at most 20
 * pairs per basket (co-engagement.ts): right for a test set, but on wholesale baskets (Online
 * Retail: 6.7M distinct co-purchase pairs in the train period) one fixed draw keeps ~3 % of them,
 * and deduplication throws away how often a pair co-occurs — the signal item–item KNN lives on.
 * Here every epoch redraws the cap of every basket (seeded by (seed, epoch, basket)) and keeps
 * duplicates across baskets, so a pair is trained in proportion to its co-occurrence and the
 * epochs together cover many more of the train period's pairs. Pairs in `exclude` (the held-out
 * validation pairs) are never drawn.
 */
import { isPositiveEvent, NO_BASKET, type Dataset } from '../data/types';
import { eventsByBasket, groupCount } from '../eval/splits/groups';
import type { ItemPairs, PairCollector } from '../eval/splits/pairs';
import { Rng } from '../rng';

export interface EpochPairs {
  /** Pairs per epoch before exclusion (the same every epoch: Σ over baskets of min(cap, n(n − 1))). */
  readonly perEpoch: number;
  /** The pairs of (1-based) epoch `epoch`, basket order (the batch plan shuffles them). */
  draw(epoch: number): ItemPairs;
}

/** Distinct positive items of every train-period basket with ≥ 2 of them (CSR). */
function basketItems(ds: Dataset, trainEnd: number): { offsets: Uint32Array; items: Uint32Array } {
  const ev = ds.events;
  const nItems = ds.items.length;
  const keep = (e: number): boolean => ev.item[e] < nItems && isPositiveEvent(ev.action[e], ev.value[e]);
  const g = eventsByBasket(ev, groupCount(ev.basket, NO_BASKET, ds.baskets.length), 0, trainEnd, keep);
  const stamp = new Int32Array(nItems).fill(-1);
  const offsets: number[] = [0];
  const items: number[] = [];
  for (let b = 0; b + 1 < g.offsets.length; b++) {
    const at = items.length;
    for (let k = g.offsets[b]; k < g.offsets[b + 1]; k++) {
      const it = ev.item[g.events[k]];
      if (stamp[it] !== b) {
        stamp[it] = b;
        items.push(it);
      }
    }
    if (items.length - at < 2) items.length = at;
    else offsets.push(items.length);
  }
  return { offsets: Uint32Array.from(offsets), items: Uint32Array.from(items) };
}

export function basketEpochPairs(ds: Dataset, trainEnd: number, cap: number, seed: number, exclude?: PairCollector): EpochPairs {
  const { offsets, items } = basketItems(ds, trainEnd);
  const nb = offsets.length - 1;
  let perEpoch = 0;
  for (let b = 0; b < nb; b++) {
    const n = offsets[b + 1] - offsets[b];
    perEpoch += Math.min(cap, n * (n - 1));
  }
  const root = new Rng(seed).fork('pinsage-epoch-pairs');
  return {
    perEpoch,
    draw(epoch: number): ItemPairs {
      const q = new Uint32Array(perEpoch);
      const i = new Uint32Array(perEpoch);
      let m = 0;
      const er = root.fork(epoch);
      const put = (a: number, c: number): void => {
        if (exclude?.has(a, c)) return;
        q[m] = a;
        i[m++] = c;
      };
      for (let b = 0; b < nb; b++) {
        const o = offsets[b];
        const n = offsets[b + 1] - o;
        const total = n * (n - 1);
        if (total <= cap) {
          for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) if (x !== y) put(items[o + x], items[o + y]);
          continue;
        }
        // pair j ↦ (x = ⌊j / (n−1)⌋, the (j mod (n−1))-th other item)
        const pick = er.fork(b).sampleDistinct(total, cap);
        for (let k = 0; k < pick.length; k++) {
          const x = Math.floor(pick[k] / (n - 1));
          const r = pick[k] % (n - 1);
          put(items[o + x], items[o + (r < x ? r : r + 1)]);
        }
      }
      return { q: q.subarray(0, m), i: i.subarray(0, m) };
    },
  };
}
