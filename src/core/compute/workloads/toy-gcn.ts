import * as tf from '@tensorflow/tfjs-core';
import type { BatchData, BatchSpec } from '../batch';
import { ints } from '../parity/seeded';
import type { TrainableModel } from '../step-runner';
import { glorotVariable, stepIndices } from './init-values';

/**
 * A small two-layer GCN link predictor (the PinSage-shaped op mix: gather → segment-sum →
 * matmul → relu → L2 norm → in-batch softmax). For tests and benchmarks, not a model.
 */
export interface ToyGcnConfig {
  nodes: number;
  dim: number;
  edges: number;
  batch: number;
}
export const TOY_GCN: ToyGcnConfig = { nodes: 2000, dim: 32, edges: 8192, batch: 256 };

export function toyGcnSpec(c: ToyGcnConfig = TOY_GCN): BatchSpec {
  return { query: { shape: [c.batch], dtype: 'int32' }, positive: { shape: [c.batch], dtype: 'int32' } };
}

export function toyGcnBatch(step: number, c: ToyGcnConfig = TOY_GCN): BatchData {
  return { query: stepIndices(c.batch, step, 1, c.nodes), positive: stepIndices(c.batch, step, 2, c.nodes) };
}

export function buildToyGcn(c: ToyGcnConfig = TOY_GCN, seed = 7): TrainableModel {
  const emb = glorotVariable('toygcn/emb', [c.nodes, c.dim], seed);
  const w1 = glorotVariable('toygcn/w1', [2 * c.dim, c.dim], seed + 1);
  const w2 = glorotVariable('toygcn/w2', [2 * c.dim, c.dim], seed + 2);
  const src = tf.tensor1d(ints(c.edges, seed + 3, c.nodes), 'int32');
  const dst = tf.tensor1d(ints(c.edges, seed + 4, c.nodes), 'int32');
  const invDeg = tf.tidy(() => {
    const degree = tf.unsortedSegmentSum(tf.cast(tf.onesLike(dst), 'float32'), dst, c.nodes);
    return tf.reshape(tf.div(1, tf.maximum(degree, 1)), [c.nodes, 1]);
  });
  const layer = (h: tf.Tensor2D, w: tf.Variable): tf.Tensor2D => {
    const agg = tf.mul(tf.unsortedSegmentSum(tf.gather(h, src), dst, c.nodes), invDeg) as tf.Tensor2D;
    return tf.relu(tf.matMul(tf.concat([h, agg], 1), w as tf.Tensor) as tf.Tensor2D);
  };
  return {
    variables: [emb, w1, w2],
    loss(batch) {
      const h = layer(layer(emb as tf.Tensor2D, w1), w2);
      const z = tf.div(h, tf.maximum(tf.norm(h, 'euclidean', 1, true), 1e-6)) as tf.Tensor2D;
      const q = tf.gather(z, batch.query);
      const p = tf.gather(z, batch.positive);
      const logits = tf.mul(tf.matMul(q, p, false, true), 10);
      const positive = tf.mul(tf.sum(tf.mul(q, p), 1), 10);
      return tf.mean(tf.sub(tf.logSumExp(logits, 1), positive));
    },
    dispose() {
      tf.dispose([emb, w1, w2, src, dst, invDeg]);
    },
  };
}
