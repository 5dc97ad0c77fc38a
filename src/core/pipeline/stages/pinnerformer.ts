/**
 * Stage "pinnerformer": PinnerFormer shopper embeddings (src/core/models/pinnerformer), trained
 * the way the Train panel's PinnerFormer worker trains them: P2 split (nothing at or after t0),
 * item embeddings from the pinsage stage when its train period ends before t0 (else a budgeted
 * PinSage run on events before t0), trainPinnerFormer, then the daily-inference snapshot of every
 * shopper from all events (the shopper key-value snapshot of the export).
 */
import type { Dataset } from '../../data/types';
import { parsePinnerFormerConfig } from '../../models/pinnerformer/config';
import { fullSnapshot } from '../../models/pinnerformer/incremental';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { preparePinnerFormerData } from '../../train/pinnerformer/data';
import { pinSageItemEmbeddings } from '../../train/pinnerformer/item-source';
import { trainPinnerFormer } from '../../train/pinnerformer/train';
import { stageOf, type PipelineConfig, type StageConfigOf } from '../config';
import type { LoadOutput, PinnerFormerOutput, PinSageOutput, PipelineContext, WalksOutput } from '../types';
import type { StageProgress } from './progress';

function itemsFromPinSage(ds: Dataset, walks: WalksOutput | undefined, pinsage: PinSageOutput | undefined, t0: number): (ItemEmbeddings & { source: string }) | null {
  if (!walks || !pinsage) return null;
  const end = walks.split.trainEnd;
  // the PinSage run saw events [0, trainEnd): usable only when they all lie before t0
  if (end > 0 && ds.events.timestamp[end - 1] >= t0) return null;
  return { vectors: pinsage.embeddings, dim: pinsage.dim, source: `pinsage/${pinsage.config.variant} of this run (P1 train period, before t0)` };
}

export async function runPinnerFormer(
  config: PipelineConfig,
  stage: StageConfigOf<'pinnerformer'>,
  load: LoadOutput,
  walks: WalksOutput | undefined,
  pinsage: PinSageOutput | undefined,
  ctx: PipelineContext,
  progress: StageProgress,
  log: (message: string) => void,
): Promise<PinnerFormerOutput> {
  const { stage: _s, ...params } = stage;
  const ds = load.dataset;
  progress(0, 1, 'P2 split and sequences');
  const cfg = parsePinnerFormerConfig({ ...params, seed: config.seed });
  const data0 = preparePinnerFormerData(ds, cfg);
  const t0 = data0.split.t0;
  let items = itemsFromPinSage(ds, walks, pinsage, t0);
  if (!items) {
    log('item embeddings: a budgeted PinSage run on events before t0 (the pinsage stage did not run, or its train period reaches t0)');
    // the pinsage stage's settings when it is configured, over the budget of pinSageItemEmbeddings
    const ps = stageOf(config, 'pinsage');
    const w = stageOf(config, 'walks');
    const { stage: _p, ...pinsageParams } = ps ?? { stage: 'pinsage' };
    const { stage: _w, ...walkParams } = w ?? { stage: 'walks' };
    const p = await pinSageItemEmbeddings(ds, t0, { ...walkParams, ...pinsageParams, seed: config.seed }, {
      signal: ctx.signal,
      onEvent: (e) => e.type === 'throughput' && progress(e.step, e.totalSteps, `item embeddings (PinSage), epoch ${e.epoch}`),
    });
    items = { vectors: p.vectors, dim: p.dim, source: p.source };
  }
  const r = await trainPinnerFormer(cfg, data0, items, {
    signal: ctx.signal,
    runId: `batch-${config.name}-pinnerformer-${cfg.seed}`,
    onEvent: (e) => {
      if (e.type === 'throughput') progress(e.step, e.totalSteps, `epoch ${e.epoch}, ${Math.round(e.seqsPerSecond)} seqs/s`);
      else if (e.type === 'epoch') log(`epoch ${e.epoch}: validation recall@10 ${e.recall10.toFixed(4)}${e.best ? ' (best)' : ''}, ${e.seconds.toFixed(1)} s`);
      else if (e.type === 'early-stop') log(`stopped early after epoch ${e.epoch}`);
    },
  });
  try {
    progress(0, 1, 'daily inference: every shopper');
    const t = performance.now();
    const asOf = ds.events.length ? ds.events.timestamp[ds.events.length - 1] + 1 : 0;
    const snapshot = await fullSnapshot(r.model, ds, asOf, undefined, { signal: ctx.signal, onProgress: (a: number, b: number) => progress(a, b, 'daily inference') });
    const infer = (performance.now() - t) / 1000;
    const weights = [];
    for (const v of r.model.variables) weights.push({ name: v.name, shape: v.shape.slice(), values: Float32Array.from(await v.data()) });
    progress(1, 1, 'done');
    return {
      config: cfg,
      model: r.model,
      itemSource: items.source,
      itemVectors: items.vectors,
      itemDim: items.dim,
      snapshot,
      weights,
      training: { epochs: r.state.epoch, best_epoch: r.state.bestEpoch, seqs_per_s: r.seqsPerSecond },
      seconds: { train: r.trainSeconds, infer },
    };
  } catch (e) {
    r.model.dispose();
    throw e;
  }
}
