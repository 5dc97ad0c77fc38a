// PinSage ops and the importance-pooling convolution: gradients checked numerically (CPU backend),
// and the WASM row-gather kernel against tf.gather (value and gradient).
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerMissingKernels } from '../../compute/kernels/register';
import { Rng } from '../../rng';
import { combine, poolNeighbours, transformNeighbours, type ConvWeights } from './layers';
import { addBias, gatherPool, mm, rowGather, weightedPool } from './ops';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

function rand(rng: Rng, shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
}

/** Central-difference gradient of scalar f at x, entry by entry (float64 maths on float32 tensors). */
function numericGrad(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): Float32Array {
  const base = x.dataSync().slice();
  const g = new Float32Array(base.length);
  for (let k = 0; k < base.length; k++) {
    const plus = base.slice();
    plus[k] += eps;
    const minus = base.slice();
    minus[k] -= eps;
    const fp = tf.tidy(() => f(tf.tensor(plus, x.shape)).dataSync()[0]);
    const fm = tf.tidy(() => f(tf.tensor(minus, x.shape)).dataSync()[0]);
    g[k] = (fp - fm) / (2 * eps);
  }
  return g;
}

function expectClose(a: Float32Array, b: Float32Array, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let scale = 1e-3;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  expect(worst / scale).toBeLessThan(tol);
}

describe('importance-pooling convolution', () => {
  it('analytic gradients of the layer (wrt h, Q, W) match central differences', () => {
    const rng = new Rng(7);
    const nBelow = 6;
    const rows = 3;
    const T = 3;
    const d = 4;
    const hid = 5;
    const h = rand(rng, [nBelow, d]);
    const c: ConvWeights = {
      Q: tf.variable(rand(rng, [d, hid])),
      q: tf.variable(tf.fill([hid], 0.1)),
      W: tf.variable(rand(rng, [d + hid, hid])),
      w: tf.variable(tf.fill([hid], 0.05)),
    };
    const nbr = tf.tensor1d([3, 4, 5, 0, 2, 0, 1, 5, 0], 'int32');
    const weights = tf.tensor3d([0.5, 0.3, 0.2, 0.7, 0.3, 0, 0.2, 0.2, 0.6], [rows, T, 1]);
    const probe = rand(rng, [rows, hid]);
    const layer = (hh: tf.Tensor, Q: tf.Tensor, W: tf.Tensor): tf.Scalar =>
      tf.sum(
        tf.mul(
          combine({ ...c, Q: Q as tf.Variable, W: W as tf.Variable }, tf.slice(hh, [0, 0], [rows, -1]) as tf.Tensor2D, poolNeighbours(transformNeighbours({ ...c, Q: Q as tf.Variable }, hh as tf.Tensor2D), nbr, weights, rows, T, 'importance')),
          probe,
        ),
      ) as tf.Scalar;
    const [gh, gQ, gW] = tf.grads((a, b, e) => layer(a, b, e))([h, c.Q, c.W]);
    expectClose(gh.dataSync() as Float32Array, numericGrad((x) => layer(x, c.Q, c.W), h), 2e-2);
    expectClose(gQ.dataSync() as Float32Array, numericGrad((x) => layer(h, x, c.W), c.Q), 2e-2);
    expectClose(gW.dataSync() as Float32Array, numericGrad((x) => layer(h, c.Q, x), c.W), 2e-2);
  });

  it('importance pooling is the walk-weighted sum of the transformed neighbours', () => {
    const z = tf.tensor2d([[1, 0], [0, 2], [3, 3]]);
    const pooled = poolNeighbours(z, tf.tensor1d([0, 1, 2, 2], 'int32'), tf.tensor3d([0.25, 0.75, 1, 0], [2, 2, 1]), 2, 2, 'importance');
    expect(Array.from(pooled.dataSync())).toEqual([0.25, 1.5, 3, 3]);
    const maxed = poolNeighbours(z, tf.tensor1d([0, 1, 2, 2], 'int32'), tf.tensor3d([1, 1, 1, 0], [2, 2, 1]), 2, 2, 'max');
    expect(Array.from(maxed.dataSync())).toEqual([1, 2, 3, 3]);
  });

  it('mm, addBias and weightedPool have the gradients of matMul, of a broadcast add and of a broadcast multiply-sum', () => {
    const rng = new Rng(3);
    const a = rand(rng, [4, 3]);
    const b = rand(rng, [3, 5]);
    const [ga, gb] = tf.grads((x, y) => tf.sum(tf.square(mm(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    const [ra, rb] = tf.grads((x, y) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
    expectClose(ga.dataSync() as Float32Array, ra.dataSync() as Float32Array, 1e-5);
    expectClose(gb.dataSync() as Float32Array, rb.dataSync() as Float32Array, 1e-5);
    const [gx, gbias] = tf.grads((x, y) => tf.sum(tf.square(addBias(x as tf.Tensor2D, y))))([a, tf.reshape(tf.slice(b, [0, 0], [1, 3]), [3])]);
    const [rx, rbias] = tf.grads((x, y) => tf.sum(tf.square(tf.add(x, y))))([a, tf.reshape(tf.slice(b, [0, 0], [1, 3]), [3])]);
    expectClose(gx.dataSync() as Float32Array, rx.dataSync() as Float32Array, 1e-5);
    expectClose(gbias.dataSync() as Float32Array, rbias.dataSync() as Float32Array, 1e-5);
    const x = rand(rng, [2, 3, 4]);
    const w = tf.tensor3d([0.2, 0.3, 0.5, 1, 0, 0], [2, 3, 1]);
    const g1 = tf.grad((t) => tf.sum(tf.square(weightedPool(t as tf.Tensor3D, w))))(x);
    const g2 = tf.grad((t) => tf.sum(tf.square(tf.sum(tf.mul(t, w), 1))))(x);
    expectClose(g1.dataSync() as Float32Array, g2.dataSync() as Float32Array, 1e-5);
  });
});

describe('row gather on wasm', () => {
  it('equals tf.gather in value and gradient (JS kernel over the WASM heap)', async () => {
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    const ok = await tf.setBackend('wasm').catch(() => false);
    if (!ok) return; // no WASM in this Node: covered in the browser
    try {
      registerMissingKernels();
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const idx = tf.tensor1d([2, 0, 2, 1], 'int32');
      expect(Array.from(rowGather(x, idx).dataSync())).toEqual([5, 6, 1, 2, 5, 6, 3, 4]);
      const probe = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const g = tf.grad((t) => tf.sum(tf.mul(rowGather(t, idx), probe)))(x);
      expect(Array.from(g.dataSync())).toEqual([3, 4, 7, 8, 6, 8]);
      // the index / weight tensors may be disposed (inner tidy) before the backward pass: the
      // gradients must use their saved copies, not the disposed originals
      const g2 = tf.grad((t) => tf.sum(tf.mul(tf.tidy(() => rowGather(t, tf.tensor1d([2, 0, 2, 1], 'int32'))), probe)))(x);
      expect(Array.from(g2.dataSync())).toEqual([3, 4, 7, 8, 6, 8]);
      const pooled = (t: tf.Tensor): tf.Tensor => tf.tidy(() => gatherPool(t as tf.Tensor2D, tf.tensor1d([2, 0, 1, 1], 'int32'), tf.tensor3d([0.5, 0.5, 1, 0], [2, 2, 1]), 2, 2));
      const g3 = tf.grad((t) => tf.sum(tf.mul(pooled(t), tf.tensor2d([[1, 2], [3, 4]]))))(x);
      expect(Array.from(g3.dataSync())).toEqual([0.5, 1, 3, 4, 0.5, 1]);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});

describe('fused gather-pool', () => {
  it('on wasm equals the CPU gather + weighted pool in value and gradient (repeated indices, zero weights)', async () => {
    const rng = new Rng(11);
    const xv = Float32Array.from({ length: 7 * 5 }, () => rng.normal());
    const idx = [6, 0, 6, 2, 1, 1, 0, 0, 3, 4, 5, 6];
    const wv = [0.5, 0.3, 0.2, 0, 0.6, 0.4, 0, 0, 1, 0.25, 0.25, 0.5];
    const probe = Float32Array.from({ length: 4 * 5 }, () => rng.normal());
    const run = (): { value: Float32Array; grad: Float32Array } => {
      const x = tf.tensor2d(xv, [7, 5]);
      const i = tf.tensor1d(idx, 'int32');
      const w = tf.tensor3d(wv, [4, 3, 1]);
      const p = tf.tensor2d(probe, [4, 5]);
      const value = gatherPool(x, i, w, 4, 3).dataSync() as Float32Array;
      const grad = tf.grad((t) => tf.sum(tf.mul(gatherPool(t as tf.Tensor2D, i, w, 4, 3), p)))(x).dataSync() as Float32Array;
      return { value: Float32Array.from(value), grad: Float32Array.from(grad) };
    };
    const cpu = run();
    // the CPU path is rowGather + weightedPool: check it against a plain loop
    const want = new Float32Array(4 * 5);
    for (let r = 0; r < 4; r++) for (let j = 0; j < 3; j++) for (let k = 0; k < 5; k++) want[r * 5 + k] += wv[r * 3 + j] * xv[idx[r * 3 + j] * 5 + k];
    expectClose(cpu.value, want, 1e-5);
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    const ok = await tf.setBackend('wasm').catch(() => false);
    if (!ok) return;
    try {
      registerMissingKernels();
      const wasm = run();
      expectClose(wasm.value, cpu.value, 1e-5);
      expectClose(wasm.grad, cpu.grad, 1e-5);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
