/**
 * P3 evaluation (PROTOCOLS.md): per relation, each test query ranks the target pool — the test
 * targets of that relation plus N_d catalogue items drawn uniformly with `seed` (default: all
 * items for catalogues under 1M) — by dot product of its query-role embedding (view-query for
 * view-buy, buy-query for buy-buy) with every pool item's target-role embedding. Filtered: the
 * query itself and its train targets are removed from its candidates. Ties are broken by item
 * index (lower first), as in P1. A test pair is a hit when its target is in the query's top 10.
 * Recall@10 is the micro-average over test pairs, per relation and per complexity class
 * (1-1, 1-n, m-1, m-n), with the best achievable value (p3-split.ts) beside each.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTION_CODE, type Dataset } from '../data/types';
import type { ItemRole, ItemRoleEmbeddings } from '../models/simo/roles';
import { roleMatrix } from '../models/simo/roles';
import { Rng } from '../rng';
import type { MetricsEntry } from './metrics-json';
import { isViewLike, P3_RELATIONS, type P3Relation } from './splits/p3-pairs';
import { bestAchievableRecall, COMPLEXITY_CLASSES, type ComplexityClass, type P3RelationSplit, type P3Split } from './splits/p3-split';
import type { ItemPairs } from './splits/pairs';

export const P3_K = 10;
/** Catalogues at or above this size get a sampled distractor pool by default. */
export const P3_MAX_DEFAULT_DISTRACTORS = 1_000_000;

/** The query role of each relation (Pfeed): views query in the view-query role, purchases in the buy-query role. */
export function queryRoleOf(relation: P3Relation): ItemRole {
  return relation === 'view-buy' ? 'view-query' : 'buy-query';
}

export interface RelationSupport {
  relation: P3Relation;
  supported: boolean;
  /** Why not, in words a user can read (empty when supported). */
  reason: string;
}

/**
 * Which P3 relations a dataset can give pairs for, without building them: buy-buy needs
 * purchases; view-buy needs purchases and view-like events (view, click, zoom, click-through).
 * Datasets without views (Online Retail) support buy-buy only.
 */
export function p3RelationSupport(ds: Dataset): RelationSupport[] {
  let purchases = 0;
  let views = 0;
  const a = ds.events.action;
  for (let e = 0; e < a.length && (purchases === 0 || views === 0); e++) {
    if (a[e] === ACTION_CODE.purchase) purchases++;
    else if (isViewLike(a[e])) views++;
  }
  return P3_RELATIONS.map((relation) => {
    if (purchases === 0) return { relation, supported: false, reason: 'the dataset has no purchases' };
    if (relation === 'view-buy' && views === 0) return { relation, supported: false, reason: 'the dataset has no views (purchases only): buy-buy only' };
    return { relation, supported: true, reason: '' };
  });
}

export function supportedRelations(ds: Dataset): P3Relation[] {
  return p3RelationSupport(ds).filter((s) => s.supported).map((s) => s.relation);
}

export interface P3ClassResult {
  'recall@10': number;
  best: number;
  pairs: number;
}

export interface P3RelationResult {
  relation: P3Relation;
  'recall@10': number;
  /** Best achievable Recall@10 of these pairs. */
  best: number;
  pairs: number;
  queries: number;
  /** Target pool size (test targets ∪ distractors). */
  pool: number;
  classes: Record<ComplexityClass, P3ClassResult>;
}

export interface P3RelationEvalInput {
  relation: P3Relation;
  /** Train pairs of the relation (filtering). */
  train: ItemPairs;
  /** The pairs ranked (test, or valid during training). */
  pairs: ItemPairs;
  /** Complexity class of each ranked pair (index into COMPLEXITY_CLASSES). */
  complexity: Uint8Array;
  emb: ItemRoleEmbeddings;
  /** N_d distractors (default: all items under 1M, else 1M drawn uniformly). */
  distractors?: number;
  seed?: number;
  /** Queries scored per matmul (default 256). */
  queryChunk?: number;
  signal?: AbortSignal;
}

/** CSR of pairs by query: offsets[q] .. offsets[q + 1] into targets. */
function byQuery(p: ItemPairs, nItems: number): { offsets: Uint32Array; targets: Uint32Array } {
  const offsets = new Uint32Array(nItems + 1);
  for (let j = 0; j < p.q.length; j++) offsets[p.q[j] + 1]++;
  for (let q = 0; q < nItems; q++) offsets[q + 1] += offsets[q];
  const fill = offsets.slice(0, nItems);
  const targets = new Uint32Array(p.q.length);
  for (let j = 0; j < p.q.length; j++) targets[fill[p.q[j]]++] = p.i[j];
  return { offsets, targets };
}

/** The target pool: the pairs' targets ∪ N_d uniform distractors, ascending item indices. */
export function targetPool(pairs: ItemPairs, nItems: number, distractors: number | undefined, seed: number, relation: P3Relation): Uint32Array {
  const nd = Math.min(nItems, distractors ?? Math.min(nItems, P3_MAX_DEFAULT_DISTRACTORS));
  const inPool = new Uint8Array(nItems);
  for (let j = 0; j < pairs.i.length; j++) inPool[pairs.i[j]] = 1;
  if (nd >= nItems) inPool.fill(1);
  else for (const x of new Rng(seed).fork(`p3-distractors:${relation}`).sampleDistinct(nItems, nd)) inPool[x] = 1;
  let m = 0;
  for (let i = 0; i < nItems; i++) m += inPool[i];
  const pool = new Uint32Array(m);
  for (let i = 0, k = 0; i < nItems; i++) if (inPool[i]) pool[k++] = i;
  return pool;
}

function gatherRows(m: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) out.set(m.subarray(rows[r] * dim, (rows[r] + 1) * dim), r * dim);
  return out;
}

export async function evaluateP3Relation(input: P3RelationEvalInput): Promise<P3RelationResult> {
  const { relation, pairs, emb } = input;
  const n = emb.items;
  const D = emb.dim;
  if (input.complexity.length !== pairs.q.length) throw new Error(`complexity has ${input.complexity.length} entries for ${pairs.q.length} pairs`);
  const pool = targetPool(pairs, n, input.distractors, input.seed ?? 0, relation);
  const P = pool.length;
  const test = byQuery(pairs, n);
  const train = byQuery(input.train, n);
  const queries: number[] = [];
  for (let q = 0; q < n; q++) if (test.offsets[q + 1] > test.offsets[q]) queries.push(q);
  const qm = roleMatrix(emb, queryRoleOf(relation));
  const chunk = input.queryChunk ?? 256;
  // hits per test pair, in the CSR order of `test`
  const hitOf = new Uint8Array(pairs.q.length);
  const stamp = new Int32Array(n).fill(-1);
  const topItem = new Int32Array(P3_K);
  const topScore = new Float32Array(P3_K);
  const poolT = tf.tensor2d(gatherRows(roleMatrix(emb, 'target'), D, pool), [P, D]);
  try {
    for (let a = 0; a < queries.length; a += chunk) {
      input.signal?.throwIfAborted();
      const qs = queries.slice(a, a + chunk);
      const s = tf.tidy(() => tf.matMul(tf.tensor2d(gatherRows(qm, D, qs), [qs.length, D]), poolT, false, true));
      const scores = (await s.data()) as Float32Array;
      s.dispose();
      for (let c = 0; c < qs.length; c++) {
        const q = qs[c];
        stamp[q] = q;
        for (let j = train.offsets[q]; j < train.offsets[q + 1]; j++) stamp[train.targets[j]] = q;
        // top 10 of the unfiltered pool by (score desc, index asc); the pool is ascending, so a
        // later item with an equal score never displaces an earlier one
        let m = 0;
        const off = c * P;
        for (let k = 0; k < P; k++) {
          const item = pool[k];
          if (stamp[item] === q) continue;
          const sc = scores[off + k];
          if (m === P3_K && sc <= topScore[P3_K - 1]) continue;
          let at = m < P3_K ? m++ : P3_K - 1;
          while (at > 0 && topScore[at - 1] < sc) {
            topScore[at] = topScore[at - 1];
            topItem[at] = topItem[at - 1];
            at--;
          }
          topScore[at] = sc;
          topItem[at] = item;
        }
        for (let j = test.offsets[q]; j < test.offsets[q + 1]; j++) {
          const t = test.targets[j];
          for (let r = 0; r < m; r++) if (topItem[r] === t) hitOf[j] = 1;
        }
        // clear the stamps (an item index can equal a later query's index)
        stamp[q] = -1;
        for (let j = train.offsets[q]; j < train.offsets[q + 1]; j++) stamp[train.targets[j]] = -1;
      }
    }
  } finally {
    poolT.dispose();
  }
  // back to the input order of `pairs` (the CSR is a stable counting sort by query)
  const fill = test.offsets.slice(0, n);
  const hits = new Uint8Array(pairs.q.length);
  for (let j = 0; j < pairs.q.length; j++) hits[j] = hitOf[fill[pairs.q[j]]++];
  let total = 0;
  const classHits = [0, 0, 0, 0];
  const classPairs = [0, 0, 0, 0];
  for (let j = 0; j < hits.length; j++) {
    total += hits[j];
    classHits[input.complexity[j]] += hits[j];
    classPairs[input.complexity[j]]++;
  }
  const classes = {} as Record<ComplexityClass, P3ClassResult>;
  COMPLEXITY_CLASSES.forEach((name, c) => {
    const include = Uint8Array.from(input.complexity, (x) => (x === c ? 1 : 0));
    classes[name] = { 'recall@10': classPairs[c] ? classHits[c] / classPairs[c] : NaN, best: bestAchievableRecall(pairs.q, P3_K, include), pairs: classPairs[c] };
  });
  return {
    relation,
    'recall@10': hits.length ? total / hits.length : NaN,
    best: bestAchievableRecall(pairs.q, P3_K),
    pairs: hits.length,
    queries: queries.length,
    pool: P,
    classes,
  };
}

export interface P3EvalOptions {
  relations?: readonly P3Relation[];
  distractors?: number;
  signal?: AbortSignal;
}

/** P3 on the test pairs of every relation of the split that has test pairs (or `relations`). */
export async function evaluateP3(split: P3Split, emb: ItemRoleEmbeddings, opts: P3EvalOptions = {}): Promise<P3RelationResult[]> {
  const out: P3RelationResult[] = [];
  for (const relation of opts.relations ?? P3_RELATIONS) {
    const r: P3RelationSplit = split.relations[relation];
    if (r.test.q.length === 0) continue;
    out.push(
      await evaluateP3Relation({ relation, train: r.train, pairs: r.test, complexity: r.complexity.test, emb, distractors: opts.distractors, seed: split.seed, signal: opts.signal }),
    );
  }
  return out;
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/**
 * metrics.json entries (PROTOCOLS.md "Reporting"): per relation one entry with `relation`, and one
 * per complexity class with `relation` and `complexity`. Metrics `recall@10` and
 * `best_achievable_recall@10` (NaN → 0 for an empty class; `counts.test_pairs` says it is empty).
 */
export function p3Entries(
  model: string,
  variant: string | undefined,
  results: readonly P3RelationResult[],
  seconds: Record<string, number>,
  extra: Record<string, unknown> = {},
): MetricsEntry[] {
  const out: MetricsEntry[] = [];
  for (const r of results) {
    const base = { protocol: 'P3' as const, model, ...(variant ? { variant } : {}), relation: r.relation };
    out.push({
      ...base,
      metrics: { 'recall@10': finite(r['recall@10']), 'best_achievable_recall@10': finite(r.best) },
      counts: { test_pairs: r.pairs, queries: r.queries, pool: r.pool },
      seconds,
      ...extra,
    });
    for (const c of COMPLEXITY_CLASSES) {
      const x = r.classes[c];
      out.push({
        ...base,
        complexity: c,
        metrics: { 'recall@10': finite(x['recall@10']), 'best_achievable_recall@10': finite(x.best) },
        counts: { test_pairs: x.pairs },
        seconds: {},
      });
    }
  }
  return out;
}

/** Adds or replaces entries keyed by (protocol, model, variant, relation, complexity). */
export function upsertP3Entries(results: readonly MetricsEntry[], add: readonly MetricsEntry[]): MetricsEntry[] {
  const key = (e: MetricsEntry): string => [e.protocol, e.model, e.variant ?? '', e.relation ?? '', e.complexity ?? ''].join('|');
  const fresh = new Set(add.map(key));
  return [...results.filter((e) => !fresh.has(key(e))), ...add];
}
