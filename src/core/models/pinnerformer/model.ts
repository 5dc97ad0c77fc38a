/**
 * The PinnerFormer network (Pancha et al. 2022, §3): each action's features are projected to the
 * hidden size, a learnable positional encoding is added, then L PreNorm transformer layers
 * (LayerNorm → causal multi-head self-attention (Q, K, V projections without bias) → residual; LayerNorm → feed-forward → residual),
 * a final LayerNorm, and at each queried position a small MLP with L2 normalisation (the shopper
 * embedding). Items go through their own MLP + L2 normalisation from the input item embedding.
 * The loss is the sampled softmax of ./loss.ts. Implements the compute core's TrainableModel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchTensors } from '../../compute/batch';
import type { TrainableModel } from '../../compute/step-runner';
import { Rng } from '../../rng';
import { glorot, normals } from '../pinsage/init-values';
import { l2normalize } from '../pinsage/layers';
import { mm, rowGather } from '../pinsage/ops';
import { outputDim, uses, type PinnerFormerConfig } from './config';
import { denseDim, N_ACTION_CODES, N_DEVICE_CODES, type ItemEmbeddings } from './features';
import { sampledSoftmaxLoss } from './loss';
import { addBias, bmm, layerNorm } from './ops';

let modelCounter = 0;

interface LayerWeights {
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  Wq: tf.Variable;
  Wk: tf.Variable;
  Wv: tf.Variable;
  Wo: tf.Variable;
  bo: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
  W1: tf.Variable;
  b1: tf.Variable;
  W2: tf.Variable;
  b2: tf.Variable;
}

export interface PinnerFormerModel extends TrainableModel {
  readonly cfg: PinnerFormerConfig;
  readonly nItems: number;
  readonly itemDim: number;
  /** Output embedding size D. */
  readonly outDim: number;
  /** The input item embedding matrix (constant, not trained). */
  readonly itemTable: tf.Tensor2D;
  /**
   * L2-normalised shopper embeddings at the queried positions: `query` holds flat indices into
   * the batch's [rows × M] positions. Inputs: item, action, device (int32 [rows·M]), dense
   * ([rows·M, F]), pad ([rows, M]).
   */
  encode(b: BatchTensors, query: tf.Tensor): tf.Tensor2D;
  /** L2-normalised item-tower embeddings of the given item indices (int32 1-D). */
  embedItems(items: tf.Tensor): tf.Tensor2D;
  /** The effective temperature max(exp(logτ), minTemperature). */
  temperature(): tf.Scalar;
  readonly logTemperature: tf.Variable;
}

export function buildPinnerFormerModel(cfg: PinnerFormerConfig, items: ItemEmbeddings): PinnerFormerModel {
  const D = items.dim;
  if (!Number.isInteger(D) || D < 1) throw new Error(`item embedding dim must be a positive integer, got ${D}`);
  if (items.vectors.length % D !== 0) throw new Error(`item embedding has ${items.vectors.length} values, not a multiple of dim ${D}`);
  const nItems = items.vectors.length / D;
  if (nItems < 2) throw new Error('item embedding needs at least 2 items');
  const H = cfg.hidden;
  const M = cfg.historyLength;
  const nh = cfg.heads;
  const dh = H / nh;
  const out = outputDim(cfg, D);
  const F = denseDim(cfg);
  const useItem = uses(cfg, 'item');
  const rng = new Rng(cfg.seed).fork('pinnerformer-init');
  const id = ++modelCounter;
  const v = (name: string, values: Float32Array, shp: number[], trainable = true): tf.Variable =>
    tf.variable(tf.tensor(values, shp), trainable, `pinnerformer${id}/${name}`);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const zeros = (n: number): Float32Array => new Float32Array(n);

  const itemTable = tf.tensor2d(items.vectors, [nItems, D]);
  const actionEmb = v('action', normals(rng, N_ACTION_CODES * cfg.actionDim, 0.1), [N_ACTION_CODES, cfg.actionDim]);
  const deviceEmb = v('device', normals(rng, N_DEVICE_CODES * cfg.deviceDim, 0.1), [N_DEVICE_CODES, cfg.deviceDim]);
  const inDim = (useItem ? D : 0) + cfg.actionDim + cfg.deviceDim + F;
  const Win = v('Win', glorot(rng, inDim, H), [inDim, H]);
  const bin = v('bin', zeros(H), [H]);
  const pos = v('pos', normals(rng, M * H, 0.02), [M, H]);
  const layers: LayerWeights[] = [];
  for (let l = 1; l <= cfg.layers; l++) {
    layers.push({
      ln1g: v(`ln1g${l}`, ones(H), [H]),
      ln1b: v(`ln1b${l}`, zeros(H), [H]),
      Wq: v(`Wq${l}`, glorot(rng, H, H), [H, H]),
      Wk: v(`Wk${l}`, glorot(rng, H, H), [H, H]),
      Wv: v(`Wv${l}`, glorot(rng, H, H), [H, H]),
      Wo: v(`Wo${l}`, glorot(rng, H, H), [H, H]),
      bo: v(`bo${l}`, zeros(H), [H]),
      ln2g: v(`ln2g${l}`, ones(H), [H]),
      ln2b: v(`ln2b${l}`, zeros(H), [H]),
      W1: v(`W1${l}`, glorot(rng, H, cfg.ffn), [H, cfg.ffn]),
      b1: v(`b1${l}`, zeros(cfg.ffn), [cfg.ffn]),
      W2: v(`W2${l}`, glorot(rng, cfg.ffn, H), [cfg.ffn, H]),
      b2: v(`b2${l}`, zeros(H), [H]),
    });
  }
  const lnFg = v('lnFg', ones(H), [H]);
  const lnFb = v('lnFb', zeros(H), [H]);
  const H1 = v('H1', glorot(rng, H, H), [H, H]);
  const h1 = v('h1', zeros(H), [H]);
  const H2 = v('H2', glorot(rng, H, out), [H, out]);
  const h2 = v('h2', zeros(out), [out]);
  const I1 = v('I1', glorot(rng, D, H), [D, H]);
  const i1 = v('i1', zeros(H), [H]);
  const I2 = v('I2', glorot(rng, H, out), [H, out]);
  const i2 = v('i2', zeros(out), [out]);
  const logTemperature = v('logTemperature', Float32Array.of(Math.log(cfg.temperature)), [], cfg.learnTemperature);
  // causal mask: 0 where key ≤ query, −1e9 above the diagonal
  const causalValues = new Float32Array(M * M);
  for (let q = 0; q < M; q++) for (let k = q + 1; k < M; k++) causalValues[q * M + k] = -1e9;
  const causal = tf.tensor2d(causalValues, [M, M]);

  const variables: tf.Variable[] = [actionEmb, deviceEmb, Win, bin, pos];
  for (const L of layers) variables.push(L.ln1g, L.ln1b, L.Wq, L.Wk, L.Wv, L.Wo, L.bo, L.ln2g, L.ln2b, L.W1, L.b1, L.W2, L.b2);
  variables.push(lnFg, lnFb, H1, h1, H2, h2, I1, i1, I2, i2);
  if (cfg.learnTemperature) variables.push(logTemperature);

  const dense2 = (x: tf.Tensor2D, W: tf.Variable, b: tf.Variable): tf.Tensor2D => addBias(mm(x, W as tf.Tensor2D), b);

  const attention = (x: tf.Tensor2D, L: LayerWeights, rows: number, mask: tf.Tensor): tf.Tensor2D => {
    const heads = (t: tf.Tensor): tf.Tensor3D => tf.reshape(tf.transpose(tf.reshape(t, [rows, M, nh, dh]), [0, 2, 1, 3]), [rows * nh, M, dh]) as tf.Tensor3D;
    // K laid out transposed [rows·nh, dh, M] directly, so the score matmul is a plain one
    const kT = tf.reshape(tf.transpose(tf.reshape(mm(x, L.Wk as tf.Tensor2D), [rows, M, nh, dh]), [0, 2, 3, 1]), [rows * nh, dh, M]) as tf.Tensor3D;
    const s = bmm(heads(tf.mul(mm(x, L.Wq as tf.Tensor2D), 1 / Math.sqrt(dh))), kT);
    const p = tf.softmax(tf.add(tf.reshape(s, [rows, nh, M, M]), mask));
    const o = bmm(tf.reshape(p, [rows * nh, M, M]) as tf.Tensor3D, heads(mm(x, L.Wv as tf.Tensor2D)));
    const merged = tf.reshape(tf.transpose(tf.reshape(o, [rows, nh, M, dh]), [0, 2, 1, 3]), [rows * M, H]) as tf.Tensor2D;
    return dense2(merged, L.Wo, L.bo);
  };

  const embedItems = (idx: tf.Tensor): tf.Tensor2D => {
    const x = rowGather(itemTable, idx) as tf.Tensor2D;
    return l2normalize(dense2(tf.relu(dense2(x, I1, i1)) as tf.Tensor2D, I2, i2));
  };

  const encode = (b: BatchTensors, query: tf.Tensor): tf.Tensor2D => {
    const rows = b.pad.shape[0] as number;
    const parts: tf.Tensor[] = [];
    if (useItem) parts.push(rowGather(itemTable, b.item));
    parts.push(rowGather(actionEmb, b.action), rowGather(deviceEmb, b.device), b.dense);
    const x = dense2(tf.concat(parts, 1) as tf.Tensor2D, Win, bin);
    let h = tf.reshape(tf.add(tf.reshape(x, [rows, M, H]), pos), [rows * M, H]) as tf.Tensor2D;
    // additive mask [rows, 1, M, M]: causal, and padded keys never attended to
    const keyMask = tf.reshape(tf.mul(tf.sub(b.pad, 1), 1e9), [rows, 1, 1, M]);
    const mask = tf.add(keyMask, causal);
    for (const L of layers) {
      h = tf.add(h, attention(layerNorm(h, L.ln1g, L.ln1b), L, rows, mask)) as tf.Tensor2D;
      const f = dense2(tf.relu(dense2(layerNorm(h, L.ln2g, L.ln2b), L.W1, L.b1)) as tf.Tensor2D, L.W2, L.b2);
      h = tf.add(h, f) as tf.Tensor2D;
    }
    const hq = rowGather(layerNorm(h, lnFg, lnFb), query) as tf.Tensor2D;
    return l2normalize(dense2(tf.relu(dense2(hq, H1, h1)) as tf.Tensor2D, H2, h2));
  };

  const temperature = (): tf.Scalar => tf.maximum(tf.exp(logTemperature), cfg.minTemperature) as tf.Scalar;

  return {
    cfg,
    nItems,
    itemDim: D,
    outDim: out,
    itemTable,
    variables,
    logTemperature,
    encode,
    embedItems,
    temperature,
    loss(b: BatchTensors): tf.Scalar {
      const u = encode(b, b.query);
      const cands = b.rand ? tf.concat([b.pos, b.rand], 0) : b.pos;
      return sampledSoftmaxLoss(u, embedItems(cands), temperature(), b.logq, b.candMask, b.pairMask);
    },
    dispose(): void {
      tf.dispose([...variables, itemTable, causal]);
      if (!cfg.learnTemperature) logTemperature.dispose();
    },
  };
}
