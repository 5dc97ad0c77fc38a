/**
 * Stage "pinsage": item features, training pairs (P1 pair rule over the train period, a held-out
 * validation sample) and PinSage training on the walks stage's neighbourhoods — trainPinSage, the
 * loop the Train panel runs — then all-item inference with the best-validation weights.
 */
import type { SavedTensor } from '../../compute/checkpoint';
import { p1TrainPairs } from '../../eval/splits/p1-item-to-item';
import { itemDegree } from '../../graph/build-csr';
import type { Dataset } from '../../data/types';
import { parsePinSageConfig, type PinSageConfig } from '../../models/pinsage/config';
import { buildItemFeatures } from '../../models/pinsage/features';
import { inferAllItems } from '../../models/pinsage/infer';
import { epochPairsFor, holdOutPairs, pinSageNeighbourhoods, type PinSageData } from '../../train/pinsage-data';
import { trainPinSage, type BatchSource } from '../../train/pinsage-train';
import type { PipelineConfig, StageConfigOf } from '../config';
import type { LoadOutput, PinSageOutput, PipelineContext, WalksOutput } from '../types';
import type { StageProgress } from './progress';

export interface PinSageStageHooks {
  /** A batch source built elsewhere (e.g. a producer worker in the page); default: the local batch plan. */
  batchSource?(data: PinSageData, dataset: Dataset, cfg: PinSageConfig): Promise<BatchSource | undefined>;
}

export async function runPinSage(
  config: PipelineConfig,
  stage: StageConfigOf<'pinsage'>,
  load: LoadOutput,
  walks: WalksOutput,
  ctx: PipelineContext,
  progress: StageProgress,
  log: (message: string) => void,
  hooks: PinSageStageHooks = {},
): Promise<PinSageOutput> {
  const { stage: _s, ...params } = stage;
  const cfg = parsePinSageConfig({
    ...params,
    walks: walks.walk.walks,
    walkLength: walks.walk.length,
    alpha: walks.walk.alpha,
    topT: walks.walk.topT,
    seed: config.seed,
  });
  const ds = load.dataset;
  const { split, graph } = walks;
  progress(0, 1, 'training pairs and item features');
  const { train, val } = holdOutPairs(p1TrainPairs(ds, split), cfg.validationPairs, cfg.seed);
  const nItems = ds.items.length;
  if (train.q.length === 0) {
    throw new Error(`No training pairs in the train period of "${ds.name}" (items co-engaged within the P1 window): PinSage cannot train on this dataset.`);
  }
  const degree = Float32Array.from({ length: nItems }, (_, i) => itemDegree(graph, i));
  const features = buildItemFeatures(ds, cfg, { degree, seenInTraining: split.itemHasTrainEvent });
  // the walks stage's neighbourhoods, or the degree-normalised ones (cfg.neighbourDegreeNorm)
  const neighbourhoods = pinSageNeighbourhoods(graph, walks.walk, cfg, degree, walks.neighbourhoods);
  const epochPairs = epochPairsFor(ds, cfg, split, val);
  const data: PinSageData = { nItems, split, trainPairs: train, valPairs: val, ...(epochPairs ? { epochPairs } : {}), graph, walk: walks.walk, neighbourhoods, features };
  const source = await hooks.batchSource?.(data, ds, cfg);
  const r = await trainPinSage(cfg, data, {
    signal: ctx.signal,
    source,
    runId: `batch-${config.name}-${cfg.variant}-${cfg.seed}`,
    onEvent: (e) => {
      if (e.type === 'throughput') progress(e.step, e.totalSteps, `epoch ${e.epoch}, ${Math.round(e.pairsPerSecond)} pairs/s`);
      else if (e.type === 'epoch') log(`epoch ${e.epoch}: validation recall@10 ${e.recall10.toFixed(4)}${e.best ? ' (best)' : ''}, ${e.seconds.toFixed(1)} s`);
      else if (e.type === 'early-stop') log(`stopped early after epoch ${e.epoch}`);
    },
  });
  try {
    progress(0, 1, 'inference (all items)');
    const t0 = performance.now();
    const embeddings = await inferAllItems(r.model, features, neighbourhoods);
    const infer = (performance.now() - t0) / 1000;
    const weights: SavedTensor[] = [];
    for (const v of r.model.variables) {
      const values = await v.data();
      const dtype = v.dtype === 'int32' ? 'int32' : 'float32';
      weights.push({ name: v.name.replace(/^pinsage\d+\//, ''), shape: v.shape.slice(), dtype, values: dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values) });
    }
    progress(1, 1, 'done');
    return {
      config: cfg,
      embeddings,
      dim: cfg.output,
      weights,
      features,
      valPairs: val,
      training: { epochs: r.state.epoch, best_epoch: r.state.bestEpoch, best_val_recall10: r.state.bestRecall10, pairs_per_s: r.pairsPerSecond, steps: r.state.globalStep },
      seconds: { train: r.trainSeconds, infer },
    };
  } finally {
    r.model.dispose();
  }
}
