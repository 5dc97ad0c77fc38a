/**
 * P1 end to end for one dataset: the non-learned baselines (popularity, itemknn, ppr) and the
 * chosen PinSage variants, trained on the same split and evaluated on its test pairs; each
 * becomes a `metrics.json` entry.
 */
import type { Dataset } from '../data/types';
import { PINSAGE_VARIANTS, parsePinSageConfig, type PinSageConfigInput, type PinSageVariant } from '../models/pinsage/config';
import { inferAllItems } from '../models/pinsage/infer';
import { dotScores } from '../retrieval/top-k';
import { preparePinSageData, type PinSageData } from '../train/pinsage-data';
import { trainPinSage, type TrainEvent, type TrainResult } from '../train/pinsage-train';
import { evaluateP1, type P1Scorer } from './p1';
import { itemKnnScorer, popularityCounts, popularityScorer, pprWalkScorer } from './p1-baselines';
import type { MetricsEntry } from './metrics-json';
import type { ItemPairs } from './splits/pairs';
import { p1Split } from './splits/p1-item-to-item';

export interface P1SuiteOptions {
  variants?: readonly PinSageVariant[];
  config?: PinSageConfigInput;
  baselines?: boolean;
  log?(line: string): void;
  onTrainEvent?(variant: PinSageVariant, e: TrainEvent): void;
  /** More pair sets to score every model on (e.g. the synthetic world's planted complements): metric `<name>_recall@10`. */
  extraPairs?: { name: string; pairs: ItemPairs }[];
  /** Called with each finished PinSage run (e.g. to keep the embeddings). */
  onTrained?(variant: PinSageVariant, r: TrainResult, d: PinSageData): void | Promise<void>;
}

async function entry(
  model: string,
  variant: string | undefined,
  d: PinSageData,
  scorer: P1Scorer,
  train: number,
  infer: number,
  extra: Record<string, unknown> = {},
  extraPairs: { name: string; pairs: ItemPairs }[] = [],
): Promise<MetricsEntry> {
  const t0 = performance.now();
  const r = await evaluateP1(d.split.testPairs, d.nItems, scorer);
  const evalS = (performance.now() - t0) / 1000;
  const more: Record<string, number> = {};
  for (const x of extraPairs) more[`${x.name}_recall@10`] = (await evaluateP1(x.pairs, d.nItems, scorer)).metrics['recall@10'];
  return {
    protocol: 'P1',
    model,
    ...(variant ? { variant } : {}),
    metrics: { ...r.metrics, ...more },
    counts: { test_pairs: r.counts.test_pairs, items: r.counts.items, queries: r.counts.queries },
    seconds: { train, infer, eval: evalS },
    ...extra,
  };
}

export async function runP1Suite(ds: Dataset, opts: P1SuiteOptions = {}): Promise<MetricsEntry[]> {
  const log = opts.log ?? (() => undefined);
  const base = parsePinSageConfig(opts.config ?? {});
  const split = p1Split(ds, { seed: base.seed });
  const out: MetricsEntry[] = [];
  let shared: PinSageData | null = null;
  if (opts.baselines ?? true) {
    const d = preparePinSageData(ds, base, { split });
    shared = d;
    out.push(await entry('popularity', undefined, d, popularityScorer(popularityCounts(ds, split.trainEnd)), 0, 0, {}, opts.extraPairs));
    log(`popularity ${JSON.stringify(out[out.length - 1].metrics)}`);
    out.push(await entry('itemknn', undefined, d, itemKnnScorer(d.graph), 0, 0, {}, opts.extraPairs));
    log(`itemknn ${JSON.stringify(out[out.length - 1].metrics)}`);
    out.push(await entry('ppr', undefined, d, pprWalkScorer(d.graph, { ...d.walk, topT: base.topT }), 0, 0, {}, opts.extraPairs));
    log(`ppr ${JSON.stringify(out[out.length - 1].metrics)}`);
  }
  for (const variant of opts.variants ?? PINSAGE_VARIANTS) {
    const cfg = parsePinSageConfig({ ...(opts.config ?? {}), variant });
    // variants share the split, graph, walks and features (they differ in pooling / negatives only)
    const d = shared ?? preparePinSageData(ds, cfg, { split });
    shared = d;
    const r = await trainPinSage(cfg, d, { onEvent: (e) => opts.onTrainEvent?.(variant, e) });
    const t0 = performance.now();
    const emb = await inferAllItems(r.model, d.features, d.neighbourhoods);
    const inferS = (performance.now() - t0) / 1000;
    const e = await entry(
      'pinsage',
      variant,
      d,
      (qs) => dotScores(emb, cfg.output, qs),
      r.trainSeconds,
      inferS,
      { training: { epochs: r.state.epoch, best_epoch: r.state.bestEpoch, best_val_recall10: r.state.bestRecall10, pairs_per_s: r.pairsPerSecond, steps: r.state.globalStep } },
      opts.extraPairs,
    );
    out.push(e);
    log(`pinsage/${variant} ${JSON.stringify(e.metrics)} train ${r.trainSeconds.toFixed(1)} s, best epoch ${r.state.bestEpoch}`);
    await opts.onTrained?.(variant, r, d);
    r.model.dispose();
  }
  return out;
}
