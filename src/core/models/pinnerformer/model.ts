/**
 * The PinnerFormer network (Pancha et al. 2022, §3): each action's features are projected to the
 * hidden size, a learnable positional encoding is added, then L PreNorm transformer layers
 * (LayerNorm → causal multi-head self-attention (Q, K, V projections without bias) → residual; LayerNorm → feed-forward → residual),
 * a final LayerNorm, and at each queried position a small MLP with L2 normalisation (the shopper
 * embedding). Items go through their own MLP + L2 normalisation from the input item embedding
 * (residual: the normalised input embedding plus the MLP, optionally plus a learned item-ID
 * embedding). A skip connection adds the mean item-tower embedding of the last `skipWindow`
 * actions up to the queried position to the head's output, so a fresh model starts at the
 * mean-embedding baseline. The last layer runs attention and feed-forward only at the queried
 * positions (keys and values over the whole window): the same outputs for a fraction of the work.
 * With `timeToLatest: 'query'` that last attention also adds, per head, a learned linear function of
 * the encoded time from each action to the query (input `qtime`, ./features.ts writeQueryTimes;
 * weights start at zero, so a fresh model is unchanged): the query-relative time to the latest action.
 * The loss is the sampled softmax of ./loss.ts. Implements the compute core's TrainableModel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchTensors } from '../../compute/batch';
import type { TrainableModel } from '../../compute/step-runner';
import { Rng } from '../../rng';
import { glorot, normals } from '../pinsage/init-values';
import { l2normalize } from '../pinsage/layers';
import { rowGather } from '../pinsage/ops';
import { outputDim, uses, type PinnerFormerConfig } from './config';
import { denseDim, N_ACTION_CODES, N_DEVICE_CODES, timeDim, usesQueryTimes, type ItemEmbeddings } from './features';
import { sampledSoftmaxLoss } from './loss';
import { addBias, bmm, layerNorm, mm, mmData } from './ops';

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
  /** The input item embedding matrix, rows L2-normalised (constant, not trained). */
  readonly itemTable: tf.Tensor2D;
  /**
   * L2-normalised shopper embeddings at the queried positions: `query` holds flat indices into
   * the batch's [rows × M] positions, grouped by row: with Z = queries / rows, query q lies in
   * row ⌊q / Z⌋. Inputs: item, action, device (int32 [rows·M]), dense
   * ([rows·M, F]), pad ([rows, M]), and with query-relative time qtime ([queries·M, 1 + 2P],
   * features.ts writeQueryTimes for the same queries).
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
  const skipWindow = useItem ? Math.min(cfg.skipWindow, M) : 0;
  const rng = new Rng(cfg.seed).fork('pinnerformer-init');
  const id = ++modelCounter;
  const v = (name: string, values: Float32Array, shp: number[], trainable = true): tf.Variable =>
    tf.variable(tf.tensor(values, shp), trainable, `pinnerformer${id}/${name}`);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const zeros = (n: number): Float32Array => new Float32Array(n);
  const scaled = (a: Float32Array, f: number): Float32Array => a.map((x) => x * f);

  const itemTable = tf.tensor2d(normalizeRows(items.vectors, D), [nItems, D]);
  const actionEmb = v('action', normals(rng, N_ACTION_CODES * cfg.actionDim, 0.1), [N_ACTION_CODES, cfg.actionDim]);
  const deviceEmb = v('device', normals(rng, N_DEVICE_CODES * cfg.deviceDim, 0.1), [N_DEVICE_CODES, cfg.deviceDim]);
  const inDim = (useItem ? D : 0) + cfg.actionDim + cfg.deviceDim + F;
  // the input projection Win split by group: item and dense features are data (mmData), action and
  // device go through their embedding projected first (a gather from a [kinds, H] table)
  const Win = glorot(rng, inDim, H);
  let row0 = 0;
  const winRows = (n: number): Float32Array => Win.slice((row0 += n) * H - n * H, row0 * H);
  const WinItem = useItem ? v('WinItem', winRows(D), [D, H]) : null;
  const WinAction = v('WinAction', winRows(cfg.actionDim), [cfg.actionDim, H]);
  const WinDevice = v('WinDevice', winRows(cfg.deviceDim), [cfg.deviceDim, H]);
  const WinDense = v('WinDense', winRows(F), [F, H]);
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
  // with the skip, the head starts small: the fresh model is close to the mean-embedding baseline
  const H2 = v('H2', scaled(glorot(rng, H, out), skipWindow > 0 ? 0.1 : 1), [H, out]);
  const h2 = v('h2', zeros(out), [out]);
  const I1 = v('I1', glorot(rng, D, H), [D, H]);
  const i1 = v('i1', zeros(H), [H]);
  const I2 = v('I2', scaled(glorot(rng, H, out), cfg.itemResidual ? 0.1 : 1), [H, out]);
  const i2 = v('i2', zeros(out), [out]);
  const Ip = cfg.itemResidual && out !== D ? v('Ip', glorot(rng, D, out), [D, out]) : null;
  const itemId = cfg.itemIdEmbedding ? v('itemId', zeros(nItems * out), [nItems, out]) : null;
  // query-relative time to the latest action → per-head bias of the last layer's attention
  const Wt = usesQueryTimes(cfg) ? v('Wt', zeros(timeDim(cfg) * nh), [timeDim(cfg), nh]) : null;
  const logTemperature = v('logTemperature', Float32Array.of(Math.log(cfg.temperature)), [], cfg.learnTemperature);
  // causal mask: 0 where key ≤ query, −1e9 above the diagonal
  const causalValues = new Float32Array(M * M);
  for (let q = 0; q < M; q++) for (let k = q + 1; k < M; k++) causalValues[q * M + k] = -1e9;
  const causal = tf.tensor2d(causalValues, [M, M]);
  const keyPositions = tf.tensor2d(Int32Array.from({ length: M }, (_, k) => k), [1, M], 'int32');

  const variables: tf.Variable[] = [actionEmb, deviceEmb, WinAction, WinDevice, WinDense, bin, pos];
  if (WinItem) variables.push(WinItem);
  for (const L of layers) variables.push(L.ln1g, L.ln1b, L.Wq, L.Wk, L.Wv, L.Wo, L.bo, L.ln2g, L.ln2b, L.W1, L.b1, L.W2, L.b2);
  variables.push(lnFg, lnFb, H1, h1, H2, h2, I1, i1, I2, i2);
  if (Ip) variables.push(Ip);
  if (itemId) variables.push(itemId);
  if (cfg.learnTemperature) variables.push(logTemperature);
  if (Wt) variables.push(Wt);

  const dense2 = (x: tf.Tensor2D, W: tf.Variable, b: tf.Variable): tf.Tensor2D => addBias(mm(x, W as tf.Tensor2D), b);

  /**
   * Multi-head attention of `zq` queries per row (xq [rows·zq, H], already normalised) over the
   * row's M keys / values (xkv [rows·M, H]); `mask` [rows, 1, zq, M] additive.
   */
  const attention = (xq: tf.Tensor2D, xkv: tf.Tensor2D, L: LayerWeights, rows: number, zq: number, mask: tf.Tensor): tf.Tensor2D => {
    const heads = (t: tf.Tensor, n: number): tf.Tensor3D => tf.reshape(tf.transpose(tf.reshape(t, [rows, n, nh, dh]), [0, 2, 1, 3]), [rows * nh, n, dh]) as tf.Tensor3D;
    // K laid out transposed [rows·nh, dh, M] directly, so the score matmul is a plain one
    const kT = tf.reshape(tf.transpose(tf.reshape(mm(xkv, L.Wk as tf.Tensor2D), [rows, M, nh, dh]), [0, 2, 3, 1]), [rows * nh, dh, M]) as tf.Tensor3D;
    const s = bmm(heads(tf.mul(mm(xq, L.Wq as tf.Tensor2D), 1 / Math.sqrt(dh)), zq), kT);
    const p = tf.softmax(tf.add(tf.reshape(s, [rows, nh, zq, M]), mask));
    const o = bmm(tf.reshape(p, [rows * nh, zq, M]) as tf.Tensor3D, heads(mm(xkv, L.Wv as tf.Tensor2D), M));
    const merged = tf.reshape(tf.transpose(tf.reshape(o, [rows, nh, zq, dh]), [0, 2, 1, 3]), [rows * zq, H]) as tf.Tensor2D;
    return dense2(merged, L.Wo, L.bo);
  };
  const feedForward = (x: tf.Tensor2D, L: LayerWeights): tf.Tensor2D =>
    dense2(tf.relu(dense2(layerNorm(x, L.ln2g, L.ln2b), L.W1, L.b1)) as tf.Tensor2D, L.W2, L.b2);

  const embedItems = (idx: tf.Tensor): tf.Tensor2D => {
    const x = rowGather(itemTable, idx) as tf.Tensor2D;
    let y = dense2(tf.relu(dense2(x, I1, i1)) as tf.Tensor2D, I2, i2);
    if (cfg.itemResidual) y = tf.add(y, Ip ? mm(x, Ip as tf.Tensor2D) : x) as tf.Tensor2D;
    if (itemId) y = tf.add(y, rowGather(itemId, idx)) as tf.Tensor2D;
    return l2normalize(y);
  };

  const encode = (b: BatchTensors, query: tf.Tensor): tf.Tensor2D => {
    const rows = b.pad.shape[0] as number;
    const nq = query.shape[0] as number;
    if (nq % rows !== 0) throw new Error(`encode: ${nq} queries for ${rows} rows (queries must be grouped by row, the same count per row)`);
    const zq = nq / rows;
    // = [item ‖ action ‖ device ‖ dense] · Win + bin, by group
    let x = tf.add(rowGather(mm(actionEmb as tf.Tensor2D, WinAction as tf.Tensor2D), b.action), rowGather(mm(deviceEmb as tf.Tensor2D, WinDevice as tf.Tensor2D), b.device));
    x = tf.add(x, mmData(b.dense as tf.Tensor2D, WinDense as tf.Tensor2D));
    if (WinItem) x = tf.add(x, mmData(rowGather(itemTable, b.item) as tf.Tensor2D, WinItem as tf.Tensor2D));
    x = addBias(x as tf.Tensor2D, bin);
    let h = tf.reshape(tf.add(tf.reshape(x, [rows, M, H]), pos), [rows * M, H]) as tf.Tensor2D;
    // additive masks: padded keys are never attended to; causal over the window (full layers) or
    // up to each query's position (the last layer)
    const keyMask = tf.reshape(tf.mul(tf.sub(b.pad, 1), 1e9), [rows, 1, 1, M]);
    const qpos = tf.sub(query, tf.mul(tf.floorDiv(query, M), M));
    const after = tf.greater(keyPositions, tf.reshape(qpos, [nq, 1])); // [nq, M]: key later than the query
    let queryMask = tf.add(keyMask, tf.reshape(tf.mul(tf.cast(after, 'float32'), -1e9), [rows, 1, zq, M]));
    if (Wt) {
      const qtime = b.qtime;
      if (!qtime || qtime.shape[0] !== nq * M) throw new Error(`encode: query-relative time needs qtime [${nq * M}, ${timeDim(cfg)}] for ${nq} queries (features.ts writeQueryTimes)`);
      const bias = tf.transpose(tf.reshape(mmData(qtime as tf.Tensor2D, Wt as tf.Tensor2D), [rows, zq, M, nh]), [0, 3, 1, 2]);
      queryMask = tf.add(queryMask, bias);
    }
    const fullMask = tf.add(keyMask, causal);
    for (let l = 0; l < layers.length - 1; l++) {
      const L = layers[l];
      const n = layerNorm(h, L.ln1g, L.ln1b);
      h = tf.add(h, attention(n, n, L, rows, M, fullMask)) as tf.Tensor2D;
      h = tf.add(h, feedForward(h, L)) as tf.Tensor2D;
    }
    // last layer: attention and feed-forward at the queried positions only
    const last = layers[layers.length - 1];
    const n = layerNorm(h, last.ln1g, last.ln1b);
    let hq = tf.add(rowGather(h, query), attention(rowGather(n, query) as tf.Tensor2D, n, last, rows, zq, queryMask)) as tf.Tensor2D;
    hq = tf.add(hq, feedForward(hq, last)) as tf.Tensor2D;
    let u = dense2(tf.relu(dense2(layerNorm(hq, lnFg, lnFb), H1, h1)) as tf.Tensor2D, H2, h2);
    if (skipWindow > 0) {
      // mean item-tower embedding of the real actions in (qpos − skipWindow, qpos]
      const inWindow = tf.logicalAnd(tf.logicalNot(after), tf.greater(keyPositions, tf.reshape(tf.sub(qpos, skipWindow), [nq, 1])));
      const w = tf.mul(tf.reshape(tf.cast(inWindow, 'float32'), [rows, zq, M]), tf.reshape(b.pad, [rows, 1, M]));
      const wn = tf.div(w, tf.maximum(tf.sum(w, -1, true), 1)) as tf.Tensor3D;
      const hist = tf.reshape(embedItems(b.item), [rows, M, out]) as tf.Tensor3D;
      u = tf.add(u, tf.reshape(bmm(wn, hist), [nq, out])) as tf.Tensor2D;
    }
    return l2normalize(u);
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
      tf.dispose([...variables, itemTable, causal, keyPositions]);
      if (!cfg.learnTemperature) logTemperature.dispose();
    },
  };
}

/** Rows scaled to unit length (zero rows stay zero). */
function normalizeRows(x: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let o = 0; o < x.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += x[o + j] * x[o + j];
    const f = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) out[o + j] = x[o + j] * f;
  }
  return out;
}
