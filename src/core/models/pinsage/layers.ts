/**
 * PinSage building blocks (paper, Algorithm 1): layer-0 features from the embedding tables, the
 * convolution (neighbour transform ReLU(Q·h + q), importance / mean / max pooling, concat with the
 * node's own representation, ReLU(W·[h ‖ n] + w), L2 normalisation) and the two-layer dense head.
 * Pure tensor functions: call inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Pooling } from './config';
import { addBias, gatherPool, mm, rowGather } from './ops';

export interface ConvWeights {
  Q: tf.Variable;
  q: tf.Variable;
  W: tf.Variable;
  w: tf.Variable;
}

export interface FeatureWeights {
  tokens: tf.Variable;
  category: tf.Variable;
  brand: tf.Variable;
  id: tf.Variable | null;
}

export interface FeatureTensors {
  tokens: tf.Tensor; // [n, M] int32
  tokenWeights: tf.Tensor; // [n, M, 1]
  category: tf.Tensor; // [n] int32
  brand: tf.Tensor; // [n] int32
  dense: tf.Tensor; // [n, D]
  external?: tf.Tensor; // [n, E]
  idRow?: tf.Tensor; // [n] int32
  idMask?: tf.Tensor; // [n, 1]
}

export function l2normalize(x: tf.Tensor): tf.Tensor2D {
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12))) as tf.Tensor2D;
}

/** Layer-0 representation: [mean token embedding ‖ category ‖ brand ‖ dense ‖ external ‖ ID]. */
export function inputFeatures(w: FeatureWeights, t: FeatureTensors): tf.Tensor2D {
  const [n, M] = t.tokens.shape;
  // mean of the title's token embeddings: an embedding bag (gather + weighted sum in one op)
  const tok = gatherPool(w.tokens as tf.Tensor2D, tf.reshape(t.tokens, [n * M]), t.tokenWeights, n, M);
  const parts: tf.Tensor[] = [tok, rowGather(w.category, t.category), rowGather(w.brand, t.brand), t.dense];
  if (t.external) parts.push(t.external);
  if (w.id && t.idRow && t.idMask) parts.push(tf.mul(rowGather(w.id, t.idRow), t.idMask));
  return tf.concat(parts, 1) as tf.Tensor2D;
}

/** Neighbour transform ReLU(Q·h + q) of every row of the layer below (computed once per node). */
export function transformNeighbours(c: ConvWeights, below: tf.Tensor2D): tf.Tensor2D {
  return tf.relu(addBias(mm(below, c.Q as tf.Tensor2D), c.q)) as tf.Tensor2D;
}

/**
 * Pools the transformed neighbours `z` (rows of the layer below) of `rows` nodes: `nbr` holds
 * rows·T indices into z, `weights` [rows, T, 1] the pooling weights (importance: walk weights,
 * L1-normalised; mean: 1 / count; max: 1 valid / 0 padding — z ≥ 0 after ReLU, so a padded 0 never wins).
 */
export function poolNeighbours(z: tf.Tensor2D, nbr: tf.Tensor, weights: tf.Tensor, rows: number, T: number, pooling: Pooling): tf.Tensor2D {
  if (pooling !== 'max') return gatherPool(z, nbr, weights, rows, T);
  const zn = tf.reshape(rowGather(z, nbr), [rows, T, z.shape[1]]) as tf.Tensor3D;
  return tf.max(tf.mul(zn, weights), 1) as tf.Tensor2D;
}

/** ReLU(W·[self ‖ pooled] + w), L2-normalised. */
export function combine(c: ConvWeights, self: tf.Tensor2D, pooled: tf.Tensor2D): tf.Tensor2D {
  return l2normalize(tf.relu(addBias(mm(tf.concat([self, pooled], 1), c.W as tf.Tensor2D), c.w)));
}

export interface HeadWeights {
  G1: tf.Variable;
  g1: tf.Variable;
  G2: tf.Variable;
  g2: tf.Variable;
}

/** Final two-layer dense head, L2-normalised output (the item embedding). */
export function head(h: HeadWeights, x: tf.Tensor2D): tf.Tensor2D {
  return l2normalize(addBias(mm(tf.relu(addBias(mm(x, h.G1 as tf.Tensor2D), h.g1)) as tf.Tensor2D, h.G2 as tf.Tensor2D), h.g2));
}
