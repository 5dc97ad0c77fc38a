/**
 * The PinSage network (paper Algorithms 1–2): K convolutions over the minibatch's node blocks, a
 * dense head, max-margin loss. Implements the compute core's TrainableModel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchTensors } from '../../compute/batch';
import type { TrainableModel } from '../../compute/step-runner';
import { Rng } from '../../rng';
import { maxMarginLoss } from '../../train/max-margin';
import { variantSettings, type PinSageConfig, type Pooling } from './config';
import { inputDim, type ItemFeatures } from './features';
import { glorot, normals } from './init-values';
import { combine, head, inputFeatures, poolNeighbours, transformNeighbours, type ConvWeights, type FeatureWeights, type HeadWeights } from './layers';

let modelCounter = 0;

export interface PinSageModel extends TrainableModel {
  readonly cfg: PinSageConfig;
  readonly pooling: Pooling;
  readonly features: FeatureWeights;
  readonly convs: ConvWeights[];
  readonly head: HeadWeights;
  /** Embeddings of the minibatch's target nodes [caps[K], output]. */
  embedTargets(batch: BatchTensors): tf.Tensor2D;
}

export function buildPinSageModel(cfg: PinSageConfig, f: ItemFeatures): PinSageModel {
  const rng = new Rng(cfg.seed).fork('pinsage-init');
  const id = ++modelCounter;
  const v = (name: string, values: Float32Array, shp: number[]): tf.Variable => tf.variable(tf.tensor(values, shp), true, `pinsage${id}/${name}`);
  const features: FeatureWeights = {
    tokens: v('tokens', normals(rng, (f.tokenBuckets + 1) * cfg.tokenDim, 0.1), [f.tokenBuckets + 1, cfg.tokenDim]),
    category: v('category', normals(rng, f.nCategories * cfg.categoryDim, 0.1), [f.nCategories, cfg.categoryDim]),
    brand: v('brand', normals(rng, f.nBrands * cfg.brandDim, 0.1), [f.nBrands, cfg.brandDim]),
    id: f.nIds > 0 ? v('id', normals(rng, (f.nIds + 1) * cfg.idDim, 0.1), [f.nIds + 1, cfg.idDim]) : null,
  };
  const convs: ConvWeights[] = [];
  let d = inputDim(f, cfg);
  for (let l = 1; l <= cfg.layers; l++) {
    convs.push({
      Q: v(`Q${l}`, glorot(rng, d, cfg.hidden), [d, cfg.hidden]),
      q: v(`q${l}`, new Float32Array(cfg.hidden), [cfg.hidden]),
      W: v(`W${l}`, glorot(rng, d + cfg.hidden, cfg.hidden), [d + cfg.hidden, cfg.hidden]),
      w: v(`w${l}`, new Float32Array(cfg.hidden), [cfg.hidden]),
    });
    d = cfg.hidden;
  }
  const hw: HeadWeights = {
    G1: v('G1', glorot(rng, d, cfg.hidden), [d, cfg.hidden]),
    g1: v('g1', new Float32Array(cfg.hidden), [cfg.hidden]),
    G2: v('G2', glorot(rng, cfg.hidden, cfg.output), [cfg.hidden, cfg.output]),
    g2: v('g2', new Float32Array(cfg.output), [cfg.output]),
  };
  const pooling = variantSettings(cfg.variant).pooling;
  const variables: tf.Variable[] = [features.tokens, features.category, features.brand];
  if (features.id) variables.push(features.id);
  for (const c of convs) variables.push(c.Q, c.q, c.W, c.w);
  variables.push(hw.G1, hw.g1, hw.G2, hw.g2);

  const embedTargets = (b: BatchTensors): tf.Tensor2D => {
    let h = inputFeatures(features, {
      tokens: b.tokens,
      tokenWeights: b.tokenWeights,
      category: b.category,
      brand: b.brand,
      dense: b.dense,
      external: b.external,
      idRow: b.idRow,
      idMask: b.idMask,
    });
    for (let l = 1; l <= cfg.layers; l++) {
      const c = convs[l - 1];
      // rows of node layer l in this batch (bucketed; see minibatch.ts)
      const rows = pooling === 'none' ? (b.tokens.shape[0] as number) : (b[`nbrW${l}`].shape[0] as number);
      const self = tf.slice(h, [0, 0], [rows, -1]) as tf.Tensor2D;
      const pooled =
        pooling === 'none'
          ? tf.zeros([rows, cfg.hidden]) as tf.Tensor2D
          : poolNeighbours(transformNeighbours(c, h), b[`nbr${l}`], b[`nbrW${l}`], rows, cfg.topT, pooling);
      h = combine(c, self, pooled);
    }
    return head(hw, h);
  };

  return {
    cfg,
    pooling,
    features,
    convs,
    head: hw,
    variables,
    embedTargets,
    loss(b: BatchTensors): tf.Scalar {
      const e = embedTargets(b);
      return maxMarginLoss(e, b.qIdx, b.pIdx, b.negIdx, b.pairMask, cfg.margin, b.hardIdx, b.hardMask);
    },
    dispose(): void {
      tf.dispose(variables);
    },
  };
}
