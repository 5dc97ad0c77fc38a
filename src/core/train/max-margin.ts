/**
 * PinSage's max-margin ranking loss: for a pair (q, i) and a negative n,
 * max(0, z_q·z_n − z_q·z_i + Δ), averaged over the pair's negatives — the minibatch's shared set
 * plus the query's active hard negatives (masked by the curriculum) as one set, the expectation
 * over n ~ P_n(q) of the paper. (Averaging the hard ones on their own and adding that mean gave a
 * few hard negatives the weight of all 500 shared ones and lowered validation recall from the
 * epoch they appear.) The result is the mean over the real (unpadded) pairs. Call inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mm, rowGather } from '../models/pinsage/ops';

export function maxMarginLoss(
  emb: tf.Tensor2D,
  qIdx: tf.Tensor,
  pIdx: tf.Tensor,
  negIdx: tf.Tensor,
  pairMask: tf.Tensor,
  margin: number,
  hardIdx?: tf.Tensor,
  hardMask?: tf.Tensor,
): tf.Scalar {
  const zq = rowGather(emb, qIdx) as tf.Tensor2D;
  const zp = rowGather(emb, pIdx);
  const zn = rowGather(emb, negIdx) as tf.Tensor2D;
  const pos = tf.sum(tf.mul(zq, zp), 1, true); // [B, 1]
  const negScores = mm(zq, tf.transpose(zn)); // [B, S]
  const S = zn.shape[0];
  let perPair = tf.sum(tf.relu(tf.add(tf.sub(negScores, pos), margin)), 1); // [B]
  let count: tf.Tensor | number = S;
  if (hardIdx && hardMask) {
    const [B, H] = hardMask.shape;
    const d = emb.shape[1];
    const zh = tf.reshape(rowGather(emb, hardIdx), [B, H, d]);
    const hs = tf.sum(tf.mul(zh, tf.reshape(zq, [B, 1, d])), 2); // [B, H]
    perPair = tf.add(perPair, tf.sum(tf.mul(tf.relu(tf.add(tf.sub(hs, pos), margin)), hardMask), 1));
    count = tf.add(tf.sum(hardMask, 1), S);
  }
  perPair = tf.div(perPair, count);
  return tf.div(tf.sum(tf.mul(perPair, pairMask)), tf.maximum(tf.sum(pairMask), 1)) as tf.Scalar;
}
