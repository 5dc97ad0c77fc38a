/**
 * Jobs of a walk worker (workers/walks.worker.ts is the thin adapter that exposes them): build
 * the bipartite graph from event columns, attach a graph built elsewhere (shared memory when
 * cross-origin isolated), compute neighbourhoods of an item range, explain one item, draw hard
 * negatives. Each worker keeps the graph it built or was given; jobs name the graph id they expect.
 */
import { transferResult } from '../../workers/runtime';
import type { ActionWeights } from '../core/graph/action-weights';
import { buildBipartiteGraph, type GraphEventColumns } from '../core/graph/build-csr';
import { explainItem, type ItemNeighbourhood } from '../core/graph/explain';
import { hardNegativeCandidates, type HardNegativeBand } from '../core/graph/hard-negatives';
import type { BipartiteGraph, Neighbourhoods, WalkParams } from '../core/graph/types';
import { walkNeighbourhoods, walkScratch, type WalkScratch } from '../core/graph/walks';
import { JobFailure, type JobContext } from './protocol';

export interface BuildGraphJobInput {
  graphId: number;
  columns: GraphEventColumns;
  nItems: number;
  nShoppers: number;
  eventEnd?: number;
  actionWeights?: Partial<ActionWeights>;
  /** Default: shared when the worker is cross-origin isolated. */
  shared?: boolean;
}

export interface GraphJobResult {
  graphId: number;
  graph: BipartiteGraph;
  ms: number;
}

export interface WalkRangeJobInput {
  graphId: number;
  params: WalkParams;
  start: number;
  end: number;
}

export function createWalkJobs() {
  let graph: BipartiteGraph | null = null;
  let graphId = -1;
  let scratch: WalkScratch | null = null;

  const need = (id: number): BipartiteGraph => {
    if (!graph || id !== graphId) throw new JobFailure(`This walk worker holds graph ${graphId}, not graph ${id}; attach it first.`, { graphId: id });
    return graph;
  };
  const set = (id: number, g: BipartiteGraph): void => {
    graph = g;
    graphId = id;
    scratch = null;
  };

  return {
    /** Builds the graph here and keeps it; returns it (shared arrays are not copied back). */
    build(input: BuildGraphJobInput, ctx: JobContext): GraphJobResult {
      const t0 = performance.now();
      ctx.progress(0, 1, 'building the graph');
      const g = buildBipartiteGraph(input.columns, {
        nItems: input.nItems,
        nShoppers: input.nShoppers,
        eventEnd: input.eventEnd,
        actionWeights: input.actionWeights,
        shared: input.shared,
      });
      set(input.graphId, g);
      ctx.progress(1, 1, 'graph built');
      return { graphId: input.graphId, graph: g, ms: performance.now() - t0 };
    },

    /** Keeps a graph built by another worker (shared memory: no copy). */
    attach(input: { graphId: number; graph: BipartiteGraph }): { graphId: number; shared: boolean } {
      set(input.graphId, input.graph);
      return { graphId: input.graphId, shared: input.graph.shared };
    },

    /** Neighbourhoods of items [start, end); result buffers move to the caller. */
    walk(input: WalkRangeJobInput, ctx: JobContext): Neighbourhoods {
      const g = need(input.graphId);
      if (!scratch || scratch.top.heap.length < input.params.topT) scratch = walkScratch(g, input.params.topT);
      const nb = walkNeighbourhoods(g, input.params, input.start, input.end, {
        scratch,
        onProgress: (d, t) => ctx.progress(d, t),
        shouldStop: () => ctx.signal.aborted,
      });
      return transferResult(nb, [nb.items.buffer, nb.weights.buffer, nb.counts.buffer, nb.sizes.buffer] as ArrayBuffer[]);
    },

    /** One item's neighbourhood with the shoppers passed through (the explorer). */
    explain(input: { graphId: number; item: number; params: WalkParams; maxShoppers?: number }): ItemNeighbourhood {
      return explainItem(need(input.graphId), input.item, input.params, input.maxShoppers);
    },

    /** The PPR rank band of an item (hard-negative candidates, in rank order). */
    hardNegatives(input: { graphId: number; item: number; alpha: number; band?: Partial<HardNegativeBand> }): Uint32Array {
      return hardNegativeCandidates(need(input.graphId), input.item, { alpha: input.alpha, band: input.band });
    },
  };
}

export type WalkJobs = ReturnType<typeof createWalkJobs>;
