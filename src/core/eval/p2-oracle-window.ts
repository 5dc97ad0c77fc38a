/**
 * What the P2 future window of a planted world is made of, per eval shopper (see p2-oracle.ts):
 * how many clusters its distinct target items span, and which share of the (shopper, target)
 * pairs lies in the cluster of the shopper's last session before t0, in its other interests at
 * t0, or elsewhere (the generator's exploration). The same shares over the new targets (not seen
 * before t0, what recall@10_new counts), and how many sessions (baskets) the window holds.
 */
import { NO_BASKET, isPositiveEvent, type Dataset } from '../data/types';
import { lastSessionCluster, type OracleTruth } from './p2-oracle';
import type { P2Split } from './splits/p2-shopper-to-item';
import { sortedHas } from './p2-metrics';

export interface PairShares {
  /** (shopper, target) pairs counted. */
  pairs: number;
  /** Share of the pairs in the last session's cluster. */
  lastSession: number;
  /** Share in an interest at t0 other than the last session's cluster. */
  otherInterest: number;
  /** Share in no interest and not the last session's cluster. */
  elsewhere: number;
  /** Share in the strongest interest at t0. */
  topInterest: number;
}

export interface WindowClusterStats {
  shoppers: number;
  /** Share of eval shoppers whose distinct targets come from more than one cluster. */
  multiCluster: number;
  /** Mean number of distinct clusters of a shopper's targets. */
  meanClusters: number;
  /** Share of eval shoppers whose last session's cluster is one of their interests at t0. */
  lastSessionIsInterest: number;
  /** Share of eval shoppers with positive events in at least 2 sessions (baskets) of the window. */
  multiSession: number;
  /** Mean number of sessions with a positive event in the window. */
  meanSessions: number;
  all: PairShares;
  /** Over the targets not seen before t0. */
  new: PairShares;
}

export function windowClusterStats(ds: Dataset, split: P2Split, truth: OracleTruth): WindowClusterStats {
  const ev = ds.events;
  const n = split.shoppers.length;
  const rowOf = new Map<number, number>();
  split.shoppers.forEach((s, r) => rowOf.set(s, r));
  const sessions: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let e = split.windowStart; e < split.windowEnd; e++) {
    const r = rowOf.get(ev.shopper[e]);
    if (r === undefined || !isPositiveEvent(ev.action[e], ev.value[e])) continue;
    // an event without a basket is a session of its own (keyed by its negative index)
    sessions[r].add(ev.basket[e] === NO_BASKET ? -1 - e : ev.basket[e]);
  }
  const acc = { all: [0, 0, 0, 0, 0], new: [0, 0, 0, 0, 0] };
  let multi = 0;
  let clusterSum = 0;
  let lastIsInterest = 0;
  let multiSession = 0;
  let sessionSum = 0;
  for (let r = 0; r < n; r++) {
    const s = split.shoppers[r];
    const interests = truth.interests(s, split.t0).map((w) => w.cluster);
    const last = lastSessionCluster(ds, split, r, truth.itemCluster);
    if (interests.includes(last)) lastIsInterest++;
    const targets = split.targets.values.subarray(split.targets.offsets[r], split.targets.offsets[r + 1]);
    const seen = split.seen.values.subarray(split.seen.offsets[r], split.seen.offsets[r + 1]);
    const clusters = new Set<number>();
    for (const t of targets) {
      const c = truth.itemCluster[t];
      clusters.add(c);
      const where = c === last ? 1 : interests.includes(c) ? 2 : 3;
      const top = interests.length > 0 && c === interests[0] ? 1 : 0;
      for (const a of sortedHas(seen, t) ? [acc.all] : [acc.all, acc.new]) {
        a[0]++;
        a[where]++;
        a[4] += top;
      }
    }
    if (clusters.size > 1) multi++;
    clusterSum += clusters.size;
    if (sessions[r].size >= 2) multiSession++;
    sessionSum += sessions[r].size;
  }
  const shares = (a: number[]): PairShares => {
    const d = Math.max(1, a[0]);
    return { pairs: a[0], lastSession: a[1] / d, otherInterest: a[2] / d, elsewhere: a[3] / d, topInterest: a[4] / d };
  };
  const m = Math.max(1, n);
  return {
    shoppers: n,
    multiCluster: multi / m,
    meanClusters: clusterSum / m,
    lastSessionIsInterest: lastIsInterest / m,
    multiSession: multiSession / m,
    meanSessions: sessionSum / m,
    all: shares(acc.all),
    new: shares(acc.new),
  };
}
