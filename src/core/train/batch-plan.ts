/**
 * Which pairs and negatives go into minibatch (epoch, step): deterministic in (seed, epoch, step),
 * so a resumed run replays the same data, and any producer (this thread or a worker) builds the
 * same batch.
 */
import { hardNegativesForEpoch, sharedNegativeCount, variantSettings, type PinSageConfig } from '../models/pinsage/config';
import { Rng } from '../rng';
import { buildMinibatch, minibatchScratch, minibatchShape, type Minibatch, type MinibatchScratch, type MinibatchShape } from './minibatch';
import { HardNegativeSampler, sharedNegatives } from './negatives';
import { pairsPerEpoch, type PinSageData } from './pinsage-data';

export interface BatchPlan {
  shape: MinibatchShape;
  stepsPerEpoch: number;
  /** The batch of (1-based) epoch `epoch`, step `step` (0-based within the epoch). */
  batch(epoch: number, step: number): Minibatch;
}

export function pinSageShape(cfg: PinSageConfig, nItems: number, externalDim: number): MinibatchShape {
  const hardSlots = variantSettings(cfg.variant).hardNegatives ? Math.min(cfg.hardNegativeCap, Math.max(0, cfg.epochs - 1)) : 0;
  return minibatchShape(nItems, {
    layers: cfg.layers,
    topT: cfg.topT,
    batchSize: cfg.batchSize,
    sharedNegatives: sharedNegativeCount(cfg, nItems),
    hardSlots,
    pooling: variantSettings(cfg.variant).pooling,
    maxTokens: cfg.maxTokens,
    externalDim,
  });
}

export function stepsPerEpoch(cfg: PinSageConfig, nPairs: number): number {
  const all = Math.ceil(nPairs / cfg.batchSize);
  return cfg.maxStepsPerEpoch > 0 ? Math.min(all, cfg.maxStepsPerEpoch) : all;
}

export function makeBatchPlan(cfg: PinSageConfig, d: PinSageData): BatchPlan {
  const shape = pinSageShape(cfg, d.nItems, d.features.external?.dim ?? 0);
  const spe = stepsPerEpoch(cfg, pairsPerEpoch(d));
  const root = new Rng(cfg.seed).fork('pinsage-batches');
  const hard = shape.hardSlots > 0 ? new HardNegativeSampler(d.graph, { ...d.walk, topT: cfg.topT }, { startFraction: cfg.hardBandStart, endFraction: Math.max(cfg.hardBandEnd, cfg.hardBandStart + 0.01) }) : null;
  let permEpoch = -1;
  let perm: Uint32Array = new Uint32Array(0);
  let pairs = d.trainPairs;
  const scratch: MinibatchScratch = minibatchScratch(d.nItems);
  return {
    shape,
    stepsPerEpoch: spe,
    batch(epoch: number, step: number): Minibatch {
      if (permEpoch !== epoch) {
        pairs = d.epochPairs ? d.epochPairs.draw(epoch) : d.trainPairs;
        perm = root.fork(`perm:${epoch}`).permutation(pairs.q.length);
        permEpoch = epoch;
      }
      const a = step * cfg.batchSize;
      const b = Math.min(pairs.q.length, a + cfg.batchSize);
      const idx = perm.subarray(Math.min(a, b), b);
      const q = Uint32Array.from(idx, (k) => pairs.q[k]);
      const i = Uint32Array.from(idx, (k) => pairs.i[k]);
      const rng = root.fork(`batch:${epoch}:${step}`);
      const negatives = sharedNegatives(rng, d.nItems, shape.sharedNegatives);
      const H = shape.hardSlots;
      let hardItems: Uint32Array | undefined;
      let hardActive: Uint8Array | undefined;
      if (hard && H > 0) {
        const active = hardNegativesForEpoch(cfg, epoch);
        hardItems = new Uint32Array(q.length * H);
        hardActive = new Uint8Array(q.length);
        if (active > 0) for (let k = 0; k < q.length; k++) hardActive[k] = hard.sampleInto(q[k], i[k], active, rng, hardItems, k * H);
      }
      let removeEdge: Uint8Array | undefined;
      if (cfg.pairEdgeRemoval < 1) {
        const er = root.fork(`edges:${epoch}:${step}`);
        removeEdge = Uint8Array.from(q, () => (er.nextFloat() < cfg.pairEdgeRemoval ? 1 : 0));
      }
      return buildMinibatch({ q, i, negatives, hard: hardItems, hardActive, removeEdge }, d.neighbourhoods, d.features, shape, scratch);
    },
  };
}
