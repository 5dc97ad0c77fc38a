/** Train panel actions: one PinSage worker for the page; start / pause / resume / cancel, lookup. */
import { currentDataset } from '../../state/data-current';
import { requestedBackend } from '../../state/backend';
import { WorkerClient, type WorkerLike } from '../../runtime/worker-client';
import { decodeLive } from '../../runtime/pinsage-live';
import type { PinSageJobs } from '../../../workers/pinsage.worker';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { useTrainStore } from './train-store';

let client: WorkerClient<PinSageJobs> | null = null;
let ready: Promise<unknown> | null = null;
let abort: AbortController | null = null;

function spawn(): WorkerLike {
  return new Worker(new URL('../../../workers/pinsage.worker.ts', import.meta.url), { type: 'module', name: 'pinsage' });
}

let readyFor = -1;

export function pinsageClient(): WorkerClient<PinSageJobs> {
  client ??= new WorkerClient<PinSageJobs>(spawn, { name: 'pinsage' });
  // a restarted worker (after a crash) is a fresh one: initialise its backend again
  if (readyFor !== client.restarts) {
    readyFor = client.restarts;
    ready = client.run('init', { forced: requestedBackend() });
  }
  return client;
}

// Fault-injection hooks for e2e/faults.spec.ts: kill the worker as a crash would, lose the GPU device.
if (typeof window !== 'undefined') {
  (window as Window & { __kloaFaults?: object }).__kloaFaults = {
    crashPinSageWorker: () => client?.restart('killed by the fault test'),
    losePinSageDevice: () => client?.run('simulateDeviceLoss', null),
  };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Stable id per (dataset, config): the same pair resumes from its checkpoint. */
export function runIdOf(dataset: string, config: object): string {
  const cfg = JSON.stringify(parsePinSageConfig(config));
  let h = 0;
  for (let i = 0; i < cfg.length; i++) h = (Math.imul(h, 31) + cfg.charCodeAt(i)) | 0;
  return `${dataset}:${(h >>> 0).toString(16)}`;
}

export async function startTraining(): Promise<void> {
  const ds = currentDataset();
  const st = useTrainStore.getState();
  if (!ds || st.running) return;
  const config = parsePinSageConfig(st.config);
  const runId = runIdOf(ds.name, config);
  abort = new AbortController();
  useTrainStore.setState({ running: true, paused: false, error: null, live: null, runId });
  try {
    const c = pinsageClient();
    await ready;
    const out = await c.run('train', { dataset: ds, config, runId }, {
      signal: abort.signal,
      onProgress: (_d, _t, note) => {
        const live = decodeLive(note);
        if (live) useTrainStore.setState({ live });
      },
    });
    useTrainStore.setState((s) => ({
      runs: [...s.runs.filter((r) => r.runId !== runId), { runId, dataset: ds.name, backend: out.backend, config, entries: out.entries, finishedAt: new Date().toISOString() }],
    }));
  } catch (e) {
    const aborted = e instanceof Error && e.name === 'AbortError';
    const crashed = e instanceof Error && e.name === 'WorkerCrashedError';
    useTrainStore.setState({
      error: aborted
        ? 'Training was cancelled; the last epoch checkpoint is kept — Start resumes from it.'
        : crashed
          ? `${message(e)} The checkpoint of the last finished epoch is kept — Start resumes from it.`
          : message(e),
    });
  } finally {
    useTrainStore.setState({ running: false, paused: false });
    abort = null;
  }
}

export async function pauseTraining(): Promise<void> {
  await pinsageClient().run('pause', null);
  useTrainStore.setState({ paused: true });
}

export async function resumeTraining(): Promise<void> {
  await pinsageClient().run('resume', null);
  useTrainStore.setState({ paused: false });
}

export function cancelTraining(): void {
  abort?.abort();
}

export async function forgetCheckpoint(): Promise<void> {
  const ds = currentDataset();
  if (!ds) return;
  await pinsageClient().run('forget', { runId: runIdOf(ds.name, useTrainStore.getState().config) });
}

export function lookupItem(item: number, k = 10) {
  return pinsageClient().run('lookup', { item, k });
}
