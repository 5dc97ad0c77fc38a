/**
 * Stage "evaluate": P1 on the test pairs of the walks stage's split (PROTOCOLS.md) for the trained
 * PinSage embeddings and the baselines (popularity, itemknn, ppr), as metrics.json entries — the
 * same evaluateP1 and scorers the Train / Evaluate panels use.
 */
import { evaluateP1, type P1Scorer } from '../../eval/p1';
import { itemKnnScorer, popularityCounts, popularityScorer, pprWalkScorer } from '../../eval/p1-baselines';
import { metricsJson, type MetricsEntry, type MetricsJson } from '../../eval/metrics-json';
import { dotScores } from '../../retrieval/top-k';
import type { PipelineConfig, StageConfigOf } from '../config';
import { runP2Suite } from '../../eval/p2-run';
import { pinnerFormerP2Scorer } from '../../models/pinnerformer/scorer';
import { evaluateP3, p3Entries } from '../../eval/p3';
import { runP4 } from '../../eval/p4-run';
import { simoVariant } from '../../models/simo/config';
import type { LoadOutput, PfeedOutput, PinnerFormerOutput, PinSageOutput, PipelineContext, WalksOutput } from '../types';
import type { StageProgress } from './progress';

export async function runEvaluate(
  config: PipelineConfig,
  stage: StageConfigOf<'evaluate'>,
  load: LoadOutput,
  walks: WalksOutput | undefined,
  pinsage: PinSageOutput | undefined,
  pinnerformer: PinnerFormerOutput | undefined,
  ctx: PipelineContext,
  progress: StageProgress,
  log: (message: string) => void,
  pfeed?: PfeedOutput,
): Promise<MetricsJson> {
  const protocols = stage.protocols ?? [...(walks ? (['P1'] as const) : []), ...(pinnerformer ? (['P2'] as const) : []), ...(pfeed ? (['P3', 'P4'] as const) : [])];
  const results: MetricsEntry[] = [];
  if (protocols.includes('P1')) {
    if (!walks) throw new Error('P1 needs the walks stage');
    results.push(...(await evaluateP1Entries(stage, load, walks, pinsage, ctx, progress)));
  }
  if (protocols.includes('P2')) {
    if (!pinnerformer) throw new Error('P2 needs the pinnerformer stage');
    const ds = load.dataset;
    const pf = pinnerformer;
    progress(0, 1, 'P2');
    results.push(
      ...(await runP2Suite(ds, {
        variants: ['temporal'],
        split: { historyLength: pf.config.historyLength, windowDays: pf.config.windowDays },
        baselines: stage.baselines ? undefined : [],
        itemEmbeddings: { emb: pf.itemVectors, dim: pf.itemDim, source: pf.itemSource },
        signal: ctx.signal,
        log,
        onProgress: (name, p) => progress(p.done, p.total, `P2 ${name}`),
        models: [
          {
            model: 'pinnerformer',
            variant: pf.config.objective,
            scorer: (split) => pinnerFormerP2Scorer(pf.model, ds, split),
            seconds: pf.seconds,
            extra: { item_embeddings: pf.itemSource, training: pf.training },
          },
        ],
      })),
    );
  }
  if (protocols.includes('P3')) {
    if (!pfeed) throw new Error('P3 needs the pfeed stage');
    progress(0, 1, 'P3');
    const t = performance.now();
    const res = await evaluateP3(pfeed.split, pfeed.embeddings, { relations: pfeed.relations, signal: ctx.signal });
    results.push(
      ...p3Entries(pfeed.simo.mode, simoVariant(pfeed.simo), res, { ...pfeed.seconds, eval: (performance.now() - t) / 1000 }, {
        training: pfeed.training,
        pairs_before: new Date(pfeed.t0).toISOString(),
      }),
    );
  }
  if (protocols.includes('P4')) {
    if (!pfeed) throw new Error('P4 needs the pfeed stage');
    progress(0, 1, 'P4');
    const entries = await runP4(load.dataset, {
      // the encoder saw only pairs of events before t0 (the pfeed stage trains so)
      embed: () => pfeed.embeddings,
      targetSets: pfeed.targetSets,
      feed: pfeed.feed,
      k: pfeed.k,
      windowDays: pfeed.windowDays,
      log,
      signal: ctx.signal,
    });
    results.push(...(stage.baselines ? entries : entries.filter((e) => e.model !== 'popular-control')));
  }
  progress(1, 1, 'done');
  return metricsJson(load.info, config.seed, ctx.backend.backend, results);
}

async function evaluateP1Entries(
  stage: StageConfigOf<'evaluate'>,
  load: LoadOutput,
  walks: WalksOutput,
  pinsage: PinSageOutput | undefined,
  ctx: PipelineContext,
  progress: StageProgress,
): Promise<MetricsEntry[]> {
  const ds = load.dataset;
  const { split, graph } = walks;
  const nItems = ds.items.length;
  const jobs: { model: string; variant?: string; scorer: () => P1Scorer; seconds: { train: number; infer: number }; extra?: Record<string, unknown> }[] = [];
  if (pinsage) {
    const emb = pinsage.embeddings;
    jobs.push({
      model: 'pinsage',
      variant: pinsage.config.variant,
      scorer: () => (qs) => dotScores(emb, pinsage.dim, qs),
      seconds: pinsage.seconds,
      extra: { training: pinsage.training },
    });
  }
  if (stage.baselines) {
    jobs.push({ model: 'popularity', scorer: () => popularityScorer(popularityCounts(ds, split.trainEnd)), seconds: { train: 0, infer: 0 } });
    jobs.push({ model: 'itemknn', scorer: () => itemKnnScorer(graph), seconds: { train: 0, infer: 0 } });
    jobs.push({ model: 'ppr', scorer: () => pprWalkScorer(graph, walks.walk), seconds: { train: 0, infer: 0 } });
  }
  const results: MetricsEntry[] = [];
  for (const [k, job] of jobs.entries()) {
    ctx.signal?.throwIfAborted();
    progress(k, jobs.length, `P1 ${job.model}`);
    const t0 = performance.now();
    const r = await evaluateP1(split.testPairs, nItems, job.scorer());
    results.push({
      protocol: 'P1',
      model: job.model,
      ...(job.variant ? { variant: job.variant } : {}),
      metrics: { ...r.metrics },
      counts: { ...r.counts },
      seconds: { ...job.seconds, eval: (performance.now() - t0) / 1000 },
      ...(job.extra ?? {}),
    });
  }
  progress(jobs.length, jobs.length, 'P1 done');
  return results;
}
