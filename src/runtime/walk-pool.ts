/**
 * Page side of the random walks: a pool of k walk workers sharing one graph. The graph is built
 * in worker 0 from the event columns and attached to the others (SharedArrayBuffer when the page
 * is cross-origin isolated, a copy per worker otherwise). Neighbourhoods of all items are
 * computed in chunks of items handed to whichever worker is free, merged in item order, with
 * progress and cancel. Results do not depend on the number of workers (per-item RNG streams).
 */
import type { ProgressFn } from '../core/data/types';
import type { ItemNeighbourhood } from '../core/graph/explain';
import type { HardNegativeBand } from '../core/graph/hard-negatives';
import type { BipartiteGraph, Neighbourhoods, WalkParams } from '../core/graph/types';
import { allocNeighbourhoods, mergeNeighbourhoods } from '../core/graph/walks';
import { abortError } from './protocol';
import type { BuildGraphJobInput, GraphJobResult, WalkJobs } from './walk-pool-jobs';
import { WorkerClient, type WorkerLike } from './worker-client';

export interface WalkPoolOptions {
  /** Number of workers (default 2). */
  size?: number;
  /** Starts worker i. */
  spawn: (i: number) => WorkerLike;
  /** Items per chunk handed to a worker (default 256). */
  chunkItems?: number;
}

export interface NeighbourhoodRun extends Neighbourhoods {
  /** Wall-clock milliseconds of the walks (graph build excluded). */
  ms: number;
  workers: number;
}

export interface RunControl {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Use only the first k workers (default: all). */
  workers?: number;
}

export class WalkPool {
  private readonly clients: WorkerClient<WalkJobs>[];
  private readonly chunk: number;
  private graph: BipartiteGraph | null = null;
  private graphId = 0;
  /** Which graph id each worker holds. */
  private readonly held: number[];

  constructor(opts: WalkPoolOptions) {
    const size = Math.max(1, opts.size ?? 2);
    this.clients = Array.from({ length: size }, (_, i) => new WorkerClient<WalkJobs>(() => opts.spawn(i), { name: `walks ${i + 1}` }));
    this.held = new Array<number>(size).fill(-1);
    this.chunk = Math.max(1, opts.chunkItems ?? 256);
  }

  get size(): number {
    return this.clients.length;
  }

  get currentGraph(): BipartiteGraph | null {
    return this.graph;
  }

  /**
   * Builds the graph in worker 0 and keeps it for later jobs. Pass the column buffers in
   * `transfer` to move them into the worker instead of copying them.
   */
  async build(input: Omit<BuildGraphJobInput, 'graphId'>, ctl: RunControl & { transfer?: Transferable[] } = {}): Promise<GraphJobResult> {
    const graphId = ++this.graphId;
    this.graph = null;
    this.held.fill(-1);
    const res = await this.clients[0].run('build', { ...input, graphId }, { onProgress: ctl.onProgress, signal: ctl.signal, transfer: ctl.transfer });
    this.graph = res.graph;
    this.held[0] = graphId;
    return res;
  }

  /** Makes worker i hold the current graph. */
  private async ensureAttached(i: number, signal?: AbortSignal): Promise<void> {
    if (!this.graph) throw new Error('No graph: build one first.');
    if (this.held[i] === this.graphId) return;
    const id = this.graphId;
    await this.clients[i].run('attach', { graphId: id, graph: this.graph }, { signal });
    this.held[i] = id;
  }

  /** Neighbourhoods of every item. */
  async neighbourhoods(params: WalkParams, ctl: RunControl = {}): Promise<NeighbourhoodRun> {
    const g = this.graph;
    if (!g) throw new Error('No graph: build one first.');
    const k = Math.min(this.clients.length, Math.max(1, ctl.workers ?? this.clients.length));
    const n = g.nItems;
    const whole = allocNeighbourhoods(0, n, params.topT);
    const inner = new AbortController();
    const onOuterAbort = (): void => inner.abort();
    ctl.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (ctl.signal?.aborted) throw abortError('walk');
    await Promise.all(Array.from({ length: k }, (_, i) => this.ensureAttached(i, inner.signal)));
    const t0 = performance.now();
    let next = 0;
    let done = 0;
    let steps = 0;
    let restarts = 0;
    const partial = new Float64Array(k);
    const report = (): void => ctl.onProgress?.(done + partial.reduce((a, b) => a + b, 0), n, 'walking');
    const loop = async (w: number): Promise<void> => {
      while (next < n && !inner.signal.aborted) {
        const start = next;
        const end = Math.min(n, start + this.chunk);
        next = end;
        const part = await this.clients[w].run(
          'walk',
          { graphId: this.graphId, params, start, end },
          {
            signal: inner.signal,
            onProgress: (d) => {
              partial[w] = d;
              report();
            },
          },
        );
        mergeNeighbourhoods(whole, part);
        steps += part.steps;
        restarts += part.restarts;
        partial[w] = 0;
        done += end - start;
        report();
      }
    };
    try {
      await Promise.all(Array.from({ length: k }, (_, w) => loop(w)));
    } catch (err) {
      inner.abort();
      throw err;
    } finally {
      ctl.signal?.removeEventListener('abort', onOuterAbort);
    }
    if (inner.signal.aborted) throw abortError('walk');
    return { ...whole, steps, restarts, ms: performance.now() - t0, workers: k };
  }

  /** One item's neighbourhood with the shoppers its walks passed through (on worker 0). */
  async explain(item: number, params: WalkParams, maxShoppers = 40, signal?: AbortSignal): Promise<ItemNeighbourhood> {
    await this.ensureAttached(0, signal);
    return this.clients[0].run('explain', { graphId: this.graphId, item, params, maxShoppers }, { signal });
  }

  /** Hard-negative candidates of an item (its PPR rank band, in rank order). */
  async hardNegatives(item: number, alpha: number, band?: Partial<HardNegativeBand>, signal?: AbortSignal): Promise<Uint32Array> {
    const w = this.clients.length > 1 ? 1 : 0;
    await this.ensureAttached(w, signal);
    return this.clients[w].run('hardNegatives', { graphId: this.graphId, item, alpha, band }, { signal });
  }

  terminate(): void {
    for (const c of this.clients) c.terminate();
    this.held.fill(-1);
  }
}
