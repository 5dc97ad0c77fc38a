/**
 * Sampled softmax with in-batch and random negatives (PinnerFormer §3.4). Row q of the logits is
 * query q against every candidate: the first Q candidates are the batch's positives (column q is
 * q's own positive; the other columns are in-batch negatives), the last R are uniform random
 * items. logit = u·v / τ − log Q(v), where log Q(v) is the log expected count of v among the
 * candidates (`logq`, zeros when logQ is off); `candMask` is 1 where a candidate may be used
 * (0: padding, an item the shopper engaged with, in-batch negatives switched off).
 * Pure tensor function: call inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { logSumExpRows, mm } from './ops';

export const MASKED_LOGIT = -1e9;

export function sampledSoftmaxLogits(u: tf.Tensor2D, cands: tf.Tensor2D, tau: tf.Scalar, logq: tf.Tensor, candMask: tf.Tensor): tf.Tensor2D {
  const raw = tf.div(mm(u, tf.transpose(cands) as tf.Tensor2D), tau);
  return tf.add(tf.sub(raw, logq), tf.mul(tf.sub(1, candMask), MASKED_LOGIT)) as tf.Tensor2D;
}

/** Mean over real pairs (pairMask 1) of −log softmax(logits)[q, q]. */
export function sampledSoftmaxLoss(u: tf.Tensor2D, cands: tf.Tensor2D, tau: tf.Scalar, logq: tf.Tensor, candMask: tf.Tensor, pairMask: tf.Tensor): tf.Scalar {
  const Q = u.shape[0];
  const logits = sampledSoftmaxLogits(u, cands, tau, logq, candMask);
  const own = tf.slice(cands, [0, 0], [Q, -1]);
  const positive = tf.sub(tf.div(tf.sum(tf.mul(u, own), 1), tau), tf.slice(logq, [0], [Q]));
  const ce = tf.sub(logSumExpRows(logits), positive);
  return tf.div(tf.sum(tf.mul(ce, pairMask)), tf.maximum(tf.sum(pairMask), 1)) as tf.Scalar;
}
