// The max-margin loss: hinge over the pair's negatives, shared and active hard ones as one set.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { maxMarginLoss } from './max-margin';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('maxMarginLoss', () => {
  // rows: 0 = q, 1 = positive, 2..4 = candidates; scores z_q·z_x = 1, 0.5, 0.95, 0.0, 0.9 (z_q = e0)
  const emb = tf.tensor2d([[1, 0], [0.5, 0.1], [0.95, 0.2], [0, 1], [0.9, 0]]);
  const q = tf.tensor1d([0, 0], 'int32');
  const p = tf.tensor1d([1, 0], 'int32');
  const mask = tf.tensor1d([1, 0]); // second pair is padding
  it('averages the hinge over the shared negatives of each real pair', () => {
    // negatives 2, 3: max(0, 0.95 − 0.5 + 0.1) = 0.55, max(0, 0 − 0.5 + 0.1) = 0 → 0.275
    const l = maxMarginLoss(emb, q, p, tf.tensor1d([2, 3], 'int32'), mask, 0.1);
    expect(l.dataSync()[0]).toBeCloseTo(0.275, 5);
  });
  it('counts active hard negatives as members of the same negative set', () => {
    // shared 2, 3 (0.55, 0) + hard 4 (0.9 − 0.5 + 0.1 = 0.5) active, second slot masked → 1.05 / 3
    const hardIdx = tf.tensor1d([4, 2, 4, 4], 'int32');
    const hardMask = tf.tensor2d([[1, 0], [0, 0]]);
    const l = maxMarginLoss(emb, q, p, tf.tensor1d([2, 3], 'int32'), mask, 0.1, hardIdx, hardMask);
    expect(l.dataSync()[0]).toBeCloseTo(1.05 / 3, 5);
  });
});
