/**
 * Stage "pfeed": the SIMO / SISO item encoder (src/core/models/simo, trainSimo) trained on the P3
 * pairs of the events before the P4 cut-off t0 (so P4 stays leak-free with the one model, as the
 * PinnerFormer stage trains on the P2 split), then — like the Feeds panel's session — the lookup
 * table of the first target set over every event and every shopper's feed just after the last
 * event (the exported lookup tables and feeds). P3 / P4 are scored by the evaluate stage.
 */
import type { Dataset } from '../../data/types';
import { p4CutOff } from '../../eval/p4';
import { p3Split } from '../../eval/splits/p3-split';
import { composeAll, composerFor } from '../../feeds/composer';
import { parseFeedConfig } from '../../feeds/config';
import { ShopperEvents } from '../../feeds/history';
import { parseTargetSetRule, selectTargetSet, targetSetName } from '../../feeds/target-sets';
import { parseSimoConfig } from '../../models/simo/config';
import { buildLookupTable } from '../../retrieval/lookup-table';
import { prepareSimoData } from '../../train/simo/data';
import { trainSimo } from '../../train/simo/train';
import type { WeightTensor } from '../../export/types';
import { modelLocalName } from '../../export/model-restore';
import type { PipelineConfig, StageConfigOf } from '../config';
import type { LoadOutput, PfeedOutput, PinSageOutput, PipelineContext } from '../types';
import type { StageProgress } from './progress';

export async function runPfeed(
  config: PipelineConfig,
  stage: StageConfigOf<'pfeed'>,
  load: LoadOutput,
  pinsage: PinSageOutput | undefined,
  ctx: PipelineContext,
  progress: StageProgress,
  log: (message: string) => void,
): Promise<PfeedOutput> {
  const { stage: _s, k, targetSets: setInputs, feed: feedInput, windowDays, ...simoParams } = stage;
  const ds: Dataset = load.dataset;
  const simo = parseSimoConfig({ ...simoParams, seed: config.seed });
  const feed = parseFeedConfig(feedInput);
  const targetSets = setInputs.map((r) => parseTargetSetRule(r));
  const t0 = p4CutOff(ds, windowDays);
  progress(0, 1, 'P3 pairs before t0');
  const split = p3Split(ds, { seed: simo.seed, before: t0 });
  const data = prepareSimoData(ds, simo, { split });
  log(`SIMO (${simo.mode}, d${simo.hidden}) on the P3 pairs before ${new Date(t0).toISOString()}: ${data.train.q.length} train pairs (${data.relations.join(', ')})`);
  if (simo.pinsage !== 'off' && !pinsage) throw new Error(`pinsage "${simo.pinsage}" needs the pinsage stage's item embeddings`);
  const r = await trainSimo(simo, data, {
    pinsage: simo.pinsage !== 'off' && pinsage ? { values: pinsage.embeddings, dim: pinsage.dim } : null,
    signal: ctx.signal,
    onEvent: (e) => {
      if (e.type === 'throughput') progress(e.step, e.totalSteps, `epoch ${e.epoch}, ${Math.round(e.pairsPerSecond)} pairs/s`);
      else if (e.type === 'epoch') log(`epoch ${e.epoch}: validation recall@10 ${e.recall10.toFixed(4)}${e.best ? ' (best)' : ''}, ${e.seconds.toFixed(1)} s`);
      else if (e.type === 'early-stop') log(`stopped early after epoch ${e.epoch}`);
    },
  });
  let weights: WeightTensor[];
  try {
    weights = [];
    for (const v of r.encoder.variables) weights.push({ name: modelLocalName(v.name), shape: v.shape.slice(), values: Float32Array.from(await v.data()) });
  } finally {
    r.encoder.dispose();
  }
  const emb = r.embeddings;
  // the exported table and feeds: every event is history, composed just after the last one
  const composedAt = ds.events.timestamp[ds.events.length - 1] + 1;
  const rule = targetSets[0];
  const set = selectTargetSet(ds, rule);
  if (set.length === 0) throw new Error(`The target set "${targetSetName(rule)}" is empty on this dataset; choose another in targetSets.`);
  const t = performance.now();
  const table = await buildLookupTable(ds, emb, set, {
    k,
    targetSetName: targetSetName(rule),
    signal: ctx.signal,
    onProgress: (d, tot) => progress(d, tot, 'lookup table'),
  });
  const composer = composerFor(table, ds, feed, composedAt, feed.mmrLambda < 1 ? { data: emb.target, dim: emb.dim } : null);
  const events = new ShopperEvents(ds);
  const feeds = composeAll(composer, events, composedAt, events.shoppers(), { signal: ctx.signal, onProgress: (d, tot) => progress(d, tot, 'feeds') });
  const infer = (performance.now() - t) / 1000;
  progress(1, 1, 'done');
  return {
    simo,
    feed,
    k,
    targetSets,
    windowDays,
    t0,
    embeddings: emb,
    split,
    relations: data.relations,
    weights,
    training: { epochs: r.state.epoch, best_epoch: r.state.bestEpoch, best_val_recall10: r.state.bestRecall10, steps: r.state.steps, pairs_per_s: r.pairsPerSecond },
    seconds: { train: r.trainSeconds, infer },
    table,
    feeds,
    composedAt,
  };
}
