/**
 * The contrastive loss of one batch: query-role embedding of each query item vs the target-role
 * embedding of every target in the batch, softmax cross-entropy with temperature τ over the
 * batch's usable negatives (negMask), the true target on the diagonal; mean over real pairs.
 * SIMO encodes both sides with the three role tokens (one pass) and picks the role; SISO encodes
 * the query with its role token only and the target with the target token only.
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

/** [B, dim] query-role and target-role embeddings of a batch. */
export function batchEmbeddings(enc: SimoEncoder, b: BatchTensors): { q: tf.Tensor2D; t: tf.Tensor2D } {
  const B = b.qItem.shape[0];
  const dim = enc.dim;
  if (enc.cfg.mode === 'simo') {
    const qe = enc.encode(b.qContent, allRoles(B), b.qItem);
    const te = enc.encode(b.tContent, allRoles(B), b.tItem);
    const view = tf.reshape(tf.slice(qe, [0, 0, 0], [B, 1, dim]), [B, dim]);
    const buy = tf.reshape(tf.slice(qe, [0, 1, 0], [B, 1, dim]), [B, dim]);
    const q = tf.add(tf.mul(view, b.isView), tf.mul(buy, tf.sub(1, b.isView))) as tf.Tensor2D;
    const t = tf.reshape(tf.slice(te, [0, 2, 0], [B, 1, dim]), [B, dim]) as tf.Tensor2D;
    return { q, t };
  }
  const q = tf.reshape(enc.encode(b.qContent, b.qRole, b.qItem), [B, dim]) as tf.Tensor2D;
  const t = tf.reshape(enc.encode(b.tContent, tf.fill([B, 1], ROLE_TOKEN.target, 'int32'), b.tItem), [B, dim]) as tf.Tensor2D;
  return { q, t };
}

/** `tLogQ` [B]: log sampling probability of each target (logQ correction), subtracted from its column. */
export function contrastiveLoss(q: tf.Tensor2D, t: tf.Tensor2D, negMask: tf.Tensor, pairMask: tf.Tensor, temperature: number, tLogQ?: tf.Tensor): tf.Scalar {
  let logits = tf.add(tf.mul(mm(q, tf.transpose(t) as tf.Tensor2D), 1 / temperature), tf.mul(tf.sub(negMask, 1), 1e9));
  let diag = tf.sum(tf.mul(tf.mul(q, t), 1 / temperature), 1);
  if (tLogQ) {
    logits = tf.sub(logits, tf.reshape(tLogQ, [1, -1]));
    diag = tf.sub(diag, tLogQ);
  }
  const perPair = tf.sub(tf.logSumExp(logits, 1), diag);
  return tf.div(tf.sum(tf.mul(perPair, pairMask)), tf.maximum(tf.sum(pairMask), 1)) as tf.Scalar;
}

export function simoTrainable(enc: SimoEncoder): TrainableModel {
  return {
    variables: enc.variables,
    loss(b: BatchTensors): tf.Scalar {
      const { q, t } = batchEmbeddings(enc, b);
      return contrastiveLoss(q, t, b.negMask, b.pairMask, enc.cfg.temperature, enc.cfg.logQ ? b.tLogQ : undefined);
    },
    dispose(): void {
      enc.dispose();
    },
  };
}
