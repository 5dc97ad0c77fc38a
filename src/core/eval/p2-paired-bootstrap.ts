/**
 * Paired percentile bootstrap of the difference of two micro recalls on the same eval shoppers:
 * (Σ hitsA − Σ hitsB) / Σ targets, resampling shoppers with replacement (seeded, the generator
 * of bootstrapRecall in p2-metrics.ts). Pairing keeps each shopper's two rows together, so the
 * interval is narrower than comparing two unpaired recall@10_ci95 intervals.
 */
import { bootstrapRatioOfSums } from './p2-metrics';

/** [2.5th, 97.5th] percentile of the resampled difference (nearest rank); [NaN, NaN] when empty. */
export function bootstrapRecallDiff(hitsA: ArrayLike<number>, hitsB: ArrayLike<number>, targets: ArrayLike<number>, resamples: number, seed: number): [number, number] {
  const n = targets.length;
  if (hitsA.length !== n || hitsB.length !== n) throw new Error(`bootstrapRecallDiff: ${hitsA.length} / ${hitsB.length} hit rows for ${n} target rows`);
  const diff = new Float64Array(n);
  for (let j = 0; j < n; j++) diff[j] = hitsA[j] - hitsB[j];
  return bootstrapRatioOfSums(diff, targets, resamples, `p2-bootstrap-diff:${seed}`);
}
