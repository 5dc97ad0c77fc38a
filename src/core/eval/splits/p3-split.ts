/**
 * P3 split (PROTOCOLS.md): the deduplicated pairs of each relation are shuffled with `seed`
 * (Fisher–Yates, Rng(seed).fork('p3:' + relation)) and cut 80/10/10: train = the first
 * ⌊0.8 n⌋ of the shuffled order, valid = the next ⌊0.1 n⌋, test = the rest; each part is
 * listed sorted by (q, i).
 *
 * Relation complexity of a pair (q, t), from the train pairs of its relation: with
 *   nq = #distinct train targets of q, nt = #distinct train queries of t, both counting the
 *   pair itself (so for a valid / test pair, +1 each; train pairs are already counted),
 * the class is '1-1' (nq = 1, nt = 1), '1-n' (nq > 1, nt = 1: the query has several targets),
 * 'm-1' (nq = 1, nt > 1: the target has several queries), 'm-n' (both > 1).
 *
 * Best achievable Recall@10 of a query set (filtered ranking removes the train targets, so an
 * oracle can put a query's set targets first): a query with T_q targets in the set can place
 * at most min(T_q, 10) of them in its top 10, so per pair the best is min(1, 10 / T_q) and the
 * micro-average over the pairs is Σ_q min(T_q, 10) / Σ_q T_q.
 */
import type { Dataset } from '../../data/types';
import { Rng } from '../../rng';
import { p3RelationPairs, P3_RELATIONS, type P3PairOptions, type P3Relation } from './p3-pairs';
import type { ItemPairs } from './pairs';

export const COMPLEXITY_CLASSES = ['1-1', '1-n', 'm-1', 'm-n'] as const;
export type ComplexityClass = (typeof COMPLEXITY_CLASSES)[number];

export interface P3RelationSplit {
  readonly relation: P3Relation;
  /** All deduplicated pairs, sorted by (q, i). */
  readonly total: number;
  readonly train: ItemPairs;
  readonly valid: ItemPairs;
  readonly test: ItemPairs;
  /** Index into COMPLEXITY_CLASSES for each pair of each part. */
  readonly complexity: { readonly train: Uint8Array; readonly valid: Uint8Array; readonly test: Uint8Array };
  /** Best achievable Recall@10 of the valid and test parts. */
  readonly bestRecallAt10: { readonly valid: number; readonly test: number };
}

export interface P3Split {
  readonly seed: number;
  readonly relations: Readonly<Record<P3Relation, P3RelationSplit>>;
}

export interface P3Options extends P3PairOptions {
  seed?: number;
  /** Train / valid shares. Default 0.8 / 0.1 (test = the rest). */
  trainFraction?: number;
  validFraction?: number;
}

/** Splits deduplicated pairs 80/10/10 with seed; each part sorted by (q, i). */
export function splitPairs(
  pairs: ItemPairs,
  seed: number,
  salt: string,
  trainFraction = 0.8,
  validFraction = 0.1,
): { train: ItemPairs; valid: ItemPairs; test: ItemPairs } {
  const n = pairs.q.length;
  const perm = new Rng(seed).fork(salt).permutation(n);
  const nTrain = Math.floor(trainFraction * n);
  const nValid = Math.floor(validFraction * n);
  // part of each pair (0 train, 1 valid, 2 test), then one ordered pass: parts stay sorted
  const part = new Uint8Array(n);
  for (let k = nTrain; k < n; k++) part[perm[k]] = k < nTrain + nValid ? 1 : 2;
  const out = [nTrain, nValid, n - nTrain - nValid].map((m) => ({ q: new Uint32Array(m), i: new Uint32Array(m) }));
  const fill = [0, 0, 0];
  for (let j = 0; j < n; j++) {
    const o = out[part[j]];
    const k = fill[part[j]]++;
    o.q[k] = pairs.q[j];
    o.i[k] = pairs.i[j];
  }
  return { train: out[0], valid: out[1], test: out[2] };
}

/** Complexity class (index into COMPLEXITY_CLASSES) of each pair of `pairs` w.r.t. `train`. */
export function relationComplexity(train: ItemPairs, pairs: ItemPairs, nItems: number, pairsAreTrain: boolean): Uint8Array {
  const qDeg = new Uint32Array(nItems);
  const tDeg = new Uint32Array(nItems);
  for (let j = 0; j < train.q.length; j++) {
    qDeg[train.q[j]]++;
    tDeg[train.i[j]]++;
  }
  const self = pairsAreTrain ? 0 : 1;
  const out = new Uint8Array(pairs.q.length);
  for (let j = 0; j < out.length; j++) {
    const manyTargets = qDeg[pairs.q[j]] + self > 1 ? 1 : 0;
    const manyQueries = tDeg[pairs.i[j]] + self > 1 ? 2 : 0;
    out[j] = manyQueries | manyTargets;
  }
  return out;
}

/**
 * Best achievable Recall@k: mean over pairs of min(1, k / T_q), T_q = #pairs of q in `queries`
 * (distinct pairs assumed). With `include`, the mean runs over the pairs j with include[j] ≠ 0
 * only (T_q still counts every pair), e.g. one complexity class. NaN when no pair is averaged.
 */
export function bestAchievableRecall(queries: Uint32Array, k = 10, include?: Uint8Array): number {
  let maxQ = -1;
  for (let j = 0; j < queries.length; j++) if (queries[j] > maxQ) maxQ = queries[j];
  const count = new Uint32Array(maxQ + 1);
  for (let j = 0; j < queries.length; j++) count[queries[j]]++;
  let sum = 0;
  let n = 0;
  for (let j = 0; j < queries.length; j++) {
    if (include && include[j] === 0) continue;
    sum += Math.min(1, k / count[queries[j]]);
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

export function p3SplitRelation(ds: Dataset, relation: P3Relation, opts: P3Options = {}): P3RelationSplit {
  const seed = opts.seed ?? 0;
  const all = p3RelationPairs(ds, relation, opts);
  const { train, valid, test } = splitPairs(all, seed, `p3:${relation}`, opts.trainFraction, opts.validFraction);
  const n = ds.items.length;
  return {
    relation,
    total: all.q.length,
    train,
    valid,
    test,
    complexity: {
      train: relationComplexity(train, train, n, true),
      valid: relationComplexity(train, valid, n, false),
      test: relationComplexity(train, test, n, false),
    },
    bestRecallAt10: { valid: bestAchievableRecall(valid.q, 10), test: bestAchievableRecall(test.q, 10) },
  };
}

export function p3Split(ds: Dataset, opts: P3Options = {}): P3Split {
  const entries = P3_RELATIONS.map((r) => [r, p3SplitRelation(ds, r, opts)] as const);
  return { seed: opts.seed ?? 0, relations: Object.fromEntries(entries) as Record<P3Relation, P3RelationSplit> };
}
