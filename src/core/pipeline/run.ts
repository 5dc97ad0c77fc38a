/**
 * runPipeline(config, ctx): runs the config's stages in order (load → walks → pinsage →
 * pinnerformer → pfeed → evaluate → export), each a call into the same core functions the UI uses, with progress events, per-stage
 * timings and typed errors (PipelineError: config / dataset / stage / aborted). The caller chooses
 * and initialises the tfjs backend first and passes what it chose in `ctx.backend`.
 */
import { buildArtifacts } from '../export/build';
import type { ArtifactFile, BuildArtifacts } from '../export/types';
import { stageOf, type PipelineConfig, type StageId } from './config';
import { PipelineError } from './errors';
import { runEvaluate } from './stages/evaluate';
import { runExport } from './stages/export';
import { runLoad } from './stages/load';
import { runPinSage, type PinSageStageHooks } from './stages/pinsage';
import { runPinnerFormer } from './stages/pinnerformer';
import { runPfeed } from './stages/pfeed';
import { runWalks } from './stages/walks';
import type { PipelineContext, PipelineResult, PipelineState } from './types';

export interface RunHooks extends PinSageStageHooks {
  /** The artifact builder (default: src/core/export buildArtifacts). */
  buildArtifacts?: BuildArtifacts;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

export async function runPipeline(config: PipelineConfig, ctx: PipelineContext, hooks: RunHooks = {}): Promise<PipelineResult> {
  const emit = ctx.onEvent ?? (() => undefined);
  const state: PipelineState = {
    config,
    backend: ctx.backend,
    versions: { ...(ctx.versions ?? {}) },
    timings: [],
    startedAt: new Date().toISOString(),
  };
  let artifacts: ArtifactFile[] = [];
  const stages = config.stages;
  const need = <T>(v: T | undefined, stage: StageId, what: StageId): T => {
    if (v === undefined) throw new PipelineError('config', `stage "${stage}" needs the "${what}" stage before it`, stage);
    return v;
  };
  try {
    for (const [index, s] of stages.entries()) {
      const stage = s.stage;
      ctx.signal?.throwIfAborted();
      emit({ type: 'stage-start', stage, index, count: stages.length });
      const progress = (done: number, total: number, note?: string): void => emit({ type: 'progress', stage, done, total, ...(note ? { note } : {}) });
      const log = (message: string): void => emit({ type: 'log', stage, message });
      const t0 = performance.now();
      let summary: Record<string, string | number> = {};
      try {
        switch (s.stage) {
          case 'load': {
            state.load = await runLoad(config, ctx, progress);
            const i = state.load.info;
            summary = { dataset: i.name, events: i.events, items: i.items, shoppers: i.shoppers, hash: i.hash };
            break;
          }
          case 'walks': {
            state.walks = await runWalks(config, s, need(state.load, stage, 'load'), ctx, progress);
            const w = state.walks;
            summary = { items: w.neighbourhoods.count, steps: w.neighbourhoods.steps, test_pairs: w.split.testPairs.q.length, train_events: w.split.trainEnd };
            break;
          }
          case 'pinsage': {
            state.pinsage = await runPinSage(config, s, need(state.load, stage, 'load'), need(state.walks, stage, 'walks'), ctx, progress, log, hooks);
            const p = state.pinsage;
            summary = { epochs: p.training.epochs, best_epoch: p.training.best_epoch, best_val_recall10: p.training.best_val_recall10, pairs_per_s: Math.round(p.training.pairs_per_s) };
            break;
          }
          case 'pinnerformer': {
            state.pinnerformer = await runPinnerFormer(config, s, need(state.load, stage, 'load'), state.walks, state.pinsage, ctx, progress, log);
            const p = state.pinnerformer;
            summary = { epochs: p.training.epochs, best_epoch: p.training.best_epoch, seqs_per_s: Math.round(p.training.seqs_per_s), shoppers: p.snapshot.ids.length };
            break;
          }
          case 'evaluate': {
            state.metrics = await runEvaluate(config, s, need(state.load, stage, 'load'), state.walks, state.pinsage, state.pinnerformer, ctx, progress, log, state.pfeed);
            emit({ type: 'metrics', stage, entries: state.metrics.results });
            summary = { entries: state.metrics.results.length };
            break;
          }
          case 'export': {
            artifacts = await runExport(s, state, hooks.buildArtifacts ?? buildArtifacts, ctx, progress);
            summary = { files: artifacts.length, bytes: artifacts.reduce((a, f) => a + f.bytes.byteLength, 0) };
            break;
          }
          case 'pfeed': {
            state.pfeed = await runPfeed(config, s, need(state.load, stage, 'load'), state.pinsage, ctx, progress, log);
            const p = state.pfeed;
            summary = {
              epochs: p.training.epochs,
              best_epoch: p.training.best_epoch,
              best_val_recall10: p.training.best_val_recall10,
              view_queries: p.table.roles['view-query'].queries.length,
              buy_queries: p.table.roles['buy-query'].queries.length,
              feeds: p.feeds.length,
            };
            break;
          }
        }
      } catch (e) {
        if (isAbort(e, ctx.signal)) throw new PipelineError('aborted', `The run was cancelled during stage "${stage}".`, stage);
        if (e instanceof PipelineError) throw e;
        const msg = e instanceof Error ? e.message : String(e);
        throw new PipelineError('stage', `Stage "${stage}" failed: ${msg}`, stage);
      }
      const seconds = (performance.now() - t0) / 1000;
      state.timings.push({ stage, seconds });
      emit({ type: 'stage-end', stage, seconds, summary });
    }
  } finally {
    state.pinnerformer?.model.dispose();
  }
  return { state, metrics: state.metrics ?? null, artifacts, timings: state.timings };
}

export { stageOf };
