/**
 * Oracle P2 scorers for a world with planted truth (the synthetic generator): they read the
 * shopper's interest clusters and the items' planted popularity instead of learning anything,
 * so they bound what an objective can win on that world (docs/pinnerformer.md, "Oracle study").
 * Every oracle scores item i as Σ_c w_c · P(i | c) over a list of (cluster c, weight w_c), with
 * P(i | c) = itemPopularity[i] / Σ of itemPopularity over c's items — the within-cluster draw of
 * the generator (Zipf × promo boost). The lists:
 * - `mixture`: the shopper's interests at the query time t0, weighted by interest weight;
 * - `top-interest`: the strongest interest alone;
 * - `last-session`: the cluster most of the shopper's last session before t0 belongs to (read
 *   from the events and truth's itemCluster), weight 1;
 * - `next-event`: the generator's own law of the next item in a session whose focus is the last
 *   session's cluster — coherence · [last session's cluster] + (1 − coherence) · interestFocus ·
 *   the interest mixture (exploration by global popularity left out): what a next-action model
 *   learns at its best when its training targets are mostly the rest of the same session;
 * - `history-mixture`: no truth about the shopper — the share of its last-M history events per
 *   cluster (what a model could infer from the events, given the clusters).
 * Items outside the listed clusters get a tie-break of 1e-9 · P(i | its cluster) (far below any
 * listed item's score), so a short list still fills the top 10 deterministically.
 */
import { interestsAt, MAX_INTERESTS, type SyntheticTruth } from '../data/synthetic/truth';
import { ACTION_CODE, NO_BASKET, type Dataset } from '../data/types';
import type { P2Scorer } from './p2-metrics';
import type { P2Split } from './splits/p2-shopper-to-item';

/** The part of the planted truth the oracles read. */
export interface OracleTruth {
  /** Item → cluster. */
  readonly itemCluster: Uint32Array;
  /** Planted relative popularity of each item (any positive scale). */
  readonly itemPopularity: Float32Array;
  /** Shopper s's interest clusters at time t with their weights, strongest first. */
  interests(s: number, t: number): WeightedCluster[];
  /** The session law (for `next-event`): P(an item from the session's focus), P(an interest draw otherwise). */
  readonly session: { coherence: number; interestFocus: number };
}

export interface WeightedCluster {
  cluster: number;
  weight: number;
}

/** The oracles' view of a synthetic world's truth (interest weights by slot, strongest first). */
export function syntheticOracleTruth(truth: SyntheticTruth): OracleTruth {
  return {
    itemCluster: truth.itemCluster,
    itemPopularity: truth.itemPopularity,
    interests: (s, t) => interestsAt(truth, s, t).map((cluster, j) => ({ cluster, weight: truth.shoppers.interestWeights[s * MAX_INTERESTS + j] })),
    session: { coherence: truth.config.session.coherence, interestFocus: truth.config.shopper.interestFocus },
  };
}

export const P2_ORACLES = ['mixture', 'top-interest', 'last-session', 'next-event', 'history-mixture'] as const;
export type P2Oracle = (typeof P2_ORACLES)[number];

/** P(i | cluster of i): planted popularity normalised within each cluster. */
export function withinClusterProbability(t: Pick<OracleTruth, 'itemCluster' | 'itemPopularity'>): Float32Array {
  const n = t.itemCluster.length;
  let nc = 0;
  for (let i = 0; i < n; i++) nc = Math.max(nc, t.itemCluster[i] + 1);
  const total = new Float64Array(nc);
  for (let i = 0; i < n; i++) total[t.itemCluster[i]] += t.itemPopularity[i];
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const z = total[t.itemCluster[i]];
    p[i] = z > 0 ? t.itemPopularity[i] / z : 0;
  }
  return p;
}

/** Items of each cluster (CSR): cluster c's items are items[offsets[c] .. offsets[c+1]). */
export function clusterItems(itemCluster: Uint32Array): { offsets: Uint32Array; items: Uint32Array } {
  let nc = 0;
  for (const c of itemCluster) nc = Math.max(nc, c + 1);
  const offsets = new Uint32Array(nc + 1);
  for (const c of itemCluster) offsets[c + 1]++;
  for (let c = 0; c < nc; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, nc);
  const items = new Uint32Array(itemCluster.length);
  for (let i = 0; i < itemCluster.length; i++) items[fill[itemCluster[i]]++] = i;
  return { offsets, items };
}

/**
 * The cluster of eval row r's last session before t0: the basket (= session) of its last
 * history event that is not a cancel (a cancel comes hours after its own session), and the
 * cluster holding most of that session's distinct items among the history events; ties go to
 * the cluster that appeared first in the session. -1 when the row has no such event. A history
 * event without a basket counts as a session of its own item.
 */
export function lastSessionCluster(ds: Dataset, split: P2Split, r: number, itemCluster: Uint32Array): number {
  const ev = ds.events;
  const h = split.history.values.subarray(split.history.offsets[r], split.history.offsets[r + 1]);
  let last = -1;
  for (let k = h.length - 1; k >= 0; k--) {
    if (ev.action[h[k]] !== ACTION_CODE.cancel && ev.item[h[k]] < itemCluster.length) {
      last = k;
      break;
    }
  }
  if (last < 0) return -1;
  const b = ev.basket[h[last]];
  if (b === NO_BASKET) return itemCluster[ev.item[h[last]]];
  const seen = new Set<number>();
  const count = new Map<number, number>();
  const first: number[] = [];
  for (let k = 0; k <= last; k++) {
    const e = h[k];
    const it = ev.item[e];
    if (ev.basket[e] !== b || ev.action[e] === ACTION_CODE.cancel || it >= itemCluster.length || seen.has(it)) continue;
    seen.add(it);
    const c = itemCluster[it];
    if (!count.has(c)) first.push(c);
    count.set(c, (count.get(c) ?? 0) + 1);
  }
  let best = first[0];
  for (const c of first) if ((count.get(c) ?? 0) > (count.get(best) ?? 0)) best = c;
  return best;
}

/** Eval row r's history (last M events, cancels left out) as cluster shares, largest first. */
export function historyClusterShares(ds: Dataset, split: P2Split, r: number, itemCluster: Uint32Array): WeightedCluster[] {
  const ev = ds.events;
  const h = split.history.values.subarray(split.history.offsets[r], split.history.offsets[r + 1]);
  const count = new Map<number, number>();
  let n = 0;
  for (const e of h) {
    if (ev.action[e] === ACTION_CODE.cancel || ev.item[e] >= itemCluster.length) continue;
    const c = itemCluster[ev.item[e]];
    count.set(c, (count.get(c) ?? 0) + 1);
    n++;
  }
  return [...count].map(([cluster, k]) => ({ cluster, weight: k / n })).sort((a, b) => b.weight - a.weight || a.cluster - b.cluster);
}

/** The (cluster, weight) list oracle `kind` uses for eval row r. */
export function oracleClusters(kind: P2Oracle, truth: OracleTruth, ds: Dataset, split: P2Split, r: number): WeightedCluster[] {
  const s = split.shoppers[r];
  switch (kind) {
    case 'mixture':
      return truth.interests(s, split.t0);
    case 'top-interest':
      return truth.interests(s, split.t0).slice(0, 1);
    case 'last-session': {
      const c = lastSessionCluster(ds, split, r, truth.itemCluster);
      return c < 0 ? [] : [{ cluster: c, weight: 1 }];
    }
    case 'next-event': {
      const { coherence, interestFocus } = truth.session;
      const c = lastSessionCluster(ds, split, r, truth.itemCluster);
      const rest = truth.interests(s, split.t0).map((w) => ({ cluster: w.cluster, weight: (1 - coherence) * interestFocus * w.weight }));
      return c < 0 ? rest : [{ cluster: c, weight: coherence }, ...rest];
    }
    case 'history-mixture':
      return historyClusterShares(ds, split, r, truth.itemCluster);
  }
}

/** Scorer of oracle `kind`: Σ_c w_c · P(i | c) over its cluster list, plus the tie-break. */
export function oracleP2Scorer(kind: P2Oracle, truth: OracleTruth, ds: Dataset): P2Scorer {
  const p = withinClusterProbability(truth);
  const byCluster = clusterItems(truth.itemCluster);
  const n = p.length;
  const base = new Float32Array(n);
  for (let i = 0; i < n; i++) base[i] = 1e-9 * p[i];
  return (rows, split) => {
    const out = new Float32Array(rows.length * n);
    for (let k = 0; k < rows.length; k++) {
      const off = k * n;
      out.set(base, off);
      for (const { cluster, weight } of oracleClusters(kind, truth, ds, split, rows[k])) {
        for (let j = byCluster.offsets[cluster]; j < byCluster.offsets[cluster + 1]; j++) {
          const i = byCluster.items[j];
          out[off + i] += weight * p[i];
        }
      }
    }
    return out;
  };
}
