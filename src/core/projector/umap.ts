/**
 * UMAP to two dimensions with umap-js, seeded and on a sample for large sets. The k-nearest-
 * neighbour graph UMAP starts from is computed exactly on the tfjs backend (batched matmul over
 * the L2-normalised rows, the cosine geometry of the projector's neighbour lists) and handed to
 * umap-js, instead of its approximate NN-descent; the layout epochs run in umap-js with a seeded
 * random source, so the same rows and seed give the same picture.
 */
import { UMAP } from 'umap-js';
import type { ProgressFn } from '../data/types';
import { topKByDot } from '../retrieval/top-k';
import { Rng } from '../rng';
import { l2NormaliseRows } from './normalise';
import type { Projection2D } from './types';

/** From this many points on, UMAP runs on a sample (UMAP_SAMPLE_SIZE rows). */
export const UMAP_SAMPLE_FROM = 10_000;
export const UMAP_SAMPLE_SIZE = 5_000;

export interface UmapOptions {
  seed?: number;
  nNeighbors?: number;
  minDist?: number;
  /** Layout epochs (default: umap-js's choice by size, 200–500). */
  nEpochs?: number;
  sampleFrom?: number;
  sampleSize?: number;
  signal?: AbortSignal;
  progress?: ProgressFn;
}

/** The rows UMAP lays out: all of them below `sampleFrom`, else a seeded sample of `sampleSize`, ascending. */
export function umapRows(n: number, seed: number, sampleFrom = UMAP_SAMPLE_FROM, sampleSize = UMAP_SAMPLE_SIZE): Uint32Array | null {
  if (n < sampleFrom || sampleSize >= n) return null;
  return new Rng(seed).fork('umap-sample').sampleDistinct(n, sampleSize).sort();
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export async function umap2d(vectors: Float32Array, dim: number, opts: UmapOptions = {}): Promise<Projection2D> {
  const n = vectors.length / dim;
  if (!Number.isInteger(n)) throw new Error(`${vectors.length} values are not a whole number of rows of ${dim}`);
  const seed = opts.seed ?? 0;
  const t0 = performance.now();
  const rows = umapRows(n, seed, opts.sampleFrom, opts.sampleSize);
  const m = rows ? rows.length : n;
  const nNeighbors = Math.min(opts.nNeighbors ?? 15, m - 1);
  if (m < 4) throw new Error(`UMAP needs at least 4 points, got ${m}`);
  const normalised = l2NormaliseRows(rows ? gatherRows(vectors, dim, rows) : vectors, dim);
  const progress = opts.progress ?? (() => undefined);

  progress(0, 1, `exact ${nNeighbors}-nearest-neighbour graph of ${m.toLocaleString('en-US')} points`);
  const all = Uint32Array.from({ length: m }, (_, i) => i);
  const top = await topKByDot(normalised, dim, all, nNeighbors, false);
  opts.signal?.throwIfAborted();
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let i = 0; i < m; i++) {
    const idx: number[] = [];
    const dist: number[] = [];
    for (let j = 0; j < top.k; j++) {
      idx.push(top.items[i * top.k + j]);
      // Euclidean distance of unit vectors: √(2 − 2 cos)
      dist.push(Math.sqrt(Math.max(0, 2 - 2 * top.scores[i * top.k + j])));
    }
    knnIndices.push(idx);
    knnDistances.push(dist);
  }

  const rng = new Rng(seed).fork('umap');
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: opts.minDist ?? 0.1,
    ...(opts.nEpochs ? { nEpochs: opts.nEpochs } : {}),
    random: () => rng.nextFloat(),
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  const data: number[][] = [];
  for (let i = 0; i < m; i++) data.push(Array.from(normalised.subarray(i * dim, (i + 1) * dim)));
  progress(0, 1, 'fuzzy simplicial set');
  const epochs = umap.initializeFit(data);
  let last = performance.now();
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (performance.now() - last > 50) {
      progress(e + 1, epochs, `layout epoch ${e + 1} of ${epochs}`);
      await yieldToLoop();
      opts.signal?.throwIfAborted();
      last = performance.now();
    }
  }
  progress(epochs, epochs, 'done');
  const emb = umap.getEmbedding();
  const coords = new Float32Array(m * 2);
  for (let i = 0; i < m; i++) {
    coords[i * 2] = emb[i][0];
    coords[i * 2 + 1] = emb[i][1];
  }
  const what = rows
    ? `a seeded sample of ${m.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} points (sets of ${(opts.sampleFrom ?? UMAP_SAMPLE_FROM).toLocaleString('en-US')} or more are sampled; the others are not drawn in this view)`
    : `all ${m.toLocaleString('en-US')} points`;
  return {
    method: 'umap',
    coords,
    rows,
    seconds: (performance.now() - t0) / 1000,
    note: `UMAP of ${what}: exact cosine ${nNeighbors}-NN graph, ${epochs} epochs, seed ${seed}`,
  };
}

function gatherRows(vectors: Float32Array, dim: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) out.set(vectors.subarray(rows[i] * dim, (rows[i] + 1) * dim), i * dim);
  return out;
}
