import * as tf from '@tensorflow/tfjs-core';
import { ints, uniform } from './seeded';

/** One op under test: float inputs (differentiated), int inputs (closed over) and the function. */
export interface ParityCase {
  name: string;
  /** The tfjs ops / kernels it exercises, for the report. */
  covers: string[];
  floats: { shape: number[]; lo?: number; hi?: number }[];
  ints?: { shape: number[]; max: number }[];
  f(floats: tf.Tensor[], ints: tf.Tensor[]): tf.Tensor;
}

const layerNorm = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor => {
  const mean = tf.mean(x, -1, true);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
};

/**
 * Every op family the models use (PinSage: gather, segment sums, matmuls, normalisation;
 * PinnerFormer: batched matmul attention, softmax, layer norm; losses: logSumExp, softplus).
 * Shapes are small so that SwiftShader WebGPU stays fast.
 */
export const PARITY_CASES: ParityCase[] = [
  {
    name: 'gather',
    covers: ['GatherV2', 'UnsortedSegmentSum (grad)'],
    floats: [{ shape: [20, 8] }],
    ints: [{ shape: [32], max: 20 }],
    f: ([p], [i]) => tf.gather(p, i),
  },
  {
    name: 'gather.axis1',
    covers: ['GatherV2 axis 1', 'Transpose'],
    floats: [{ shape: [6, 12, 3] }],
    ints: [{ shape: [9], max: 12 }],
    f: ([p], [i]) => tf.gather(p, i, 1),
  },
  {
    name: 'unsortedSegmentSum',
    covers: ['UnsortedSegmentSum', 'GatherV2 (grad)'],
    floats: [{ shape: [30, 6] }],
    ints: [{ shape: [30], max: 10 }],
    f: ([x], [ids]) => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, 11),
  },
  {
    name: 'matMul',
    covers: ['BatchMatMul'],
    floats: [{ shape: [5, 7] }, { shape: [7, 4] }],
    f: ([a, b]) => tf.matMul(a, b),
  },
  {
    name: 'matMul.transposed',
    covers: ['BatchMatMul transposeA/B'],
    floats: [{ shape: [7, 5] }, { shape: [4, 7] }],
    f: ([a, b]) => tf.matMul(a, b, true, true),
  },
  {
    name: 'matMul.batched',
    covers: ['BatchMatMul (batched)'],
    floats: [{ shape: [3, 5, 7] }, { shape: [3, 7, 4] }],
    f: ([a, b]) => tf.matMul(a, b),
  },
  {
    name: 'matMul.attention',
    covers: ['BatchMatMul transposeB', 'Softmax', 'Mul'],
    floats: [{ shape: [2, 6, 8] }, { shape: [2, 6, 8] }, { shape: [2, 6, 8] }],
    f: ([q, k, v]) => tf.matMul(tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(8))), v),
  },
  {
    name: 'softmax',
    covers: ['Softmax'],
    floats: [{ shape: [6, 10], lo: -3, hi: 3 }],
    f: ([x]) => tf.softmax(x),
  },
  {
    name: 'logSoftmax',
    covers: ['LogSoftmax (Max, Sub, Exp, Sum, Log)'],
    floats: [{ shape: [6, 10], lo: -3, hi: 3 }],
    f: ([x]) => tf.logSoftmax(x),
  },
  {
    name: 'logSumExp',
    covers: ['Max', 'Exp', 'Sum', 'Log'],
    floats: [{ shape: [6, 10], lo: -3, hi: 3 }],
    f: ([x]) => tf.logSumExp(x, -1),
  },
  {
    name: 'mean',
    covers: ['Mean'],
    floats: [{ shape: [6, 16] }],
    f: ([x]) => tf.mean(x, -1),
  },
  {
    name: 'variance',
    covers: ['moments', 'SquaredDifference'],
    floats: [{ shape: [6, 16] }],
    f: ([x]) => tf.moments(x, -1).variance,
  },
  {
    name: 'rsqrt',
    covers: ['Rsqrt'],
    floats: [{ shape: [6, 16], lo: 0.5, hi: 2 }],
    f: ([x]) => tf.rsqrt(x),
  },
  {
    name: 'layerNorm',
    covers: ['Mean', 'Sub', 'Square', 'Rsqrt', 'Mul', 'Add'],
    floats: [{ shape: [6, 16] }, { shape: [16], lo: 0.5, hi: 1.5 }, { shape: [16] }],
    f: ([x, g, b]) => layerNorm(x, g, b),
  },
  {
    name: 'concat',
    covers: ['Concat', 'SplitV / Slice (grad)'],
    floats: [{ shape: [4, 3] }, { shape: [4, 5] }],
    f: ([a, b]) => tf.concat([a, b], 1),
  },
  {
    name: 'concat.axis0',
    covers: ['Concat axis 0'],
    floats: [{ shape: [3, 4] }, { shape: [5, 4] }],
    f: ([a, b]) => tf.concat([a, b], 0),
  },
  {
    name: 'slice',
    covers: ['Slice', 'PadV2 (grad)'],
    floats: [{ shape: [6, 9] }],
    f: ([x]) => tf.slice(x, [1, 2], [3, 5]),
  },
  {
    name: 'stridedSlice',
    covers: ['StridedSlice'],
    floats: [{ shape: [6, 9] }],
    f: ([x]) => tf.stridedSlice(x, [0, 1], [6, 9], [2, 3]),
  },
  {
    name: 'split',
    covers: ['SplitV', 'Concat (grad)'],
    floats: [{ shape: [4, 10] }],
    f: ([x]) => {
      const [a, b] = tf.split(x, [4, 6], 1);
      return tf.add(tf.sum(a, 1), tf.mean(b, 1));
    },
  },
  {
    name: 'transpose.reshape',
    covers: ['Transpose', 'Reshape', 'ExpandDims', 'Tile'],
    floats: [{ shape: [2, 3, 4] }],
    f: ([x]) => tf.tile(tf.expandDims(tf.reshape(tf.transpose(x, [0, 2, 1]), [8, 3]), 0), [2, 1, 1]),
  },
  {
    name: 'activations',
    covers: ['Relu', 'Sigmoid', 'Tanh', 'Elu', 'Softplus'],
    floats: [{ shape: [5, 8], lo: -2, hi: 2 }],
    f: ([x]) => tf.addN([tf.relu(x), tf.sigmoid(x), tf.tanh(x), tf.elu(x), tf.softplus(x)]),
  },
  {
    name: 'l2normalize',
    covers: ['Square', 'Sum', 'Sqrt', 'Maximum', 'RealDiv'],
    floats: [{ shape: [6, 8] }],
    f: ([x]) => tf.div(x, tf.maximum(tf.sqrt(tf.sum(tf.square(x), -1, true)), 1e-6)),
  },
  {
    name: 'exp.log',
    covers: ['Exp', 'Log', 'Log1p', 'Neg'],
    floats: [{ shape: [5, 8], lo: 0.2, hi: 2 }],
    f: ([x]) => tf.add(tf.log(x), tf.log1p(tf.exp(tf.neg(x)))),
  },
  {
    name: 'sum.max',
    covers: ['Sum', 'Max', 'Equal (grad)'],
    floats: [{ shape: [5, 8] }],
    f: ([x]) => tf.add(tf.sum(x, 0), tf.max(x, 0)),
  },
  {
    name: 'where.clip',
    covers: ['Select', 'Greater', 'ClipByValue'],
    floats: [{ shape: [5, 8], lo: -2, hi: 2 }],
    f: ([x]) => tf.where(tf.greater(x, 0), tf.clipByValue(x, 0.1, 1.5), tf.mul(x, 0.5)),
  },
];

/** Builds the case's input tensors on the current backend (deterministic by case index). */
export function caseInputs(c: ParityCase, seed: number): { floats: tf.Tensor[]; ints: tf.Tensor[] } {
  const floats = c.floats.map((spec, k) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    return tf.tensor(uniform(n, seed * 101 + k, spec.lo ?? -1, spec.hi ?? 1), spec.shape, 'float32');
  });
  const intTensors = (c.ints ?? []).map((spec, k) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    return tf.tensor(ints(n, seed * 211 + k + 7, spec.max), spec.shape, 'int32');
  });
  return { floats, ints: intTensors };
}
