// The WASM-shaped ops of PinnerFormer against tfjs's own: the heap transpose, the data-input
// matmul's gradient, the row log-sum-exp and its gradient (softmax).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useTestBackend } from '../../train/pinnerformer/test-world';
import { logSumExpRows, mm, mmData, transpose2d } from './ops';

beforeAll(async () => {
  await useTestBackend();
});

const close = (a: tf.Tensor, b: tf.Tensor, tol = 1e-4): void => {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  expect(worst).toBeLessThanOrEqual(tol);
};

describe('pinnerformer ops', () => {
  it('transpose2d equals tf.transpose for shapes that are not multiples of its tile', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([70, 45], 0, 1, 'float32', 3) as tf.Tensor2D;
      const t = transpose2d(x);
      expect(t.shape).toEqual([45, 70]);
      close(t, tf.transpose(x), 0);
    });
  });

  it('mmData has the value and weight gradient of a plain matmul', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([37, 9], 0, 1, 'float32', 1) as tf.Tensor2D;
      const w = tf.randomNormal([9, 5], 0, 1, 'float32', 2) as tf.Tensor2D;
      close(mmData(a, w), tf.matMul(a, w));
      const g1 = tf.grad((ww: tf.Tensor) => tf.sum(tf.square(mmData(a, ww as tf.Tensor2D))))(w);
      const g2 = tf.grad((ww: tf.Tensor) => tf.sum(tf.square(mm(a, ww as tf.Tensor2D))))(w);
      close(g1, g2, 1e-3);
    });
  });

  it('logSumExpRows equals tf.logSumExp (large logits too) and its gradient is the softmax', () => {
    tf.tidy(() => {
      const x = tf.mul(tf.randomNormal([6, 11], 0, 1, 'float32', 4), 40) as tf.Tensor2D;
      close(logSumExpRows(x), tf.logSumExp(x, 1), 1e-3);
      const dy = tf.tensor1d([1, 2, 0.5, -1, 3, 0.25]);
      const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(logSumExpRows(xx as tf.Tensor2D), dy)))(x);
      close(g, tf.mul(tf.softmax(x), tf.reshape(dy, [-1, 1])), 1e-5);
    });
  });
});
