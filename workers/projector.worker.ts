/**
 * Projector worker: a thin adapter from named jobs (workers/runtime.ts) to src/core/projector.
 * Jobs: init (compute backend), load (a run's vectors), standin (co-engagement stand-in item
 * vectors of a dataset), planted (seeded Gaussian test vectors), pca, umap (progress, cancel),
 * neighbours (exact cosine top-k in the full space). The L2-normalised table stays here; the page
 * gets 2-D coordinates and neighbour lists.
 */
import { exposeJobs, transferResult } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import { initCompute, type BackendInfo, type InitOptions } from '../src/core/compute';
import type { Dataset } from '../src/core/data/types';
import { standInRoleEmbeddings } from '../src/core/feeds/standin-embeddings';
import { cosineNeighbours, l2NormaliseRows, pca2d, plantedClusterVectors, umap2d, type Neighbour, type Projection2D } from '../src/core/projector';

export interface LoadedTable {
  points: number;
  dim: number;
  seconds: number;
}

let table: { normalised: Float32Array; dim: number } | null = null;

function need(): { normalised: Float32Array; dim: number } {
  if (!table) throw new Error('No vectors loaded in the projector yet: choose a source first.');
  return table;
}

function keep(vectors: Float32Array, dim: number, t0: number): LoadedTable {
  table = { normalised: l2NormaliseRows(vectors, dim), dim };
  return { points: vectors.length / dim, dim, seconds: (performance.now() - t0) / 1000 };
}

function withCoords(p: Projection2D): Projection2D {
  return transferResult(p, [p.coords.buffer, ...(p.rows ? [p.rows.buffer] : [])]);
}

const handlers = {
  async init(input: InitOptions, _ctx: JobContext): Promise<BackendInfo> {
    return initCompute(input);
  },
  load(input: { vectors: Float32Array; dim: number }, _ctx: JobContext): LoadedTable {
    return keep(input.vectors, input.dim, performance.now());
  },
  standin(input: { dataset: Dataset; dim?: number; seed?: number }, ctx: JobContext): LoadedTable {
    const t0 = performance.now();
    ctx.progress(0, 1, 'co-engagement stand-in vectors');
    const r = standInRoleEmbeddings(input.dataset, { dim: input.dim ?? 64, seed: input.seed ?? 0 });
    return keep(r.viewQuery, r.dim, t0);
  },
  planted(input: { n: number; dim: number; clusters: number; seed?: number }, _ctx: JobContext): LoadedTable & { labels: Uint32Array } {
    const t0 = performance.now();
    const p = plantedClusterVectors(input);
    const out = { ...keep(p.vectors, p.dim, t0), labels: p.labels };
    return transferResult(out, [p.labels.buffer]);
  },
  async pca(input: { seed?: number }, ctx: JobContext): Promise<Projection2D> {
    const t = need();
    ctx.progress(0, 1, 'PCA');
    const r = await pca2d(t.normalised, t.dim, { seed: input.seed, signal: ctx.signal });
    return withCoords({ method: r.method, coords: r.coords, rows: r.rows, seconds: r.seconds, explained: r.explained, note: r.note });
  },
  async umap(input: { seed?: number; nEpochs?: number; sampleFrom?: number; sampleSize?: number }, ctx: JobContext): Promise<Projection2D> {
    const t = need();
    return withCoords(await umap2d(t.normalised, t.dim, { ...input, signal: ctx.signal, progress: ctx.progress }));
  },
  async neighbours(input: { point: number; k?: number }, _ctx: JobContext): Promise<Neighbour[]> {
    const t = need();
    return (await cosineNeighbours(t.normalised, t.dim, [input.point], input.k ?? 10))[0];
  },
};

export type ProjectorJobs = typeof handlers;

exposeJobs(handlers);
