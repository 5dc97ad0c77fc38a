/**
 * P1 — item-to-item split (PROTOCOLS.md): time split at t_test = T_end − 10% of the time span,
 * test pairs by the co-engagement rule (see co-engagement.ts) over the test events, q must
 * have at least one train event (of any kind, anonymous or not, cancels included: the item is
 * then known to the training data), both items in the catalogue, deduplicated.
 */
import type { Dataset } from '../../data/types';
import { coEngagementPairs, detectBasketData, P1_BASKET_CAP, P1_WINDOW_MS, type CoEngagementMode } from './co-engagement';
import type { ItemPairs } from './pairs';
import { firstIndexAtOrAfter, timeBounds } from './time';

export interface P1Options {
  /** Seed of the basket cap draw. Default 0. */
  seed?: number;
  /** Share of the time span that is test. Default 0.1. */
  testFraction?: number;
  /** 'auto' (default): 'basket' when `detectBasketData`, else 'sequence'. */
  mode?: 'auto' | CoEngagementMode;
  /** Sequence mode window. Default 24 h. */
  windowMs?: number;
  /** Basket mode cap. Default 20. */
  basketCap?: number;
}

export interface P1Split {
  /** First / last timestamp (T_end) of the dataset, ms. */
  readonly tStart: number;
  readonly tEnd: number;
  /** t_test = T_end − testFraction · (T_end − tStart). Train: t < t_test; test: t ≥ t_test. */
  readonly tTest: number;
  /** Events [0, trainEnd) are train, [trainEnd, length) test (events are time-sorted). */
  readonly trainEnd: number;
  readonly mode: CoEngagementMode;
  readonly seed: number;
  readonly windowMs: number;
  readonly basketCap: number;
  /** 1 for items with at least one train event. */
  readonly itemHasTrainEvent: Uint8Array;
  /** Deduplicated test pairs, sorted by (q, i). */
  readonly testPairs: ItemPairs;
}

export function p1Split(ds: Dataset, opts: P1Options = {}): P1Split {
  const ev = ds.events;
  const { start, end } = timeBounds(ev.timestamp);
  const fraction = opts.testFraction ?? 0.1;
  const tTest = ev.length === 0 ? NaN : end - fraction * (end - start);
  const trainEnd = ev.length === 0 ? 0 : firstIndexAtOrAfter(ev.timestamp, tTest);
  const mode: CoEngagementMode = !opts.mode || opts.mode === 'auto' ? (detectBasketData(ds) ? 'basket' : 'sequence') : opts.mode;
  const nItems = ds.items.length;
  const itemHasTrainEvent = new Uint8Array(nItems);
  for (let e = 0; e < trainEnd; e++) if (ev.item[e] < nItems) itemHasTrainEvent[ev.item[e]] = 1;
  const seed = opts.seed ?? 0;
  const windowMs = opts.windowMs ?? P1_WINDOW_MS;
  const basketCap = opts.basketCap ?? P1_BASKET_CAP;
  const testPairs = coEngagementPairs(ds, trainEnd, ev.length, { mode, windowMs, basketCap, seed, queryAllowed: itemHasTrainEvent });
  return { tStart: start, tEnd: end, tTest, trainEnd, mode, seed, windowMs, basketCap, itemHasTrainEvent, testPairs };
}

/** PinSage training pairs: the same co-engagement rule over the train events [0, trainEnd). */
export function p1TrainPairs(ds: Dataset, split: P1Split): ItemPairs {
  return coEngagementPairs(ds, 0, split.trainEnd, {
    mode: split.mode,
    windowMs: split.windowMs,
    basketCap: split.basketCap,
    seed: split.seed,
  });
}
