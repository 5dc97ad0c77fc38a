/**
 * Negative samplers: negatives shared across the minibatch (uniform over the catalogue), and
 * hard negatives from the PPR band of the query (graph/hard-negatives.ts's band definition).
 * The PPR scores of the band are estimated by the query's random walks (visit counts are a
 * Monte-Carlo PPR, graph/ppr.ts) instead of the exact power iteration: the exact one costs a
 * whole-graph pass per iteration and query, too slow for every query of every epoch. Bands are
 * cached per query item.
 */
import { hardNegativeRanks, type HardNegativeBand } from '../graph/hard-negatives';
import type { BipartiteGraph, WalkParams } from '../graph/types';
import { clearVisits, walkItem, walkScratch, type WalkScratch } from '../graph/walks';
import type { Rng } from '../rng';

export function sharedNegatives(rng: Rng, nItems: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let k = 0; k < count; k++) out[k] = rng.nextInt(nItems);
  return out;
}

export class HardNegativeSampler {
  private readonly cache = new Map<number, Uint32Array>();
  private readonly scratch: WalkScratch;

  constructor(
    private readonly g: BipartiteGraph,
    private readonly walk: WalkParams,
    private readonly band: Partial<HardNegativeBand> = {},
  ) {
    this.scratch = walkScratch(g, walk.topT);
  }

  /** The query's band, best-ranked first (walk visits desc, ties by index). */
  candidates(q: number): Uint32Array {
    const hit = this.cache.get(q);
    if (hit) return hit;
    const sc = this.scratch;
    const r = walkItem(this.g, q, this.walk, sc);
    const ranked = Array.from(sc.touched.subarray(0, r.touched)).filter((u) => u !== q);
    ranked.sort((a, b) => sc.visits[b] - sc.visits[a] || a - b);
    clearVisits(sc, r.touched);
    const { start, end } = hardNegativeRanks(ranked.length, this.band);
    const band = Uint32Array.from(ranked.slice(start, end));
    this.cache.set(q, band);
    return band;
  }

  /** Writes up to `count` hard negatives for q (never `avoid`) at out[at…]; returns how many. */
  sampleInto(q: number, avoid: number, count: number, rng: Rng, out: Uint32Array, at: number): number {
    const c = this.candidates(q);
    if (c.length === 0) return 0;
    let n = 0;
    for (let tries = 0; n < count && tries < count * 4; tries++) {
      const u = c[rng.nextInt(c.length)];
      if (u !== avoid) out[at + n++] = u;
    }
    return n;
  }
}
