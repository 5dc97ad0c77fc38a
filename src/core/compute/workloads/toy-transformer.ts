import * as tf from '@tensorflow/tfjs-core';
import type { BatchData, BatchSpec } from '../batch';
import type { TrainableModel } from '../step-runner';
import { constantVariable, glorotVariable, stepIndices } from './init-values';

/**
 * A small one-block transformer next-item model (the PinnerFormer-shaped op mix: embedding gather,
 * batched attention matmuls, softmax, layer norm, FFN, softmax over the catalogue). For tests and
 * benchmarks, not a model.
 */
export interface ToyTransformerConfig {
  items: number;
  dim: number;
  seqLen: number;
  batch: number;
  ffn: number;
}
export const TOY_TRANSFORMER: ToyTransformerConfig = { items: 2000, dim: 32, seqLen: 16, batch: 64, ffn: 64 };

export function toyTransformerSpec(c: ToyTransformerConfig = TOY_TRANSFORMER): BatchSpec {
  return { sequence: { shape: [c.batch, c.seqLen], dtype: 'int32' }, target: { shape: [c.batch], dtype: 'int32' } };
}

export function toyTransformerBatch(step: number, c: ToyTransformerConfig = TOY_TRANSFORMER): BatchData {
  return { sequence: stepIndices(c.batch * c.seqLen, step, 3, c.items), target: stepIndices(c.batch, step, 4, c.items) };
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
}

export function buildToyTransformer(c: ToyTransformerConfig = TOY_TRANSFORMER, seed = 11): TrainableModel {
  const { dim: d, seqLen: l, batch: b } = c;
  const items = glorotVariable('toytf/items', [c.items, d], seed);
  const pos = glorotVariable('toytf/pos', [l, d], seed + 1);
  const wq = glorotVariable('toytf/wq', [d, d], seed + 2);
  const wk = glorotVariable('toytf/wk', [d, d], seed + 3);
  const wv = glorotVariable('toytf/wv', [d, d], seed + 4);
  const wo = glorotVariable('toytf/wo', [d, d], seed + 5);
  const w1 = glorotVariable('toytf/w1', [d, c.ffn], seed + 6);
  const w2 = glorotVariable('toytf/w2', [c.ffn, d], seed + 7);
  const g1 = constantVariable('toytf/ln1g', [d], 1);
  const b1 = constantVariable('toytf/ln1b', [d], 0);
  const g2 = constantVariable('toytf/ln2g', [d], 1);
  const b2 = constantVariable('toytf/ln2b', [d], 0);
  const vars = [items, pos, wq, wk, wv, wo, w1, w2, g1, b1, g2, b2];
  const proj = (x: tf.Tensor, w: tf.Tensor): tf.Tensor => tf.reshape(tf.matMul(tf.reshape(x, [b * l, -1]), w), [b, l, -1]);
  return {
    variables: vars,
    loss(batch) {
      const x0 = tf.add(tf.reshape(tf.gather(items, tf.reshape(batch.sequence, [-1])), [b, l, d]), pos);
      const x = layerNorm(x0, g1, b1);
      const scores = tf.softmax(tf.mul(tf.matMul(proj(x, wq), proj(x, wk), false, true), 1 / Math.sqrt(d)));
      const h = tf.add(x0, proj(tf.matMul(scores, proj(x, wv)), wo));
      const y = tf.add(h, proj(tf.relu(proj(layerNorm(h, g2, b2), w1)), w2));
      const last = tf.reshape(tf.slice(y, [0, l - 1, 0], [b, 1, d]), [b, d]);
      const logits = tf.matMul(last, items, false, true);
      const positive = tf.sum(tf.mul(last, tf.gather(items, batch.target)), 1);
      return tf.mean(tf.sub(tf.logSumExp(logits, 1), positive));
    },
    dispose() {
      tf.dispose(vars);
    },
  };
}
