/**
 * PinnerFormer Train actions: one PinnerFormer worker for the page (workers/pinnerformer.worker.ts);
 * start / pause / resume / cancel / forget; a finished run adds its P2 entries to the Evaluate
 * panel's table and registers the worker's shopper lookup for the shopper lookup view.
 */
import type { PinnerFormerJobs } from '../../../../workers/pinnerformer.worker';
import { parsePinnerFormerConfig } from '../../../core/models/pinnerformer/config';
import { decodePinnerFormerLive } from '../../../runtime/pinnerformer-live';
import { WorkerClient, type WorkerLike } from '../../../runtime/worker-client';
import { requestedBackend } from '../../../state/backend';
import { currentDataset } from '../../../state/data-current';
import { useP2Store } from '../../evaluate/p2/p2-store';
import { usePinnerFormerStore } from './pinnerformer-store';

let client: WorkerClient<PinnerFormerJobs> | null = null;
let ready: Promise<unknown> | null = null;
/** The client's restart count when `ready` was made: a restarted worker needs its own init. */
let readyFor = -1;
let abort: AbortController | null = null;

function spawn(): WorkerLike {
  return new Worker(new URL('../../../../workers/pinnerformer.worker.ts', import.meta.url), { type: 'module', name: 'pinnerformer' });
}

/** The client once its worker's compute backend is initialised (a fresh worker after a reload has none). */
export async function readyPinnerFormerClient(): Promise<WorkerClient<PinnerFormerJobs>> {
  const c = pinnerFormerClient();
  await ready;
  return c;
}

export function pinnerFormerClient(): WorkerClient<PinnerFormerJobs> {
  client ??= new WorkerClient<PinnerFormerJobs>(spawn, { name: 'pinnerformer' });
  if (!ready || readyFor !== client.restarts) {
    readyFor = client.restarts;
    ready = client.run('init', { forced: requestedBackend() });
  }
  return client;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Stable id per (dataset, config): the same pair resumes from its checkpoint. */
export function pinnerFormerRunId(dataset: string, config: object, pinsage: object = {}): string {
  const cfg = JSON.stringify([parsePinnerFormerConfig(config), pinsage]);
  let h = 0;
  for (let i = 0; i < cfg.length; i++) h = (Math.imul(h, 31) + cfg.charCodeAt(i)) | 0;
  return `${dataset}:pf:${(h >>> 0).toString(16)}`;
}

export async function startPinnerFormer(): Promise<void> {
  const ds = currentDataset();
  const st = usePinnerFormerStore.getState();
  if (!ds || st.running) return;
  let config;
  try {
    config = parsePinnerFormerConfig(st.config);
  } catch (e) {
    usePinnerFormerStore.setState({ error: `Config: ${message(e)}` });
    return;
  }
  const runId = pinnerFormerRunId(ds.name, config, st.pinsage);
  abort = new AbortController();
  usePinnerFormerStore.setState({ running: true, paused: false, error: null, live: null, runId });
  try {
    const c = pinnerFormerClient();
    await ready;
    const out = await c.run('train', { dataset: ds, config, runId, pinsage: st.pinsage }, {
      signal: abort.signal,
      onProgress: (_d, _t, note) => {
        const live = decodePinnerFormerLive(note);
        if (live) usePinnerFormerStore.setState({ live });
      },
    });
    usePinnerFormerStore.setState((s) => ({
      runs: [
        ...s.runs.filter((r) => r.runId !== runId),
        { runId, dataset: ds.name, backend: out.backend, config, entries: out.entries, seqsPerSecond: out.seqsPerSecond, finishedAt: new Date().toISOString(), pinsage: st.pinsage },
      ],
    }));
    const p2 = useP2Store.getState();
    p2.addEntries(ds.name, out.backend, out.entries);
    p2.setModel({
      dataset: ds.name,
      label: `PinnerFormer (${config.objective})`,
      lookup: async (shopper, k) => {
        const r = await pinnerFormerClient().run('lookup', { dataset: ds, shopper, k });
        return Array.from(r.items, (item, j) => ({ item, score: r.scores[j] }));
      },
    });
  } catch (e) {
    const aborted = e instanceof Error && e.name === 'AbortError';
    usePinnerFormerStore.setState({ error: aborted ? 'Training was cancelled; the last epoch checkpoint is kept — Start resumes from it.' : message(e) });
  } finally {
    usePinnerFormerStore.setState({ running: false, paused: false });
    abort = null;
  }
}

export async function pausePinnerFormer(): Promise<void> {
  await pinnerFormerClient().run('pause', null);
  usePinnerFormerStore.setState({ paused: true });
}

export async function resumePinnerFormer(): Promise<void> {
  await pinnerFormerClient().run('resume', null);
  usePinnerFormerStore.setState({ paused: false });
}

export function cancelPinnerFormer(): void {
  abort?.abort();
}

export async function forgetPinnerFormerCheckpoint(): Promise<void> {
  const ds = currentDataset();
  if (!ds) return;
  await pinnerFormerClient().run('forget', { runId: pinnerFormerRunId(ds.name, usePinnerFormerStore.getState().config, usePinnerFormerStore.getState().pinsage) });
}
