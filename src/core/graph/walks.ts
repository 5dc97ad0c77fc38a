/**
 * PinSage / Pixie random walks with restarts on the bipartite graph. From query item q, N walks
 * of L steps each; a step restarts at q with probability α, otherwise moves item → shopper →
 * item, each move drawn by edge weight. Visits to items other than q are counted; the T most
 * visited items with their counts L1-normalised over those T form q's neighbourhood.
 * Every item has its own RNG stream derived from (seed, item) (walk-rng.ts): the result for an
 * item does not depend on which range, worker or order it was computed in.
 */
import { checkWalkParams } from './params';
import { selectTopT, topTScratch, type TopTScratch } from './top-t';
import { laneMemory, walkLanes } from './walk-kernel';
import { NO_ITEM, type BipartiteGraph, type Neighbourhoods, type WalkParams } from './types';
import { walkerState } from './walk-rng';

/** Per-walker scratch memory (one per worker), reused across items. */
export interface WalkScratch {
  /** Visit count per item (all zero between items). */
  visits: Uint32Array;
  /** Items with visits > 0 of the current query, in first-visit order. */
  touched: Uint32Array;
  /** RNG words and counters of the walk kernel (walk-kernel.ts). */
  state: Int32Array;
  /** Lane state of the walk kernel. */
  lanes: Int32Array;
  top: TopTScratch;
}

export function walkScratch(g: BipartiteGraph, topT: number): WalkScratch {
  return { visits: new Uint32Array(g.nItems), touched: new Uint32Array(g.nItems), state: new Int32Array(8), lanes: laneMemory(), top: topTScratch(topT) };
}

/** What one item's walks produced (the touched items and their counts are in the scratch). */
export interface ItemWalkResult {
  touched: number;
  steps: number;
  restarts: number;
}

/**
 * Runs q's walks, leaving visit counts in `sc.visits` and the visited items in `sc.touched`.
 * When `shopperVisits` is given, visits to each shopper are counted there too (explorer).
 * The caller must clear the counts afterwards (`clearVisits`).
 */
export function walkItem(g: BipartiteGraph, q: number, p: WalkParams, sc: WalkScratch, shopperVisits?: Uint32Array): ItemWalkResult {
  if (g.itemOffsets[q + 1] === g.itemOffsets[q]) return { touched: 0, steps: 0, restarts: 0 };
  const st = sc.state;
  walkerState(p.seed, q, st);
  st[4] = 0;
  st[5] = 0;
  st[6] = 0;
  // restart when a uniform 31-bit draw falls below alpha · 2^31
  const thr31 = Math.min(2147483647, Math.floor(p.alpha * 2147483648));
  walkLanes(g, q, p.length, thr31, p.walks, sc, shopperVisits);
  return { touched: st[4], steps: st[5], restarts: st[6] };
}

export function clearVisits(sc: WalkScratch, nTouched: number): void {
  for (let k = 0; k < nTouched; k++) sc.visits[sc.touched[k]] = 0;
}

/** Empty neighbourhood arrays for `count` items from `start`. */
export function allocNeighbourhoods(start: number, count: number, topT: number): Neighbourhoods {
  return {
    start,
    count,
    topT,
    items: new Uint32Array(count * topT).fill(NO_ITEM),
    weights: new Float32Array(count * topT),
    counts: new Uint32Array(count * topT),
    sizes: new Uint16Array(count),
    steps: 0,
    restarts: 0,
  };
}

export interface WalkRangeOptions {
  /** Called every `progressEvery` items with (items done, items in range). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Checked between items; when it returns true the walk stops and throws an AbortError. */
  shouldStop?: () => boolean;
  scratch?: WalkScratch;
}

/** Neighbourhoods of items [start, end). */
export function walkNeighbourhoods(g: BipartiteGraph, params: WalkParams, start: number, end: number, opts: WalkRangeOptions = {}): Neighbourhoods {
  const p = checkWalkParams(params);
  if (!(start >= 0 && end <= g.nItems && start <= end)) throw new RangeError(`item range [${start}, ${end}) is outside [0, ${g.nItems})`);
  const T = p.topT;
  const out = allocNeighbourhoods(start, end - start, T);
  const sc = opts.scratch && opts.scratch.top.heap.length >= T && opts.scratch.visits.length === g.nItems ? opts.scratch : walkScratch(g, T);
  const every = opts.progressEvery ?? 64;
  let steps = 0;
  let restarts = 0;
  for (let q = start; q < end; q++) {
    if (opts.shouldStop?.()) {
      const e = new Error('Walks were cancelled.');
      e.name = 'AbortError';
      throw e;
    }
    const r = walkItem(g, q, p, sc);
    steps += r.steps;
    restarts += r.restarts;
    writeNeighbourhood(sc, r.touched, T, out, q - start);
    clearVisits(sc, r.touched);
    if (opts.onProgress && (q - start + 1) % every === 0) opts.onProgress(q - start + 1, end - start);
  }
  opts.onProgress?.(end - start, end - start);
  return { ...out, steps, restarts };
}

/** Top-T of the scratch's visits into row k of `out`, weights L1-normalised over the T. */
export function writeNeighbourhood(sc: WalkScratch, nTouched: number, T: number, out: Neighbourhoods, k: number): number {
  const at = k * T;
  const n = selectTopT(sc.touched, nTouched, sc.visits, T, sc.top, out.items, at);
  let total = 0;
  for (let j = 0; j < n; j++) total += sc.visits[out.items[at + j]];
  for (let j = 0; j < n; j++) {
    const cnt = sc.visits[out.items[at + j]];
    out.counts[at + j] = cnt;
    out.weights[at + j] = cnt / total;
  }
  out.sizes[k] = n;
  return n;
}

/** Copies `part` (a sub-range) into `whole` (a larger range with the same topT). */
export function mergeNeighbourhoods(whole: Neighbourhoods, part: Neighbourhoods): void {
  if (part.topT !== whole.topT) throw new RangeError('neighbourhoods with different T cannot be merged');
  const off = part.start - whole.start;
  if (off < 0 || off + part.count > whole.count) throw new RangeError('part is outside the whole range');
  const T = whole.topT;
  whole.items.set(part.items, off * T);
  whole.weights.set(part.weights, off * T);
  whole.counts.set(part.counts, off * T);
  whole.sizes.set(part.sizes, off);
}

/** Item `i`'s neighbours (copies), best first. */
export function neighboursOf(nb: Neighbourhoods, i: number): { items: Uint32Array; weights: Float32Array; counts: Uint32Array } {
  const k = i - nb.start;
  if (k < 0 || k >= nb.count) throw new RangeError(`item ${i} is outside [${nb.start}, ${nb.start + nb.count})`);
  const at = k * nb.topT;
  const n = nb.sizes[k];
  return { items: nb.items.slice(at, at + n), weights: nb.weights.slice(at, at + n), counts: nb.counts.slice(at, at + n) };
}
