/**
 * PinSage hard negatives: items ranked in a band of personalised-PageRank scores from the query
 * (related enough to be hard, not so related to be positives). The paper took ranks 2000–5000 of
 * a catalogue of billions; here the band is a fraction of the items the query reaches, so it
 * scales with the catalogue.
 */
import type { Rng } from '../rng';
import { personalizedPageRank, rankByScore } from './ppr';
import type { BipartiteGraph } from './types';

export interface HardNegativeBand {
  /** Band start as a fraction of the ranked (reachable) items. Default 0.05. */
  startFraction: number;
  /** Band end (exclusive) as a fraction. Default 0.15. */
  endFraction: number;
  /** Never start before this rank (skip the query's closest neighbours). Default 20. */
  minStart: number;
  /** At least this many ranks wide when enough items are ranked. Default 20. */
  minWidth: number;
}

export const DEFAULT_HARD_NEGATIVE_BAND: Readonly<HardNegativeBand> = Object.freeze({
  startFraction: 0.05,
  endFraction: 0.15,
  minStart: 20,
  minWidth: 20,
});

/** Ranks [start, end) of the band for `nRanked` ranked items (empty when too few are ranked). */
export function hardNegativeRanks(nRanked: number, band: Partial<HardNegativeBand> = {}): { start: number; end: number } {
  const b = { ...DEFAULT_HARD_NEGATIVE_BAND, ...band };
  if (!(b.startFraction >= 0 && b.endFraction > b.startFraction && b.endFraction <= 1)) {
    throw new RangeError(`hard-negative band needs 0 ≤ startFraction < endFraction ≤ 1, got ${b.startFraction}–${b.endFraction}`);
  }
  let start = Math.max(b.minStart, Math.floor(b.startFraction * nRanked));
  let end = Math.max(start + b.minWidth, Math.ceil(b.endFraction * nRanked));
  end = Math.min(end, nRanked);
  start = Math.min(start, end);
  return { start, end };
}

export interface HardNegativeOptions {
  alpha: number;
  /** L1 tolerance of the PPR power iteration (default 1e-6: ranks in the band are stable well before). */
  tolerance?: number;
  band?: Partial<HardNegativeBand>;
}

/** The band's items for query `q` in rank order (the candidates hard negatives are drawn from). */
export function hardNegativeCandidates(g: BipartiteGraph, q: number, opts: HardNegativeOptions): Uint32Array {
  const ranked = rankByScore(personalizedPageRank(g, q, { alpha: opts.alpha, tolerance: opts.tolerance ?? 1e-6 }), q);
  const { start, end } = hardNegativeRanks(ranked.length, opts.band);
  return ranked.slice(start, end);
}

/** `count` hard negatives for `q` drawn uniformly (with replacement) from its band; empty if the band is. */
export function sampleHardNegatives(g: BipartiteGraph, q: number, count: number, rng: Rng, opts: HardNegativeOptions): Uint32Array {
  const cand = hardNegativeCandidates(g, q, opts);
  const out = new Uint32Array(cand.length === 0 ? 0 : count);
  for (let k = 0; k < out.length; k++) out[k] = cand[rng.nextInt(cand.length)];
  return out;
}
