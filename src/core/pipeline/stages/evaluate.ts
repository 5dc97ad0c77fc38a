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
import type { LoadOutput, PinSageOutput, PipelineContext, WalksOutput } from '../types';
import type { StageProgress } from './progress';

export async function runEvaluate(
  config: PipelineConfig,
  stage: StageConfigOf<'evaluate'>,
  load: LoadOutput,
  walks: WalksOutput,
  pinsage: PinSageOutput | undefined,
  ctx: PipelineContext,
  progress: StageProgress,
): Promise<MetricsJson> {
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
  progress(jobs.length, jobs.length, 'done');
  return metricsJson(load.info, config.seed, ctx.backend.backend, results);
}
