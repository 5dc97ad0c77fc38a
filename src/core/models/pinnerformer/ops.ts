/**
 * Tensor ops shaped for the WASM backend of tfjs 4.22 (measured on the 2-core machine): batched
 * matmuls only in the plain (no transpose flag) form, with explicit transposes in the gradients
 * (the transposed paths were 1.5–2× slower); bias and LayerNorm-affine gradients as a ones-row
 * matmul instead of a Sum over axis 0 (which transposes first). Every op has gradients for its
 * tensor inputs. Pure tensor functions: call inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';

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
