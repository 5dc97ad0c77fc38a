/**
 * Batch page (batch.html): the headless runner the CLI drives. `window.__kloaBatch.run(request)`
 * validates the config, fetches the dataset bytes the CLI serves, runs the pipeline in a worker
 * (src/batch/pipeline.worker.ts, the same core code the UI runs), forwards every event to the CLI
 * (`window.__kloaBatchEvent`) and answers with a summary; the CLI then pulls each artifact with `read`.
 */
import { errorData } from '../core/pipeline/errors';
import type { PipelineEvent } from '../core/pipeline/types';
import { validatePipelineConfig } from '../core/pipeline/validate';
import { WorkerClient } from '../runtime/worker-client';
import type { BatchPipelineJobs } from './pipeline.worker';
import { FILE_ROUTE, type BatchEvent, type BatchRequest, type BatchResponse } from './protocol';

const logEl = document.getElementById('log');
const log = (line: string): void => {
  if (logEl) logEl.textContent += '\n' + line;
};

function emit(e: BatchEvent): void {
  try {
    window.__kloaBatchEvent?.(e);
  } catch {
    // the driver went away; the run goes on until the page closes
  }
}

async function fetchFile(index: number, name: string): Promise<Uint8Array> {
  const r = await fetch(FILE_ROUTE + index);
  if (!r.ok) throw new Error(`dataset file ${name} could not be read (${r.status} ${r.statusText})`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The last run's artifact files, until the next run (the CLI pulls them with `read`). */
let kept = new Map<string, Uint8Array>();

async function read(path: string, offset: number, length: number): Promise<string> {
  const bytes = kept.get(path);
  if (!bytes) throw new Error(`no artifact ${path} in this page`);
  const blob = new Blob([bytes.subarray(offset, offset + length) as Uint8Array<ArrayBuffer>]);
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('FileReader failed'));
    r.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

async function run(request: BatchRequest): Promise<BatchResponse> {
  const v = validatePipelineConfig(request.config);
  if (!v.ok) return { ok: false, error: { kind: 'config', message: 'The pipeline config is invalid.', problems: v.problems } };
  kept = new Map();
  const files: { name: string; data: Uint8Array }[] = [];
  const events: { name: string; data: Uint8Array }[] = [];
  const previous: { path: string; data: Uint8Array }[] = [];
  try {
    for (const f of request.files) files.push({ name: f.name, data: await fetchFile(f.index, f.name) });
    for (const f of request.events ?? []) events.push({ name: f.name, data: await fetchFile(f.index, f.name) });
    for (const f of request.previous ?? []) previous.push({ path: f.path, data: await fetchFile(f.index, f.path) });
  } catch (e) {
    return { ok: false, error: { kind: 'dataset', message: e instanceof Error ? e.message : String(e), stage: 'load' } };
  }
  const client = new WorkerClient<BatchPipelineJobs>(
    () => new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module', name: 'batch-pipeline' }),
    { name: 'batch-pipeline' },
  );
  try {
    const out = await client.run(
      'run',
      { config: request.config, files, ...(request.previous ? { events, previous } : {}) },
      {
        transfer: [...files, ...events, ...previous].map((f) => f.data.buffer as ArrayBuffer),
        onProgress: (_d, _t, note) => {
          if (!note) return;
          const e = JSON.parse(note) as PipelineEvent | BatchEvent;
          if (e.type === 'stage-start') log(`stage ${e.stage}…`);
          else if (e.type === 'stage-end') log(`stage ${e.stage} done in ${e.seconds.toFixed(1)} s`);
          emit(e);
        },
      },
    );
    if (!out.ok) return out;
    kept = new Map(out.artifacts.map((f) => [f.path, f.bytes]));
    return {
      ok: true,
      metrics: out.metrics,
      timings: out.timings,
      backend: out.backend,
      ...(out.incremental ? { incremental: out.incremental } : {}),
      artifacts: out.artifacts.map((f) => ({ path: f.path, bytes: f.bytes.byteLength, mediaType: f.mediaType })),
    };
  } catch (e) {
    return { ok: false, error: errorData(e) };
  } finally {
    client.terminate();
  }
}

window.__kloaBatch = { ready: true, run, read };
log(`crossOriginIsolated=${String(crossOriginIsolated)}`);
