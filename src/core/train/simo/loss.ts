/**
 * The contrastive loss of one batch: query-role embedding of each query item vs the target-role
 * embedding of every target in the batch, softmax cross-entropy with temperature τ over the
 * batch's usable negatives (negMask), the true target on the diagonal; mean over real pairs.
 * SIMO encodes both sides with the three role tokens (one pass) and picks the role; SISO encodes
 * the query with its role token only and the target with the target token only.
 * Mixed negative sampling (`randomNegatives` R > 0): the batch's R uniformly drawn catalogue items,
 * encoded in the target role the same way, are R more columns of every row's softmax (masked by
 * `rNegMask`); with logQ each column subtracts the log of its item's expected count in its part.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchTensors } from '../../compute/batch';
import type { TrainableModel } from '../../compute/step-runner';
import { ROLE_TOKEN } from '../../models/simo/content-tokens';
import type { SimoEncoder } from '../../models/simo/encoder';
import { mm } from '../../models/pinsage/ops';

function allRoles(n: number): tf.Tensor2D {
  const r = [ROLE_TOKEN['view-query'], ROLE_TOKEN['buy-query'], ROLE_TOKEN.target];
  return tf.tensor2d(Int32Array.from({ length: n * 3 }, (_, k) => r[k % 3]), [n, 3], 'int32');
}

/** [n, dim] target-role embeddings of n items (SIMO: the target slot of a three-role pass). */
function targetEmbeddings(enc: SimoEncoder, content: tf.Tensor, items: tf.Tensor): tf.Tensor2D {
  const n = items.shape[0];
  const dim = enc.dim;
  if (enc.cfg.mode === 'simo') return tf.reshape(tf.slice(enc.encode(content, allRoles(n), items), [0, 2, 0], [n, 1, dim]), [n, dim]) as tf.Tensor2D;
  return tf.reshape(enc.encode(content, tf.fill([n, 1], ROLE_TOKEN.target, 'int32'), items), [n, dim]) as tf.Tensor2D;
}

/** [R, dim] target-role embeddings of the batch's random negatives (none without `rItem`). */
export function randomNegativeEmbeddings(enc: SimoEncoder, b: BatchTensors): tf.Tensor2D | null {
  return b.rItem ? targetEmbeddings(enc, b.rContent, b.rItem) : null;
}

/** [B, dim] query-role and target-role embeddings of a batch. */
export function batchEmbeddings(enc: SimoEncoder, b: BatchTensors): { q: tf.Tensor2D; t: tf.Tensor2D } {
  const B = b.qItem.shape[0];
  const dim = enc.dim;
  const t = targetEmbeddings(enc, b.tContent, b.tItem);
  if (enc.cfg.mode === 'simo') {
    const qe = enc.encode(b.qContent, allRoles(B), b.qItem);
    const view = tf.reshape(tf.slice(qe, [0, 0, 0], [B, 1, dim]), [B, dim]);
    const buy = tf.reshape(tf.slice(qe, [0, 1, 0], [B, 1, dim]), [B, dim]);
    return { q: tf.add(tf.mul(view, b.isView), tf.mul(buy, tf.sub(1, b.isView))) as tf.Tensor2D, t };
  }
  return { q: tf.reshape(enc.encode(b.qContent, b.qRole, b.qItem), [B, dim]) as tf.Tensor2D, t };
}

/** Extra negatives of every row: `r` [R, dim] embeddings, `negMask` [B, R] (1 = usable), `logQ` [R]. */
export interface RandomNegatives {
  r: tf.Tensor2D;
  negMask: tf.Tensor;
  logQ?: tf.Tensor;
}

/** q · cᵀ / τ for candidate columns c, masked columns at −1e9, less each column's logQ when given. */
function columnLogits(q: tf.Tensor2D, c: tf.Tensor2D, mask: tf.Tensor, temperature: number, logQ?: tf.Tensor): tf.Tensor2D {
  const logits = tf.add(tf.mul(mm(q, tf.transpose(c) as tf.Tensor2D), 1 / temperature), tf.mul(tf.sub(mask, 1), 1e9)) as tf.Tensor2D;
  return logQ ? (tf.sub(logits, tf.reshape(logQ, [1, -1])) as tf.Tensor2D) : logits;
}

/**
 * `tLogQ` [B]: log sampling rate of each target (logQ correction), subtracted from its column.
 * `random`: R more negative columns per row (mixed negative sampling), their own mask and logQ.
 */
export function contrastiveLoss(q: tf.Tensor2D, t: tf.Tensor2D, negMask: tf.Tensor, pairMask: tf.Tensor, temperature: number, tLogQ?: tf.Tensor, random?: RandomNegatives): tf.Scalar {
  let logits = columnLogits(q, t, negMask, temperature, tLogQ);
  let diag = tf.sum(tf.mul(tf.mul(q, t), 1 / temperature), 1);
  if (tLogQ) diag = tf.sub(diag, tLogQ);
  if (random) logits = tf.concat([logits, columnLogits(q, random.r, random.negMask, temperature, random.logQ)], 1);
  const perPair = tf.sub(tf.logSumExp(logits, 1), diag);
  return tf.div(tf.sum(tf.mul(perPair, pairMask)), tf.maximum(tf.sum(pairMask), 1)) as tf.Scalar;
}

export function simoTrainable(enc: SimoEncoder): TrainableModel {
  return {
    variables: enc.variables,
    loss(b: BatchTensors): tf.Scalar {
      const { q, t } = batchEmbeddings(enc, b);
      const r = randomNegativeEmbeddings(enc, b);
      const random = r ? { r, negMask: b.rNegMask, logQ: enc.cfg.logQ ? b.rLogQ : undefined } : undefined;
      return contrastiveLoss(q, t, b.negMask, b.pairMask, enc.cfg.temperature, enc.cfg.logQ ? b.tLogQ : undefined, random);
    },
    dispose(): void {
      enc.dispose();
    },
  };
}
