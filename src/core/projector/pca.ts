/**
 * PCA to two dimensions on the active tfjs backend: the covariance XᶜᵀXᶜ/(n−1) by one matmul,
 * its top two eigenvectors by orthogonal (subspace) power iteration from a seeded start, then
 * the projection Xᶜ·V. Signs are fixed (each axis's largest-magnitude loading positive), so the
 * same input and seed give the same picture on every backend up to float rounding.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../rng';
import type { Projection2D } from './types';

export interface PcaOptions {
  seed?: number;
  /** Power-iteration cap (default 500). */
  maxIterations?: number;
  /** Stop when both axes turn by less than this (1 − |cos|, default 1e-7). */
  tolerance?: number;
  signal?: AbortSignal;
}

export interface PcaResult extends Projection2D {
  method: 'pca';
  explained: [number, number];
  /** The two principal axes, dim values each (axis 0 first). */
  axes: Float32Array;
  iterations: number;
}

const CHECK_EVERY = 10;

export async function pca2d(vectors: Float32Array, dim: number, opts: PcaOptions = {}): Promise<PcaResult> {
  const n = vectors.length / dim;
  if (!Number.isInteger(n) || n < 3) throw new Error(`PCA needs at least 3 rows of ${dim} values, got ${vectors.length} values`);
  if (dim < 2) throw new Error(`PCA to 2-D needs at least 2 dimensions, got ${dim}`);
  const maxIter = opts.maxIterations ?? 500;
  const tol = opts.tolerance ?? 1e-7;
  const t0 = performance.now();
  const rng = new Rng(opts.seed ?? 0).fork('pca');
  const start = new Float32Array(dim * 2);
  for (let i = 0; i < start.length; i++) start[i] = rng.normal();

  const x = tf.tensor2d(vectors, [n, dim]);
  const centred = tf.tidy(() => tf.sub(x, tf.mean(x, 0, true)));
  x.dispose();
  const cov = tf.tidy(() => tf.div(tf.matMul(centred, centred, true, false), n - 1));
  let v: tf.Tensor2D = orthonormal(tf.tensor2d(start, [dim, 2]));
  let prev = start;
  let iterations = 0;
  try {
    for (;;) {
      for (let k = 0; k < CHECK_EVERY; k++) {
        const next = tf.tidy(() => orthonormal(tf.matMul(cov, v)));
        v.dispose();
        v = next;
      }
      iterations += CHECK_EVERY;
      const cur = (await v.data()) as Float32Array;
      const turned = Math.max(turn(prev, cur, dim, 0), turn(prev, cur, dim, 1));
      prev = cur.slice();
      opts.signal?.throwIfAborted();
      if (turned < tol || iterations >= maxIter) break;
    }
    const axes = fixSigns(prev, dim);
    const vFixed = tf.tensor2d(axes, [dim, 2]);
    const [coordsT, eigT, traceT] = tf.tidy(() => {
      const cv = tf.matMul(cov, vFixed);
      return [tf.matMul(centred, vFixed), tf.sum(tf.mul(vFixed, cv), 0), tf.sum(tf.mul(cov, tf.eye(dim)))];
    });
    vFixed.dispose();
    const coords = (await coordsT.data()) as Float32Array;
    const eig = (await eigT.data()) as Float32Array;
    const trace = (await traceT.data())[0];
    tf.dispose([coordsT, eigT, traceT]);
    const explained: [number, number] = trace > 0 ? [eig[0] / trace, eig[1] / trace] : [0, 0];
    return {
      method: 'pca',
      coords: coords.slice(),
      rows: null,
      seconds: (performance.now() - t0) / 1000,
      explained,
      axes: toRowAxes(axes, dim),
      iterations,
      note: `PCA of all ${n.toLocaleString('en-US')} points (${dim}-D) on ${tf.getBackend()}: axes explain ${(explained[0] * 100).toFixed(1)} % and ${(explained[1] * 100).toFixed(1)} % of the variance (${iterations} power iterations)`,
    };
  } finally {
    tf.dispose([centred, cov, v]);
  }
}

/** Gram–Schmidt on the two columns of a dim × 2 matrix (inside tidy). */
function orthonormal(w: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [a, b] = tf.split(w, 2, 1);
    const u = tf.div(a, tf.add(tf.norm(a), 1e-30));
    const b2 = tf.sub(b, tf.mul(u, tf.sum(tf.mul(u, b))));
    const v = tf.div(b2, tf.add(tf.norm(b2), 1e-30));
    return tf.concat([u, v], 1) as tf.Tensor2D;
  });
}

/** 1 − |cos| between column `c` of two dim × 2 row-major matrices. */
function turn(a: Float32Array, b: Float32Array, dim: number, c: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < dim; d++) {
    const x = a[d * 2 + c];
    const y = b[d * 2 + c];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return 1 - Math.abs(dot) / Math.sqrt(na * nb || 1);
}

function fixSigns(v: Float32Array, dim: number): Float32Array {
  const out = v.slice();
  for (let c = 0; c < 2; c++) {
    let best = 0;
    for (let d = 0; d < dim; d++) if (Math.abs(out[d * 2 + c]) > Math.abs(best)) best = out[d * 2 + c];
    if (best < 0) for (let d = 0; d < dim; d++) out[d * 2 + c] = -out[d * 2 + c];
  }
  return out;
}

/** dim × 2 (row-major) → two rows of dim. */
function toRowAxes(v: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(dim * 2);
  for (let d = 0; d < dim; d++) {
    out[d] = v[d * 2];
    out[dim + d] = v[d * 2 + 1];
  }
  return out;
}
