/**
 * Projector panel actions: one projector worker for the page; load a source (its vectors go to
 * the worker, its point attributes stay here), project (PCA / UMAP, cached per method), the
 * exact neighbours of a clicked point, and selection statistics (lasso or search).
 */
import type { ProgressFn } from '../../core/data/types';
import { itemAttributes, plantedVectorAttributes, searchPoints, selectionStats, shopperAttributes, type PointAttributes, type Projection2D } from '../../core/projector';
import { WorkerClient, type WorkerLike } from '../../runtime/worker-client';
import { requestedBackend } from '../../state/backend';
import { currentDataset } from '../../state/data-current';
import type { ProjectorJobs } from '../../../workers/projector.worker';
import { loadRunEmbeddings, loadShopperEmbeddings } from '../export/export-actions';
import { exportSession } from '../export/export-session';
import { useExportStore } from '../export/export-store';
import { pointOf, projectorSession, scatterIndexOf } from './projector-session';
import { PLANTED_CLUSTERS, PLANTED_DIM, sourceOptions, STANDIN_DIM } from './projector-sources';
import { useProjectorStore, type Method } from './projector-store';

/** Seed of the projections and the test vectors (fixed: the same source gives the same picture). */
export const PROJECTOR_SEED = 42;
/** UMAP layout epochs (umap-js would pick 200–500 by size; 200 keeps a 5,000-point layout within seconds on 2 cores). */
export const UMAP_EPOCHS = 200;

let client: WorkerClient<ProjectorJobs> | null = null;
let ready: Promise<unknown> | null = null;
let abort: AbortController | null = null;

function spawn(): WorkerLike {
  return new Worker(new URL('../../../workers/projector.worker.ts', import.meta.url), { type: 'module', name: 'projector' });
}

export function projectorClient(): WorkerClient<ProjectorJobs> {
  client ??= new WorkerClient<ProjectorJobs>(spawn, { name: 'projector' });
  ready ??= client.run('init', { forced: requestedBackend() });
  return client;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
const st = () => useProjectorStore.getState();
const onProgress: ProgressFn = (done, total, note) => st().set({ progress: { done, total, note } });

async function job<T>(label: string, fn: (c: WorkerClient<ProjectorJobs>, signal: AbortSignal) => Promise<T>): Promise<T | null> {
  abort?.abort();
  const ac = new AbortController();
  abort = ac;
  st().set({ busy: label, progress: null, error: null });
  try {
    const c = projectorClient();
    await ready;
    return await fn(c, ac.signal);
  } catch (e) {
    if (!isAbort(e)) st().set({ error: message(e) });
    return null;
  } finally {
    if (abort === ac) {
      abort = null;
      st().set({ busy: null, progress: null });
    }
  }
}

export function cancelProjector(): void {
  abort?.abort();
}

export function currentProjection(): Projection2D | null {
  return projectorSession.projections[st().method] ?? null;
}

async function vectorsOf(key: string, signal: AbortSignal, c: WorkerClient<ProjectorJobs>): Promise<{ attrs: PointAttributes; points: number; dim: number; kind: 'item' | 'shopper' } | null> {
  const ds = currentDataset();
  if (key.startsWith('planted:')) {
    const n = Number(key.slice('planted:'.length));
    const out = await c.run('planted', { n, dim: PLANTED_DIM, clusters: PLANTED_CLUSTERS, seed: PROJECTOR_SEED }, { signal });
    const attrs = plantedVectorAttributes({ vectors: new Float32Array(0), dim: out.dim, labels: out.labels, clusters: PLANTED_CLUSTERS });
    return { attrs, points: out.points, dim: out.dim, kind: 'item' };
  }
  if (!ds) throw new Error('Load a dataset in the Data panel first (or choose the test vectors).');
  if (key === 'standin') {
    const out = await c.run('standin', { dataset: ds, dim: STANDIN_DIM, seed: PROJECTOR_SEED }, { signal, onProgress });
    return { attrs: itemAttributes(ds), points: out.points, dim: out.dim, kind: 'item' };
  }
  if (key.startsWith('pinsage:')) {
    const runId = key.slice('pinsage:'.length);
    if (exportSession.run?.runId !== runId || exportSession.run.dataset !== ds.name) {
      st().set({ progress: { done: 0, total: 1, note: 'inferring the run’s item embeddings from its checkpoint' } });
      await loadRunEmbeddings(runId);
      const e = useExportStore.getState().embeddings;
      if (e.kind === 'error') throw new Error(e.message);
    }
    const run = exportSession.run;
    if (!run || run.runId !== runId) throw new Error('The run’s embeddings could not be loaded.');
    const vectors = run.embeddings.slice();
    const out = await c.run('load', { vectors, dim: run.dim }, { signal, transfer: [vectors.buffer] });
    return { attrs: itemAttributes(ds), points: out.points, dim: out.dim, kind: 'item' };
  }
  if (key.startsWith('pinnerformer:')) {
    const runId = key.slice('pinnerformer:'.length);
    if (exportSession.shoppers?.runId !== runId || exportSession.shoppers.dataset !== ds.name) {
      st().set({ progress: { done: 0, total: 1, note: 'inferring every shopper’s embedding (daily snapshot)' } });
      await loadShopperEmbeddings(runId);
      const e = useExportStore.getState().shoppers;
      if (e.kind === 'error') throw new Error(e.message);
    }
    const sh = exportSession.shoppers;
    if (!sh || sh.runId !== runId) throw new Error('The run’s shopper embeddings could not be loaded.');
    const vectors = sh.vectors.slice();
    const out = await c.run('load', { vectors, dim: sh.dim }, { signal, transfer: [vectors.buffer] });
    return { attrs: shopperAttributes(ds, sh.ids), points: out.points, dim: out.dim, kind: 'shopper' };
  }
  throw new Error(`Unknown projector source "${key}".`);
}

/** Loads a source into the worker and projects it with the current method. */
export async function loadSource(key: string): Promise<void> {
  const label = sourceOptions(currentDataset()).find((s) => s.key === key)?.label ?? key;
  st().set({ sourceKey: key, loaded: null, projection: null, hover: null, clicked: null, selection: null });
  projectorSession.sourceKey = null;
  projectorSession.attrs = null;
  projectorSession.projections = {};
  projectorSession.selected = [];
  const got = await job(`loading ${label}`, (c, signal) => vectorsOf(key, signal, c));
  if (!got) return;
  projectorSession.sourceKey = key;
  projectorSession.attrs = got.attrs;
  const colour = key.startsWith('planted:') ? 'planted' : st().colour === 'planted' && !got.attrs.planted ? 'category' : st().colour;
  st().set({ loaded: { key, label, kind: got.kind, points: got.points, dim: got.dim }, colour });
  await project(st().method);
}

/** Shows the source with `method`, computing it once per loaded source. */
export async function project(method: Method): Promise<void> {
  st().set({ method, hover: null });
  if (!projectorSession.attrs) return;
  const key = projectorSession.sourceKey;
  let p = projectorSession.projections[method];
  if (!p) {
    const got = await job(method === 'pca' ? 'PCA' : 'UMAP', (c, signal) => c.run(method, method === 'umap' ? { seed: PROJECTOR_SEED, nEpochs: UMAP_EPOCHS } : { seed: PROJECTOR_SEED }, { signal, onProgress }));
    if (!got || projectorSession.sourceKey !== key) return;
    projectorSession.projections[method] = got;
    p = got;
  }
  if (st().method !== method) return;
  const clicked = st().clicked;
  st().set({
    projection: { method, note: p.note, seconds: p.seconds, drawn: p.coords.length / 2 },
    version: st().version + 1,
    ...(clicked ? { clicked: { ...clicked, neighbours: clicked.neighbours.map((n) => ({ ...n, drawn: scatterIndexOf(p, n.point) >= 0 })) } } : {}),
  });
}

/** The 10 nearest neighbours of a point in the full embedding space. */
export async function clickPoint(point: number): Promise<void> {
  const got = await job('nearest neighbours', (c, signal) => c.run('neighbours', { point, k: 10 }, { signal }));
  if (!got) return;
  const p = currentProjection();
  st().set({ clicked: { point, neighbours: got.map((n) => ({ ...n, drawn: p ? scatterIndexOf(p, n.point) >= 0 : false })) } });
}

/** Statistics of a set of data points. */
export function selectPoints(points: ArrayLike<number>, how: 'lasso' | 'search'): void {
  const attrs = projectorSession.attrs;
  if (!attrs) return;
  const p = currentProjection();
  let drawn = 0;
  if (p) for (let j = 0; j < points.length; j++) if (scatterIndexOf(p, points[j]) >= 0) drawn++;
  projectorSession.selected = Array.from(points);
  st().set({ selection: points.length ? { how, stats: selectionStats(attrs, points), drawn } : null });
}

/** Data points of scatter indices of the current projection. */
export function pointsOfScatter(indices: readonly number[]): number[] {
  const p = currentProjection();
  return p ? indices.map((j) => pointOf(p, j)) : [];
}

export function searchSelect(query: string): number[] {
  const attrs = projectorSession.attrs;
  st().set({ search: query });
  if (!attrs) return [];
  const hits = searchPoints(attrs, query);
  selectPoints(hits, 'search');
  return hits;
}
