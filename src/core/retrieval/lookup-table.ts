/**
 * Pfeed step 3 — the lookup table: for every item that can be a query, in each query role, its
 * top-k items of a target set by dot product of (query-role embedding, target embedding), with
 * the scores. Exact top-k, batched on the active tfjs backend (matmul + topk). The query item is
 * never its own target.
 *
 * Storage is compact and columnar per role: `queries` (item indices, ascending), `rowOf` (item →
 * row or −1), `targets` (rows × k item indices, best first, −1 padding when fewer than k exist)
 * and `scores` (rows × k).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTION_CODE, type Dataset, type ProgressFn } from '../data/types';
import { firstIndexAtOrAfter } from '../eval/splits/time';
import { isViewLike } from '../eval/splits/p3-pairs';
import { roleMatrix, type ItemRoleEmbeddings, type QueryRole } from '../models/simo/roles';

export const QUERY_ROLES: readonly QueryRole[] = ['view-query', 'buy-query'];

export interface RoleTable {
  readonly role: QueryRole;
  /** Query item indices, ascending. */
  readonly queries: Uint32Array;
  /** Item index → row in `targets` / `scores`, or −1 when the item is not a query in this role. */
  readonly rowOf: Int32Array;
  /** rows × k target item indices, best first; −1 where fewer than k targets exist. */
  readonly targets: Int32Array;
  readonly scores: Float32Array;
}

export interface LookupTable {
  readonly k: number;
  readonly nItems: number;
  /** Indexed target set, ascending item indices. */
  readonly targetSet: Uint32Array;
  /** Name of the target set (the P4 variant), e.g. 'all', 'promo'. */
  readonly targetSetName: string;
  /** Events with t < cutoff decided which items are queries (Infinity = all events). */
  readonly cutoff: number;
  readonly source: string;
  readonly roles: Readonly<Record<QueryRole, RoleTable>>;
}

export interface LookupTableOptions {
  /** Targets per query (default 10). */
  k?: number;
  /** Only events before this time make an item a query (P4: t0). Default: all events. */
  cutoff?: number;
  targetSetName?: string;
  /** Queries per matmul batch (default 512). */
  batch?: number;
  /** Explicit query items per role (overrides the event rule; tests, refresh of unseen items). */
  queries?: Partial<Record<QueryRole, ArrayLike<number>>>;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

/**
 * Items that can be queries before `cutoff`: view-query ← a view-like event (view, click, zoom,
 * click-through), buy-query ← a purchase. Ascending item indices.
 */
export function queryItems(ds: Dataset, cutoff = Infinity): Record<QueryRole, Uint32Array> {
  const ev = ds.events;
  const n = ds.items.length;
  const end = cutoff === Infinity ? ev.length : firstIndexAtOrAfter(ev.timestamp, cutoff);
  const view = new Uint8Array(n);
  const buy = new Uint8Array(n);
  for (let e = 0; e < end; e++) {
    const i = ev.item[e];
    if (i >= n) continue;
    const a = ev.action[e];
    if (a === ACTION_CODE.purchase) buy[i] = 1;
    else if (isViewLike(a)) view[i] = 1;
  }
  const pick = (m: Uint8Array): Uint32Array => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (m[i]) out.push(i);
    return Uint32Array.from(out);
  };
  return { 'view-query': pick(view), 'buy-query': pick(buy) };
}

function abortIfNeeded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const e = new Error('The lookup table build was cancelled.');
    e.name = 'AbortError';
    throw e;
  }
}

function checkEmbeddings(emb: ItemRoleEmbeddings): void {
  const size = emb.items * emb.dim;
  for (const role of ['view-query', 'buy-query', 'target'] as const) {
    const m = roleMatrix(emb, role);
    if (m.length !== size) throw new Error(`Role embeddings "${role}" hold ${m.length} values; expected items × dim = ${emb.items} × ${emb.dim} = ${size}.`);
  }
}

/** Builds the lookup table of `targetSet` (ascending item indices) for both query roles. */
export async function buildLookupTable(ds: Dataset, emb: ItemRoleEmbeddings, targetSet: Uint32Array, opts: LookupTableOptions = {}): Promise<LookupTable> {
  const n = ds.items.length;
  if (emb.items !== n) throw new Error(`The role embeddings cover ${emb.items} items but the dataset has ${n}; embed the current catalogue first.`);
  checkEmbeddings(emb);
  const k = opts.k ?? 10;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer (got ${k}).`);
  for (let j = 0; j < targetSet.length; j++) {
    if (targetSet[j] >= n || (j > 0 && targetSet[j] <= targetSet[j - 1])) throw new Error('The target set must hold distinct item indices in ascending order.');
  }
  const cutoff = opts.cutoff ?? Infinity;
  const auto = opts.queries && opts.queries['view-query'] && opts.queries['buy-query'] ? null : queryItems(ds, cutoff);
  const batch = opts.batch ?? 512;
  const dim = emb.dim;
  const T = targetSet.length;
  // one target matrix for both roles: T × D
  const tgtRows = new Float32Array(T * dim);
  for (let j = 0; j < T; j++) tgtRows.set(emb.target.subarray(targetSet[j] * dim, (targetSet[j] + 1) * dim), j * dim);
  const roleQueries = QUERY_ROLES.map((r) => Uint32Array.from(opts.queries?.[r] ?? auto![r]));
  const total = roleQueries.reduce((s, q) => s + q.length, 0);
  let done = 0;
  opts.onProgress?.(0, total, 'lookup table');
  const tables: Partial<Record<QueryRole, RoleTable>> = {};
  const tgt = T > 0 ? tf.tensor2d(tgtRows, [T, dim]) : null;
  try {
    for (let r = 0; r < QUERY_ROLES.length; r++) {
      const role = QUERY_ROLES[r];
      const queries = roleQueries[r];
      const qm = roleMatrix(emb, role);
      const rowOf = new Int32Array(n).fill(-1);
      queries.forEach((q, row) => {
        if (q >= n) throw new Error(`Query item ${q} is outside the catalogue (${n} items).`);
        rowOf[q] = row;
      });
      const targets = new Int32Array(queries.length * k).fill(-1);
      const scores = new Float32Array(queries.length * k).fill(Number.NEGATIVE_INFINITY);
      // one extra candidate covers the query item itself when it is in the set
      const kk = Math.min(k + 1, T);
      for (let a = 0; a < queries.length && tgt && kk > 0; a += batch) {
        abortIfNeeded(opts.signal);
        const b = Math.min(queries.length, a + batch);
        const qRows = new Float32Array((b - a) * dim);
        for (let j = a; j < b; j++) qRows.set(qm.subarray(queries[j] * dim, (queries[j] + 1) * dim), (j - a) * dim);
        const [idxT, valT] = tf.tidy(() => {
          const t = tf.topk(tf.matMul(tf.tensor2d(qRows, [b - a, dim]), tgt, false, true), kk, true);
          return [t.indices, t.values];
        });
        const idx = (await idxT.data()) as Int32Array;
        const val = (await valT.data()) as Float32Array;
        tf.dispose([idxT, valT]);
        for (let j = a; j < b; j++) {
          const q = queries[j];
          let w = 0;
          for (let c = 0; c < kk && w < k; c++) {
            const item = targetSet[idx[(j - a) * kk + c]];
            if (item === q) continue;
            targets[j * k + w] = item;
            scores[j * k + w] = val[(j - a) * kk + c];
            w++;
          }
        }
        done += b - a;
        opts.onProgress?.(done, total, `lookup table: ${role}`);
      }
      tables[role] = { role, queries, rowOf, targets, scores };
    }
  } finally {
    tgt?.dispose();
  }
  opts.onProgress?.(total, total, 'lookup table');
  return {
    k,
    nItems: n,
    targetSet: Uint32Array.from(targetSet),
    targetSetName: opts.targetSetName ?? 'all',
    cutoff,
    source: emb.source,
    roles: tables as Record<QueryRole, RoleTable>,
  };
}

/** Bytes the table holds (typed arrays). */
export function lookupTableBytes(t: LookupTable): number {
  let b = t.targetSet.byteLength;
  for (const r of QUERY_ROLES) {
    const x = t.roles[r];
    b += x.queries.byteLength + x.rowOf.byteLength + x.targets.byteLength + x.scores.byteLength;
  }
  return b;
}
