/**
 * Everything a PinnerFormer run needs from a dataset, computed once: the P2 split (only events
 * before t0 are used; disjoint held-out shoppers are removed), each training shopper's events in
 * time order, for every action the range of later actions that may be its target (strictly later
 * in time; within K days for the all-action objectives), item positive frequencies (logQ), and a
 * validation set: a seeded sample of shoppers whose last K days before t0 are kept out of
 * training and serve as targets for validation Recall@10.
 */
import { isPositiveEvent, type Dataset } from '../../data/types';
import { p2Split, type P2Split, type P2Variant } from '../../eval/splits/p2-shopper-to-item';
import { DAY_MS } from '../../eval/splits/time';
import type { PinnerFormerConfig } from '../../models/pinnerformer/config';
import { groupShopperEvents, type ShopperEvents } from '../../models/pinnerformer/features';
import { Rng } from '../../rng';

export interface ValidationSet {
  /** Validation cut-off: t0 − K days. History before it, targets in (tVal, t0). */
  tVal: number;
  shoppers: Uint32Array;
  /** Distinct positive target items per validation shopper (rows like P2Split.targets). */
  targetOffsets: Uint32Array;
  targets: Uint32Array;
}

export interface PinnerFormerData {
  ds: Dataset;
  split: P2Split;
  nItems: number;
  /** Training events by shopper (t < t0; validation shoppers cut at tVal; held-out shoppers dropped). */
  seq: ShopperEvents;
  /** Per list index k: first later list index with a strictly later time. */
  after: Uint32Array;
  /**
   * Per list index k: where the all-action objectives' targets start — `after[k]` for windowStart
   * 'next-action', else the first list index of the shopper's next session (the first action after
   * an inactivity gap > sessionGapMinutes following k).
   */
  windowFrom: Uint32Array;
  /** Per list index k: first list index with time > t_k + K days. */
  horizon: Uint32Array;
  /** Prefix counts of positive events over `seq.events` (length + 1). */
  posCum: Uint32Array;
  /** List indices of the positive events, in list order. */
  posAt: Uint32Array;
  /** Positive training events per item. */
  itemFreq: Float64Array;
  totalPositives: number;
  validation: ValidationSet;
}

export interface PrepareOptions {
  /** P2 split to train for (default: p2Split(ds, { variant, historyLength: cfg.historyLength })). */
  split?: P2Split;
  variant?: P2Variant;
}

export function preparePinnerFormerData(ds: Dataset, cfg: PinnerFormerConfig, opts: PrepareOptions = {}): PinnerFormerData {
  const split = opts.split ?? p2Split(ds, { variant: opts.variant ?? 'temporal', historyLength: cfg.historyLength, windowDays: cfg.windowDays });
  const ev = ds.events;
  const nItems = ds.items.length;
  const K = cfg.windowDays * DAY_MS;
  const tVal = split.t0 - K;
  const heldOut = split.heldOut;
  // validation shoppers: have events before tVal and a positive in [tVal, t0)
  const nS = ds.shoppers.length;
  const before = new Uint8Array(nS);
  const later = new Uint8Array(nS);
  for (let e = 0; e < split.trainEnd; e++) {
    const s = ev.shopper[e];
    if (s >= nS || (heldOut && heldOut[s])) continue;
    if (ev.timestamp[e] < tVal) before[s] = 1;
    else if (isPositiveEvent(ev.action[e], ev.value[e]) && ev.timestamp[e] > tVal) later[s] = 1;
  }
  const candidates: number[] = [];
  for (let s = 0; s < nS; s++) if (before[s] && later[s]) candidates.push(s);
  const rng = new Rng(cfg.seed).fork('pinnerformer-validation');
  rng.shuffle(candidates);
  const valShoppers = Uint32Array.from(candidates.slice(0, Math.min(cfg.validationShoppers, Math.floor(candidates.length / 5)))).sort();
  const isVal = new Uint8Array(nS);
  for (const s of valShoppers) isVal[s] = 1;

  const seq = groupShopperEvents(ds, split.trainEnd, {
    keep: heldOut ? (s) => !heldOut[s] : undefined,
    cutoff: (s) => (isVal[s] ? tVal : Infinity),
  });
  const n = seq.events.length;
  const after = new Uint32Array(n);
  const horizon = new Uint32Array(n);
  const gapMs = cfg.sessionGapMinutes * 60_000;
  const nextSession = cfg.windowStart === 'next-session';
  // 'next-action' windows start where `after` says: the same array, no copy
  const windowFrom = nextSession ? new Uint32Array(n) : after;
  const posCum = new Uint32Array(n + 1);
  const itemFreq = new Float64Array(nItems);
  for (let k = 0; k < n; k++) {
    const e = seq.events[k];
    const p = isPositiveEvent(ev.action[e], ev.value[e]) && ev.item[e] < nItems;
    posCum[k + 1] = posCum[k] + (p ? 1 : 0);
    if (p) itemFreq[ev.item[e]]++;
  }
  const posAt = new Uint32Array(posCum[n]);
  for (let k = 0, r = 0; k < n; k++) if (posCum[k + 1] > posCum[k]) posAt[r++] = k;
  for (let s = 0; s < nS; s++) {
    const a = seq.offsets[s];
    const b = seq.offsets[s + 1];
    let j = a;
    let h = a;
    for (let k = a; k < b; k++) {
      const t = ev.timestamp[seq.events[k]];
      if (j <= k) j = k + 1;
      while (j < b && ev.timestamp[seq.events[j]] <= t) j++;
      after[k] = j;
      if (h < j) h = j;
      while (h < b && ev.timestamp[seq.events[h]] <= t + K) h++;
      horizon[k] = h;
    }
    if (!nextSession) continue;
    // windowFrom: the first index after k that starts a session (a gap > gapMs before it), scanning backwards
    let next = b;
    for (let k = b - 1; k >= a; k--) {
      windowFrom[k] = Math.min(next, horizon[k]);
      if (k > a && ev.timestamp[seq.events[k]] - ev.timestamp[seq.events[k - 1]] > gapMs) next = k;
    }
  }
  // validation targets: distinct positives in (tVal, t0)
  const tOff = [0];
  const tVals: number[] = [];
  const stamp = new Int32Array(nItems).fill(-1);
  const valRow = new Int32Array(nS).fill(-1);
  valShoppers.forEach((s, r) => (valRow[s] = r));
  const perRow: number[][] = valShoppers.length ? Array.from({ length: valShoppers.length }, () => []) : [];
  for (let e = 0; e < split.trainEnd; e++) {
    const s = ev.shopper[e];
    if (s >= nS || valRow[s] < 0 || ev.timestamp[e] <= tVal) continue;
    if (!isPositiveEvent(ev.action[e], ev.value[e]) || ev.item[e] >= nItems) continue;
    const r = valRow[s];
    if (stamp[ev.item[e]] === r) continue;
    stamp[ev.item[e]] = r;
    perRow[r].push(ev.item[e]);
  }
  for (const row of perRow) {
    tVals.push(...row);
    tOff.push(tVals.length);
  }
  return {
    ds,
    split,
    nItems,
    seq,
    after,
    windowFrom,
    horizon,
    posCum,
    posAt,
    itemFreq,
    totalPositives: posCum[n],
    validation: { tVal, shoppers: valShoppers, targetOffsets: Uint32Array.from(tOff), targets: Uint32Array.from(tVals) },
  };
}
