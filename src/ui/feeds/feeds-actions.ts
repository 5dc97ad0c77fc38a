/**
 * Feeds panel actions: one feeds worker for the page; compose (a SIMO training is recorded as a
 * Runs-panel run), switch the target set, pick a shopper, and the lookup tables and feeds as
 * export rows for the Export panel.
 */
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { requestedBackend } from '../../state/backend';
import { useFeedsStore } from '../../state/feeds-store';
import { WorkerClient, type WorkerLike } from '../../runtime/worker-client';
import type { FeedsJobs, PfeedJobOutput } from '../../../workers/feeds.worker';
import type { SimoConfigInput } from '../../core/models/simo/config';
import { beginSimoRun, endSimoRun } from '../runs-panel/run-recorder';
import type { TargetSetRuleInput } from '../../core/feeds/target-sets';
import type { FeedEncoderRequest } from '../../core/feeds/feed-encoder-defaults';
import type { ProgressFn } from '../../core/data/types';

let client: WorkerClient<FeedsJobs> | null = null;
let ready: Promise<unknown> | null = null;
let abort: AbortController | null = null;

function spawn(): WorkerLike {
  return new Worker(new URL('../../../workers/feeds.worker.ts', import.meta.url), { type: 'module', name: 'feeds' });
}

function feedsClient(): WorkerClient<FeedsJobs> {
  client ??= new WorkerClient<FeedsJobs>(spawn, { name: 'feeds' });
  ready ??= client.run('init', { forced: requestedBackend() });
  return client;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
const onProgress: ProgressFn = (done, total, note) => useFeedsStore.setState({ progress: { done, total, note } });

async function job<T>(label: string, fn: (c: WorkerClient<FeedsJobs>, signal: AbortSignal) => Promise<T>): Promise<T | null> {
  abort?.abort();
  const ac = new AbortController();
  abort = ac;
  useFeedsStore.setState({ busy: label, progress: null, error: null });
  try {
    const c = feedsClient();
    await ready;
    return await fn(c, ac.signal);
  } catch (e) {
    if (!isAbort(e)) useFeedsStore.setState({ error: message(e) });
    return null;
  } finally {
    if (abort === ac) {
      abort = null;
      useFeedsStore.setState({ busy: null, progress: null });
    }
  }
}

export interface ComposeOptions {
  /** Train SIMO again even when the kept encoder was made from the same data and request (Re-run). */
  fresh?: boolean;
  /** SIMO config of a recorded run (Re-run); the panel's steps still set the budget. */
  config?: SimoConfigInput;
  /**
   * Rebuilds the lookup tables and feeds of this recorded SIMO run (its Artifacts after a reload):
   * SIMO is trained again from the run's config (same seed and backend: the same encoder) and no
   * new run is recorded; the feeds then belong to that record.
   */
  rebuildFor?: string;
}

/**
 * Role embeddings (SIMO trained in the worker, or the stand-in) → lookup table → every shopper's
 * feed, in the worker. When SIMO trains, the run is recorded in the Runs panel (config, P3
 * Recall@10 per relation, curves, stage seconds, backend).
 */
export async function composeFeeds(rule: TargetSetRuleInput = { kind: 'all' }, opts: ComposeOptions = {}): Promise<void> {
  const ds = currentDataset();
  if (!ds) return;
  const version = useDataStore.getState().datasetVersion;
  const { encoderKind, simoSteps, simoKey, fileSimo } = useFeedsStore.getState();
  const simoConfig = opts.config ?? (fileSimo?.config as SimoConfigInput | undefined);
  const encoder: FeedEncoderRequest = encoderKind === 'standin' ? { kind: 'standin' } : { kind: 'simo', steps: simoSteps, ...(simoConfig ? { config: simoConfig } : {}) };
  const key = JSON.stringify([version, encoder]);
  const trains = encoder.kind === 'simo' && (opts.fresh === true || simoKey !== key);
  const startConfig = { ...(simoConfig ?? {}), steps: simoSteps, targetSets: [rule] };
  const rebuild = opts.rebuildFor ?? null;
  let recordId = trains && !rebuild ? beginSimoRun(startConfig) : rebuild;
  const res = await job(trains ? 'Training SIMO and composing feeds' : 'Composing feeds', async (c, signal) => {
    const out = await c.run('compose', { dataset: ds, rule, encoder, fresh: trains }, { signal, onProgress });
    const shoppers = await c.run('shoppers', null, { signal });
    return { ...out, shoppers };
  });
  if (!res) {
    if (recordId && !rebuild) await endSimoRun(null, useFeedsStore.getState().error ?? 'cancelled');
    return;
  }
  const run = res.run;
  if (run && !rebuild) {
    // the worker trained (a kept encoder it could not reuse): a record even when the page did not expect it
    recordId ??= beginSimoRun(startConfig);
    await endSimoRun(
      {
        entries: run.entries,
        backend: run.backend,
        config: { ...run.config, steps: simoSteps, k: res.summary.k, targetSets: [res.summary.targetSet.rule] },
        curves: run.curves,
        stages: run.seconds,
        throughput: { value: run.pairsPerSecond, unit: 'pairs/s' },
      },
      null,
    );
  } else if (recordId && !rebuild) {
    await endSimoRun(null, res.summary.encoder.fallbackReason || 'SIMO was not trained');
  }
  const kept = useFeedsStore.getState().run;
  useFeedsStore.setState({
    summary: res.summary,
    shoppers: res.shoppers,
    composedFor: version,
    view: null,
    selected: null,
    ...(encoder.kind === 'simo' && res.summary.encoder.kind === 'simo' ? { simoKey: key } : { simoKey: null }),
    // the run behind these feeds: the one just trained, the kept one when its encoder was reused, none for the stand-in
    run: run ? { report: run, recordId } : res.summary.encoder.kind === 'simo' ? kept : null,
  });
  const first = res.shoppers.length ? res.shoppers[0] : null;
  if (first !== null) await selectShopper(first);
}

export async function switchTargetSet(rule: TargetSetRuleInput): Promise<void> {
  const res = await job('Indexing the target set', async (c, signal) => {
    const summary = await c.run('targetSet', { rule }, { signal, onProgress });
    const shoppers = await c.run('shoppers', null, { signal });
    return { summary, shoppers };
  });
  if (!res) return;
  useFeedsStore.setState({ summary: res.summary, shoppers: res.shoppers });
  const s = useFeedsStore.getState().selected;
  if (s !== null) await selectShopper(s);
}

export async function selectShopper(shopper: number): Promise<void> {
  useFeedsStore.setState({ selected: shopper });
  try {
    const view = await feedsClient().run('shopper', { shopper, timeline: 30 });
    if (useFeedsStore.getState().selected === shopper) useFeedsStore.setState({ view });
  } catch (e) {
    useFeedsStore.setState({ error: message(e) });
  }
}

export function randomShopper(): void {
  const list = useFeedsStore.getState().shoppers;
  if (!list || list.length === 0) return;
  void selectShopper(list[Math.floor(Math.random() * list.length)]);
}

/** The current feeds' lookup tables and feeds as export rows (null when none were composed for the loaded dataset). */
export async function pfeedExport(): Promise<PfeedJobOutput | null> {
  const st = useFeedsStore.getState();
  if (!st.summary || st.composedFor !== useDataStore.getState().datasetVersion || !client) return null;
  await ready;
  return client.run('pfeed', null);
}

export function cancelFeeds(): void {
  abort?.abort();
}

export function setEncoder(kind: 'simo' | 'standin', steps?: number): void {
  useFeedsStore.setState(steps === undefined ? { encoderKind: kind } : { encoderKind: kind, simoSteps: steps });
}

/** Back to the panel's own SIMO settings (drops a config file's pfeed stage). */
export function clearFileSimo(): void {
  useFeedsStore.setState({ fileSimo: null });
}

export function setDemo(demo: boolean): void {
  useFeedsStore.setState({ demo });
}
