/**
 * Tensor ops shaped for the WASM backend of tfjs 4.22 (measured on the 2-core machine): batched
 * matmuls only in the plain (no transpose flag) form, with explicit transposes in the gradients
 * (the transposed paths were 1.5–2× slower); bias and LayerNorm-affine gradients as a ones-row
 * matmul instead of a Sum over axis 0 (which transposes first). Every op has gradients for its
 * tensor inputs. Pure tensor functions: call inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Saved = (tensors: tf.Tensor[]) => void;

/** Batched a · b for 3-D a [n, p, q], b [n, q, r]. */
export function bmm(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const aa = args[0] as tf.Tensor3D;
    const bb = args[1] as tf.Tensor3D;
    (args[2] as Saved)([aa, bb]);
    return {
      value: tf.matMul(aa, bb),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as tf.Tensor3D[];
        const d = dy as tf.Tensor3D;
        return [tf.matMul(d, tf.transpose(sb, [0, 2, 1])), tf.matMul(tf.transpose(sa, [0, 2, 1]), d)];
      },
    };
  });
  return f(a, b) as tf.Tensor3D;
}

/** Column sums of a 2-D tensor as a ones-row matmul: [n, d] → [d]. */
function colSum(x: tf.Tensor): tf.Tensor {
  const n = x.shape[0];
  return tf.reshape(tf.matMul(tf.ones([1, n]), x as tf.Tensor2D), [x.shape[1] as number]);
}

/** x [n, d] + b [d]. */
export function addBias(x: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    (args[2] as Saved)([]);
    return { value: tf.add(args[0] as tf.Tensor, args[1] as tf.Tensor), gradFunc: (dy: tf.Tensor) => [dy, colSum(dy)] };
  });
  return f(x, b) as tf.Tensor2D;
}

/** LayerNorm over the last axis of x [n, d] with gain g [d] and shift b [d]. */
export function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const mean = tf.mean(x, -1, true);
  const c = tf.sub(x, mean);
  const xhat = tf.mul(c, tf.rsqrt(tf.add(tf.mean(tf.square(c), -1, true), 1e-5))) as tf.Tensor2D;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xh = args[0] as tf.Tensor;
    const gg = args[1] as tf.Tensor;
    (args[3] as Saved)([xh, gg]);
    return {
      value: tf.add(tf.mul(xh, gg), args[2] as tf.Tensor),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sg] = saved;
        return [tf.mul(dy, sg), colSum(tf.mul(dy, sx)), colSum(dy)];
      },
    };
  });
  return f(xhat, g, b) as tf.Tensor2D;
}

const TRANSPOSE_2D = 'PinnerFormerTranspose2D';

/** out[j · rows + i] = x[i · cols + j], in 32 × 32 tiles. */
export function transposeInto(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const T = 32;
  for (let i0 = 0; i0 < rows; i0 += T) {
    const i1 = Math.min(rows, i0 + T);
    for (let j0 = 0; j0 < cols; j0 += T) {
      const j1 = Math.min(cols, j0 + T);
      for (let i = i0; i < i1; i++) {
        const xi = i * cols;
        for (let j = j0; j < j1; j++) out[j * rows + i] = x[xi + j];
      }
    }
  }
}

const transposeWasm: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  const [rows, cols] = x.shape;
  const wasm = backend as Pick<BackendWasm, 'makeOutput' | 'typedArrayFromHeap'>;
  const out = wasm.makeOutput([cols, rows], 'float32');
  // views after makeOutput: an allocation may grow (replace) the heap
  const o = wasm.typedArrayFromHeap(out) as Float32Array;
  transposeInto(wasm.typedArrayFromHeap(x) as Float32Array, rows, cols, o);
  return out;
};

/**
 * 2-D float transpose. On WASM a JS kernel over the heap: tfjs 4.22's WASM Transpose took ~40 ms
 * of CPU for an [8192, 128] matrix (the activations' transposes in every weight gradient), the
 * tiled copy a few ms. No gradient (used inside gradients only).
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm' || x.dtype !== 'float32') return tf.transpose(x);
  if (getKernel(TRANSPOSE_2D, 'wasm') == null) registerKernel({ kernelName: TRANSPOSE_2D, backendName: 'wasm', kernelFunc: transposeWasm });
  return tf.engine().runKernel(TRANSPOSE_2D, { x }, {}) as tf.Tensor2D;
}

/** a · b for 2-D a, b; gradients as plain matmuls after a transpose2d. */
export function mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const aa = args[0] as tf.Tensor2D;
    const bb = args[1] as tf.Tensor2D;
    (args[2] as Saved)([aa, bb]);
    return {
      value: tf.matMul(aa, bb),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as tf.Tensor2D[];
        return [tf.matMul(dy as tf.Tensor2D, transpose2d(sb)), tf.matMul(transpose2d(sa), dy as tf.Tensor2D)];
      },
    };
  });
  return f(a, b) as tf.Tensor2D;
}

/**
 * a · W where `a` is data (no gradient wanted): the gradient is W's alone (aᵀ · dy), so the
 * backward pass skips the dy · Wᵀ a plain mm would compute for its first input.
 */
export function mmData(a: tf.Tensor2D, W: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const ww = args[0] as tf.Tensor2D;
    (args[1] as Saved)([a]);
    return {
      value: tf.matMul(a, ww),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(transpose2d(saved[0] as tf.Tensor2D), dy as tf.Tensor2D)],
    };
  });
  return f(W) as tf.Tensor2D;
}

/** log Σ exp over the last axis of x [n, c] → [n]; gradient dy · softmax(x) (no max-selection ops in the backward pass). */
export function logSumExpRows(x: tf.Tensor2D): tf.Tensor1D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xx = args[0] as tf.Tensor2D;
    const m = tf.max(xx, 1, true);
    const value = tf.add(tf.log(tf.sum(tf.exp(tf.sub(xx, m)), 1)), tf.reshape(m, [-1])) as tf.Tensor1D;
    (args[1] as Saved)([xx, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sv] = saved;
        return [tf.mul(tf.exp(tf.sub(sx, tf.reshape(sv, [-1, 1]))), tf.reshape(dy, [-1, 1]))];
      },
    };
  });
  return f(x) as tf.Tensor1D;
}
