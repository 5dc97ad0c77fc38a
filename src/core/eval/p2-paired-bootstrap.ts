/**
 * Paired percentile bootstrap of the difference of two micro recalls on the same eval shoppers:
 * (Σ hitsA − Σ hitsB) / Σ targets, resampling shoppers with replacement (seeded, the generator
 * of bootstrapRecall in p2-metrics.ts). Pairing keeps each shopper's two rows together, so the
 * interval is narrower than comparing two unpaired recall@10_ci95 intervals.
 */
import { Rng } from '../rng';

/** [2.5th, 97.5th] percentile of the resampled difference (nearest rank); [NaN, NaN] when empty. */
export function bootstrapRecallDiff(hitsA: ArrayLike<number>, hitsB: ArrayLike<number>, targets: ArrayLike<number>, resamples: number, seed: number): [number, number] {
  const n = targets.length;
  if (hitsA.length !== n || hitsB.length !== n) throw new Error(`bootstrapRecallDiff: ${hitsA.length} / ${hitsB.length} hit rows for ${n} target rows`);
  if (n === 0 || resamples <= 0) return [NaN, NaN];
  const rng = new Rng(`p2-bootstrap-diff:${seed}`);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let d = 0;
    let t = 0;
    for (let j = 0; j < n; j++) {
      const s = rng.nextInt(n);
      d += hitsA[s] - hitsB[s];
      t += targets[s];
    }
    stats[b] = t > 0 ? d / t : 0;
  }
  stats.sort();
  const at = (q: number): number => stats[Math.min(resamples - 1, Math.max(0, Math.ceil(q * resamples) - 1))];
  return [at(0.025), at(0.975)];
}
