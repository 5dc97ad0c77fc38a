/**
 * Batch pipeline worker: a thin adapter from the 'run' job to src/core/pipeline. Initialises the
 * chosen backend (initCompute: the policy, or the forced one), runs the stages with a PinSage
 * minibatch producer worker (as the Train panel does), and sends every pipeline event as a
 * progress note (JSON). Returns metrics, timings and the artifact files (buffers moved, not copied).
 */
import { exposeJobs, transferResult } from '../../workers/runtime';
import type { JobContext } from '../runtime/protocol';
import { initCompute, type BackendName } from '../core/compute';
import { version_core } from '@tensorflow/tfjs-core';
import type { ArtifactFile } from '../core/export/types';
import type { MetricsJson } from '../core/eval/metrics-json';
import { errorData, type PipelineErrorData } from '../core/pipeline/errors';
import { runPipeline } from '../core/pipeline/run';
import { runIncremental, type IncrementalRunReport } from '../core/pipeline/incremental';
import type { PipelineEvent, StageTiming } from '../core/pipeline/types';
import { parsePipelineConfig } from '../core/pipeline/validate';
import { WorkerClient } from '../runtime/worker-client';
import type { PinSageBatchJobs } from '../../workers/pinsage-batches.worker';
import pkg from '../../package.json';

export interface RunJobInput {
  config: unknown;
  files: { name: string; data: Uint8Array }[];
  /** Incremental run (--previous): the new day's events and the previous run's files. */
  events?: { name: string; data: Uint8Array }[];
  previous?: { path: string; data: Uint8Array }[];
}

export type RunJobOutput =
  | { ok: true; metrics: MetricsJson | null; timings: StageTiming[]; artifacts: ArtifactFile[]; backend: Record<string, unknown>; incremental?: IncrementalRunReport }
  | { ok: false; error: PipelineErrorData };

/** Progress notes carry one JSON event; 'important' ones are sent as done = total so the runtime's throttle never drops them. */
function sender(ctx: JobContext): (e: PipelineEvent | { type: 'backend'; info: Record<string, unknown> }) => void {
  return (e) => ctx.progress(e.type === 'progress' ? 0 : 1, 1, JSON.stringify(e));
}

const handlers = {
  async run(input: RunJobInput, ctx: JobContext): Promise<RunJobOutput> {
    const send = sender(ctx);
    let producer: WorkerClient<PinSageBatchJobs> | null = null;
    try {
      const config = parsePipelineConfig(input.config);
      const forced: BackendName | null = config.backend === 'auto' ? null : config.backend;
      const info = await initCompute({ forced, ...(config.wasmThreads ? { wasmThreads: config.wasmThreads } : {}) });
      const backend = info as unknown as Record<string, unknown>;
      send({ type: 'backend', info: backend });
      const versions = { 'kloa-workbench': pkg.version, '@tensorflow/tfjs-core': version_core, userAgent: navigator.userAgent };
      if (input.previous) {
        const r = await runIncremental(config, {
          files: input.files,
          events: input.events ?? [],
          previous: new Map(input.previous.map((f) => [f.path, f.data])),
          signal: ctx.signal,
          backend: { ...backend, backend: info.backend },
          versions,
          onEvent: send,
        });
        const buffers = r.artifacts.map((f) => f.bytes.buffer as ArrayBuffer);
        return transferResult({ ok: true, metrics: null, timings: r.timings, artifacts: r.artifacts, backend, incremental: r.report }, buffers);
      }
      const p1 = config.split.p1;
      const defaultSplit = p1.testFraction === 0.1 && p1.mode === 'auto' && p1.windowHours === 24 && p1.basketCap === 20;
      const result = await runPipeline(
        config,
        {
          files: input.files,
          signal: ctx.signal,
          backend: { ...backend, backend: info.backend },
          versions,
          onEvent: send,
        },
        {
          // the producer prepares the same data from the same dataset and config (default split only)
          batchSource: async (_data, dataset, cfg) => {
            if (!defaultSplit || typeof Worker === 'undefined') return undefined;
            const p = new WorkerClient<PinSageBatchJobs>(
              () => new Worker(new URL('../../workers/pinsage-batches.worker.ts', import.meta.url), { type: 'module', name: 'pinsage-batches' }),
              { name: 'pinsage-batches' },
            );
            producer = p;
            await p.run('setup', { dataset, config: cfg });
            return (epoch, step) => p.run('batch', { epoch, step });
          },
        },
      );
      const buffers = result.artifacts.map((f) => f.bytes.buffer as ArrayBuffer);
      return transferResult({ ok: true, metrics: result.metrics, timings: result.timings, artifacts: result.artifacts, backend }, buffers);
    } catch (e) {
      return { ok: false, error: errorData(e) };
    } finally {
      (producer as WorkerClient<PinSageBatchJobs> | null)?.terminate();
    }
  },
};

export type BatchPipelineJobs = typeof handlers;

exposeJobs(handlers);
