/** Train panel actions: one PinSage worker for the page; start / pause / resume / cancel, lookup. */
import { currentDataset } from '../../state/data-current';
import { requestedBackend } from '../../state/backend';
import { WorkerClient, type WorkerLike } from '../../runtime/worker-client';
import { decodeLive } from '../../runtime/pinsage-live';
import type { PinSageJobs } from '../../../workers/pinsage.worker';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { useTrainStore } from './train-store';
import type { Dataset, EventTable } from '../../core/data/types';

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
    pinSageLossTrace: () => client?.run('lossTrace', null),
  };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The dataset as the PinSage job needs it. Training reads only how many shopper and basket ids
 * there are, never the ids, so they go as empty arrays of the same length: synthetic-large has
 * ~1 M basket id strings, whose structured clone is main-thread work for nothing; an empty array
 * of any length clones at once (bench/cases/responsiveness.ts, docs/limits.md).
 */
export function trainingView(ds: Dataset): Dataset {
  return { ...ds, shoppers: new Array<string>(ds.shoppers.length), baskets: new Array<string>(ds.baskets.length) };
}

const COPY_CHUNK = 1 << 20;
const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * `trainingView(ds)` with its event columns copied in 1 M-element slices, one per task, and moved
 * (transferred) to the worker: a structured clone of 5 M events (150 MB) in one postMessage is one
 * long main-thread task at Start.
 */
export async function postableTrainingView(ds: Dataset): Promise<{ dataset: Dataset; transfer: ArrayBuffer[] }> {
  const events: Record<string, unknown> = { ...ds.events };
  const transfer: ArrayBuffer[] = [];
  for (const [name, column] of Object.entries(ds.events)) {
    if (!ArrayBuffer.isView(column)) continue;
    const source = column as Uint8Array;
    const copy = new (source.constructor as new (length: number) => Uint8Array<ArrayBuffer>)(source.length);
    // 1 M elements (≤ 8 MB) per task
    for (let i = 0; i < source.length; i += COPY_CHUNK) {
      await nextTask();
      copy.set(source.subarray(i, i + COPY_CHUNK), i);
    }
    events[name] = copy;
    transfer.push(copy.buffer);
  }
  return { dataset: { ...trainingView(ds), events: events as unknown as EventTable }, transfer };
}

/** Stable id per (dataset, config): the same pair resumes from its checkpoint. */
export function runIdOf(dataset: string, config: object): string {
  const cfg = JSON.stringify(parsePinSageConfig(config));
  let h = 0;
  for (let i = 0; i < cfg.length; i++) h = (Math.imul(h, 31) + cfg.charCodeAt(i)) | 0;
  return `${dataset}:${(h >>> 0).toString(16)}`;
}

/** How often the Train panel takes the worker's live state (the worker sends up to 20 notes a second). */
const LIVE_UI_MS = 250;

/**
 * The latest live note, decoded and put in the store at most every LIVE_UI_MS: each update parses
 * the whole curve, redraws the charts and feeds the run recorder, so fewer updates keep the main
 * thread free (docs/limits.md).
 */
const liveNotes = {
  latest: undefined as string | undefined,
  timer: null as ReturnType<typeof setTimeout> | null,
  push(note: string | undefined): void {
    this.latest = note;
    this.timer ??= setTimeout(() => this.flush(), LIVE_UI_MS);
  },
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const live = decodeLive(this.latest);
    this.latest = undefined;
    if (live) useTrainStore.setState({ live });
  },
};

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
    const { dataset, transfer } = await postableTrainingView(ds);
    const out = await c.run('train', { dataset, config, runId }, {
      transfer,
      signal: abort.signal,
      onProgress: (_d, _t, note) => liveNotes.push(note),
    });
    liveNotes.flush();
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
    liveNotes.flush();
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
