/**
 * Two P4 arms on the same split (e.g. a feed config and the popular control under the same rule):
 * the recall@feed (or recall@feed_new) difference A − B with the shopper as the unit — a shopper's
 * pairs share one feed, so they are not independent draws. `se` is the paired standard error of the
 * difference of hit totals (Σ_r d_r, d_r = hits_A − hits_B of shopper r) over the fixed pair count;
 * `ci95` a seeded shopper bootstrap (resampled shoppers, ratio of resampled hits to resampled pairs).
 */
import { Rng } from '../rng';
import type { P4Split } from './p4';

export interface P4PairedDifference {
  /** recall(A) − recall(B). */
  diff: number;
  se: number;
  /** 2.5 % and 97.5 % bootstrap quantiles of the difference. */
  ci95: [number, number];
  hitsA: number;
  hitsB: number;
  /** Shoppers with more hits under A / under B. */
  shoppersA: number;
  shoppersB: number;
}

export interface P4PairedOptions {
  /** Count only the new pairs (recall@feed_new). */
  newOnly?: boolean;
  /** Bootstrap resamples (default 2000; 0 = none, ci95 = [diff, diff]). */
  resamples?: number;
  seed?: number;
}

export function p4PairedDifference(split: P4Split, listA: (row: number) => ArrayLike<number>, listB: (row: number) => ArrayLike<number>, opts: P4PairedOptions = {}): P4PairedDifference {
  const n = split.shoppers.length;
  const d = new Float64Array(n);
  const p = new Float64Array(n);
  let hitsA = 0;
  let hitsB = 0;
  let shoppersA = 0;
  let shoppersB = 0;
  for (let r = 0; r < n; r++) {
    const a = new Set(Array.from(listA(r)));
    const b = new Set(Array.from(listB(r)));
    let ha = 0;
    let hb = 0;
    for (let j = split.targets.offsets[r]; j < split.targets.offsets[r + 1]; j++) {
      if (opts.newOnly && !split.isNew[j]) continue;
      p[r]++;
      if (a.has(split.targets.values[j])) ha++;
      if (b.has(split.targets.values[j])) hb++;
    }
    d[r] = ha - hb;
    hitsA += ha;
    hitsB += hb;
    if (ha > hb) shoppersA++;
    if (hb > ha) shoppersB++;
  }
  const pairs = opts.newOnly ? split.pairsNew : split.pairs;
  const diff = pairs ? (hitsA - hitsB) / pairs : 0;
  let mean = 0;
  for (const x of d) mean += x / Math.max(1, n);
  let ss = 0;
  for (const x of d) ss += (x - mean) ** 2;
  const se = pairs && n > 1 ? Math.sqrt((n / (n - 1)) * ss) / pairs : 0;
  const resamples = opts.resamples ?? 2000;
  let ci95: [number, number] = [diff, diff];
  if (resamples > 0 && n > 0) {
    const rng = new Rng(opts.seed ?? 42);
    const boots = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) {
      let dd = 0;
      let pp = 0;
      for (let k = 0; k < n; k++) {
        const r = rng.nextInt(n);
        dd += d[r];
        pp += p[r];
      }
      boots[b] = pp ? dd / pp : 0;
    }
    boots.sort();
    ci95 = [boots[Math.floor(0.025 * (resamples - 1))], boots[Math.ceil(0.975 * (resamples - 1))]];
  }
  return { diff, se, ci95, hitsA, hitsB, shoppersA, shoppersB };
}
