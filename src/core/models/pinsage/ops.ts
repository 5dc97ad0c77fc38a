/**
 * Tensor ops PinSage uses in its hot path, shaped for the WASM backend of tfjs 4.22:
 * - `mm`: 2-D matmul whose gradients use explicit transposes (the backend's transposeA / transposeB
 *   matmul paths measured 10–20× slower than transpose + plain matmul for our shapes);
 * - `rowGather`: row gather; on WASM a JS kernel over the heap (tfjs's WASM GatherV2 took ~1 s for
 *   40k × 256 rows here); its gradient is UnsortedSegmentSum (registered by src/core/compute);
 * - `weightedPool`: Σ_j w[r, j] · x[r, j, :] as a batched matmul (no broadcast multiply);
 * - `gatherPool`: Σ_j w[r, j] · x[idx[r, j], :] fused (gather + pool, and scatter-add as its
 *   gradient); on WASM two JS kernels over the heap: the batched-matmul pooling gradient
 *   ([rows, T, 1] × [rows, 1, d]) and UnsortedSegmentSum were ~70 % of a training step.
 * Every op has a gradient for its tensor inputs; pooling / mask weights get none (they are data).
 */
import * as tf from '@tensorflow/tfjs-core';
import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const ROW_GATHER = 'PinSageRowGather';
const GATHER_POOL = 'PinSageGatherPool';
const SCATTER_POOL = 'PinSageScatterPool';

type HeapBackend = Pick<BackendWasm, 'makeOutput' | 'typedArrayFromHeap'>;

function copyRows(src: Float32Array, idx: Int32Array, inner: number, out: Float32Array): void {
  for (let r = 0; r < idx.length; r++) {
    const s = idx[r] * inner;
    out.set(src.subarray(s, s + inner), r * inner);
  }
}

const rowGatherWasm: KernelFunc = ({ inputs, backend }) => {
  const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
  const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const n = indices.shape[0];
  const wasm = backend as HeapBackend;
  const out = wasm.makeOutput([n, ...x.shape.slice(1)], 'float32');
  // views after makeOutput: an allocation may grow (replace) the heap
  const outValues = wasm.typedArrayFromHeap(out) as Float32Array;
  copyRows(wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(indices) as Int32Array, inner, outValues);
  return out;
};

/** out[r] = Σ_j w[r·T + j] · x[idx[r·T + j]] for r < rows (x row-major, `d` wide). */
export function gatherPoolInto(x: Float32Array, idx: Int32Array, w: Float32Array, rows: number, T: number, d: number, out: Float32Array): void {
  out.fill(0, 0, rows * d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    for (let j = 0; j < T; j++) {
      const wt = w[r * T + j];
      if (wt === 0) continue;
      const s = idx[r * T + j] * d;
      for (let k = 0; k < d; k++) out[o + k] += wt * x[s + k];
    }
  }
}

/** dx[idx[r·T + j]] += w[r·T + j] · dy[r] (the transpose of gatherPoolInto); dx has `n` rows. */
export function scatterPoolInto(dy: Float32Array, idx: Int32Array, w: Float32Array, rows: number, T: number, d: number, n: number, dx: Float32Array): void {
  dx.fill(0, 0, n * d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    for (let j = 0; j < T; j++) {
      const wt = w[r * T + j];
      if (wt === 0) continue;
      const s = idx[r * T + j] * d;
      for (let k = 0; k < d; k++) dx[s + k] += wt * dy[o + k];
    }
  }
}

const gatherPoolWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, indices, weights } = inputs as { x: TensorInfo; indices: TensorInfo; weights: TensorInfo };
  const { rows, T } = attrs as unknown as { rows: number; T: number };
  const d = x.shape[1];
  const wasm = backend as HeapBackend;
  const out = wasm.makeOutput([rows, d], 'float32');
  const o = wasm.typedArrayFromHeap(out) as Float32Array;
  gatherPoolInto(wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(indices) as Int32Array, wasm.typedArrayFromHeap(weights) as Float32Array, rows, T, d, o);
  return out;
};

const scatterPoolWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, indices, weights } = inputs as { dy: TensorInfo; indices: TensorInfo; weights: TensorInfo };
  const { n, T } = attrs as unknown as { n: number; T: number };
  const [rows, d] = dy.shape;
  const wasm = backend as HeapBackend;
  const out = wasm.makeOutput([n, d], 'float32');
  const o = wasm.typedArrayFromHeap(out) as Float32Array;
  scatterPoolInto(wasm.typedArrayFromHeap(dy) as Float32Array, wasm.typedArrayFromHeap(indices) as Int32Array, wasm.typedArrayFromHeap(weights) as Float32Array, rows, T, d, n, o);
  return out;
};

let registered = false;
function ensureKernel(): void {
  if (registered) return;
  registered = true;
  if (getKernel(ROW_GATHER, 'wasm') == null) registerKernel({ kernelName: ROW_GATHER, backendName: 'wasm', kernelFunc: rowGatherWasm });
  if (getKernel(GATHER_POOL, 'wasm') == null) registerKernel({ kernelName: GATHER_POOL, backendName: 'wasm', kernelFunc: gatherPoolWasm });
  if (getKernel(SCATTER_POOL, 'wasm') == null) registerKernel({ kernelName: SCATTER_POOL, backendName: 'wasm', kernelFunc: scatterPoolWasm });
}

function useHeapGather(x: tf.Tensor): boolean {
  return tf.getBackend() === 'wasm' && x.dtype === 'float32';
}

/** x[indices] along axis 0 (indices int32, 1-D, each in [0, rows)). */
export function rowGather(x: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  if (!useHeapGather(x)) return tf.gather(x, indices);
  ensureKernel();
  const rows = x.shape[0];
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xx = args[0] as tf.Tensor;
    // the gradient reads the saved (kept) copy of the indices, never the closure's tensor: a
    // caller may dispose `indices` (an inner tidy) before the backward pass runs
    (args[1] as tf.GradSaveFunc)([indices]);
    const value = tf.engine().runKernel(ROW_GATHER, { x: xx, indices }, {}) as tf.Tensor;
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.unsortedSegmentSum(dy, saved[0] as tf.Tensor1D, rows) };
  });
  return f(x);
}

/**
 * x + b for 2-D x and a bias row b, whose bias gradient is ones[1, rows] · dy (a GEMV) instead of
 * tfjs's axis-0 sum of the broadcast (a transpose + reduce on WASM).
 */
export function addBias(x: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D {
  const [rows, d] = x.shape;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xx = args[0] as tf.Tensor;
    const bb = args[1] as tf.Tensor;
    (args[2] as tf.GradSaveFunc)([]);
    return {
      value: tf.add(xx, bb),
      gradFunc: (dy: tf.Tensor) => [dy, tf.reshape(tf.matMul(tf.ones([1, rows]), dy as tf.Tensor2D), [d])],
    };
  });
  return f(x, b) as tf.Tensor2D;
}

/** a · b for 2-D a, b, with transpose-then-matmul gradients. */
export function mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const aa = args[0] as tf.Tensor;
    const bb = args[1] as tf.Tensor;
    (args[2] as tf.GradSaveFunc)([aa, bb]);
    return {
      value: tf.matMul(aa as tf.Tensor2D, bb as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as tf.Tensor2D[];
        return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
      },
    };
  });
  return f(a, b) as tf.Tensor2D;
}

/** Σ_j w[r, j, 0] · x[r, j, :] → [rows, d]; `x` [rows, T, d], `w` [rows, T, 1] (data: no gradient). */
export function weightedPool(x: tf.Tensor3D, w: tf.Tensor): tf.Tensor2D {
  const [rows, T, d] = x.shape;
  const wt = tf.reshape(w, [rows, 1, T]) as tf.Tensor3D;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xx = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([w]);
    return {
      value: tf.reshape(tf.matMul(wt, xx as tf.Tensor3D), [rows, d]),
      // d x[r, j, :] = w[r, j] · dy[r, :]: [rows, T, 1] × [rows, 1, d]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.matMul(tf.reshape(saved[0], [rows, T, 1]) as tf.Tensor3D, tf.reshape(dy, [rows, 1, d]) as tf.Tensor3D),
    };
  });
  return f(x) as tf.Tensor2D;
}

/**
 * Σ_j w[r, j] · x[idx[r, j], :] → [rows, d]: gather and weighted pooling in one op. `idx` holds
 * rows·T int32 indices into x's rows, `w` rows·T float32 weights (any shape with that size; data:
 * no gradient). On WASM a fused JS kernel (gradient: its scatter-add); elsewhere rowGather +
 * weightedPool (same values).
 */
export function gatherPool(x: tf.Tensor2D, idx: tf.Tensor, w: tf.Tensor, rows: number, T: number): tf.Tensor2D {
  const [n, d] = x.shape;
  if (!useHeapGather(x)) return weightedPool(tf.reshape(rowGather(x, idx), [rows, T, d]) as tf.Tensor3D, tf.reshape(w, [rows, T, 1]));
  ensureKernel();
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xx = args[0] as tf.Tensor;
    // saved (kept) copies of the indices and weights for the gradient, as in rowGather
    (args[1] as tf.GradSaveFunc)([idx, w]);
    const value = tf.engine().runKernel(GATHER_POOL, { x: xx, indices: idx, weights: w }, { rows, T }) as tf.Tensor;
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(SCATTER_POOL, { dy, indices: saved[0], weights: saved[1] }, { n, T }) as tf.Tensor,
    };
  });
  return f(x) as tf.Tensor2D;
}
