/**
 * What the Data panel does: run data-worker jobs (load, generate), make the result the current
 * dataset, keep it in browser storage, and restore it after a reload. UI state goes to the
 * zustand store; the Dataset object itself to src/state/data-current.ts.
 */
import type { Dataset, ValidationReport } from '../../core/data/types';
import { estimateLoad } from '../../core/data/load-budget';
import { eventTableBytes } from '../../core/data/event-builder';
import { currentDataset, setCurrentDataset } from '../../state/data-current';
import { useDataStore, type DatasetSummary, type JobKind } from '../../state/data-store';
import { clearDataset, restoreDataset, saveDataset, StorageQuotaError } from '../../storage/dataset-storage';
import type { DatasetJobResult } from '../../../workers/data.worker';
import { rememberDatasetHash } from '../../state/dataset-hash';
import type { SyntheticPresetName } from '../../core/data/synthetic';
import type { LoadSpec } from '../../core/data/load';
import { ONLINE_RETAIL_FILE, type BundledSource } from './sources';
import { dataWorker } from './data-worker-client';
import type { DataStats } from './stats-adapter';

let controller: AbortController | null = null;

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function summarize(ds: Dataset, source: string, loadMs: number | null): DatasetSummary {
  return {
    name: ds.name,
    source,
    events: ds.events.length,
    items: ds.items.length,
    shoppers: ds.shoppers.length,
    baskets: ds.baskets.length,
    eventBytes: eventTableBytes(ds.events),
    loadedAt: Date.now(),
    loadMs,
    fields: { ...ds.fields },
    meta: { ...ds.meta },
  };
}

/** Starts a job: one at a time; a new one cancels the one running. */
function begin(kind: JobKind, label: string): AbortSignal {
  controller?.abort();
  controller = new AbortController();
  useDataStore.setState({ job: { kind, label, done: 0, total: 0, startedAt: performance.now() }, error: null });
  return controller.signal;
}

function onProgress(done: number, total: number, note?: string): void {
  const job = useDataStore.getState().job;
  if (job) useDataStore.setState({ job: { ...job, done, total, note } });
}

function end(signal: AbortSignal): boolean {
  // A job replaced by a newer one must not touch the state any more.
  if (controller?.signal !== signal) return false;
  controller = null;
  useDataStore.setState({ job: null });
  return true;
}

/** Cancels the running load / generation; the previous dataset (if any) stays current. */
export function cancelDataJob(): void {
  controller?.abort();
}

async function adopt(result: DatasetJobResult, source: string): Promise<void> {
  const { dataset, report, stats } = result;
  if (!dataset) {
    // Nothing could be loaded: show the report, keep the previous dataset.
    useDataStore.setState({ report, error: report.fatal ?? 'Nothing could be loaded.' });
    return;
  }
  if (result.hash) rememberDatasetHash(dataset, result.hash);
  setCurrentDataset(dataset);
  useDataStore.setState((s) => ({
    summary: summarize(dataset, source, result.ms),
    datasetVersion: s.datasetVersion + 1,
    report,
    stats,
    error: null,
  }));
  await keep(dataset, report, stats, source);
}

async function keep(dataset: Dataset, report: ValidationReport, stats: DataStats | null, source: string): Promise<void> {
  useDataStore.setState({ persistence: { state: 'saving' } });
  try {
    const { bytes, persistent } = await saveDataset(dataset, { report, stats, source });
    if (currentDataset() === dataset) useDataStore.setState({ persistence: { state: 'saved', bytes, persistent, restored: false } });
  } catch (e) {
    const message =
      e instanceof StorageQuotaError
        ? e.message
        : `This dataset could not be kept in the browser (${errorMessage(e)}). It stays loaded for this session, but will not be restored after a reload.`;
    if (currentDataset() === dataset) useDataStore.setState({ persistence: { state: 'failed', message } });
  }
}

async function runDatasetJob(kind: JobKind, label: string, source: string, job: (signal: AbortSignal) => Promise<DatasetJobResult>): Promise<void> {
  const signal = begin(kind, label);
  try {
    const result = await job(signal);
    if (!end(signal)) return;
    await adopt(result, source);
  } catch (e) {
    if (!end(signal)) return;
    useDataStore.setState({ error: isAbort(e) ? `${label}: cancelled. ${currentDataset() ? 'The previous dataset is still loaded.' : ''}`.trim() : errorMessage(e) });
  }
}

export function generateSyntheticPreset(preset: SyntheticPresetName, seed?: number): Promise<void> {
  return runDatasetJob('generate', `synthetic ${preset}`, `Synthetic: ${preset} preset${seed === undefined ? '' : `, seed ${seed}`}`, (signal) =>
    dataWorker().run('generate', { preset, seed }, { signal, onProgress }),
  );
}

/** Loads user files (File objects go to the worker without their bytes being copied here). */
export function loadFiles(files: File[], spec: LoadSpec): Promise<void> {
  // a clear message before a load that cannot fit in this browser's memory (docs/limits.md)
  const fit = estimateLoad(files, {
    deviceMemoryGiB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
    jsHeapSizeLimit: (performance as Performance & { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit,
  });
  if (!fit.fits) {
    useDataStore.setState({ error: fit.message ?? 'These files are too large for this browser.' });
    return Promise.resolve();
  }
  const names = files.map((f) => f.name).join(', ');
  const label = spec.kind === 'preset' ? `${names} (${spec.preset})` : names;
  return runDatasetJob('load', label, `Files: ${names} (${spec.kind === 'preset' ? spec.preset + ' format' : spec.format})`, (signal) =>
    dataWorker().run('load', { spec, files: files.map((f) => ({ name: f.name, data: f })), name: files.length === 1 ? files[0].name : undefined }, { signal, onProgress }),
  );
}

/** Loads a bundled dataset: the Online Retail file (fetched by the worker from this origin) or a synthetic preset. */
export function loadBundled(source: BundledSource): Promise<void> {
  if (source.kind === 'synthetic') return generateSyntheticPreset(source.preset);
  const url = source.url;
  if (!url) {
    useDataStore.setState({ error: source.unavailableReason ?? 'This dataset is not bundled in this build.' });
    return Promise.resolve();
  }
  return runDatasetJob('load', source.title, 'Bundled: UCI Online Retail (CC BY 4.0)', (signal) =>
    dataWorker().run(
      'load',
      { spec: { kind: 'preset', preset: 'online-retail' }, files: [{ name: ONLINE_RETAIL_FILE, url: new URL(url, location.href).href }], name: source.datasetName },
      { signal, onProgress },
    ),
  );
}

let restoreStarted = false;

/** Brings back the dataset kept in this browser, once per page load. */
export async function restoreKeptDataset(): Promise<void> {
  if (restoreStarted) return;
  restoreStarted = true;
  const signal = begin('restore', 'the dataset kept in this browser');
  try {
    const kept = await restoreDataset<ValidationReport, DataStats | null>();
    if (!end(signal)) return;
    if (!kept) return;
    const { dataset, extras, bytes } = kept;
    // Older saves may lack statistics: recompute them in the worker (on a copy of the tables).
    const stats = extras.stats ?? (await dataWorker().run('stats', { dataset }).catch(() => null));
    if (useDataStore.getState().job !== null) return; // the user started another load meanwhile
    setCurrentDataset(dataset);
    useDataStore.setState((s) => ({
      summary: { ...summarize(dataset, extras.source, null), loadedAt: extras.savedAt },
      datasetVersion: s.datasetVersion + 1,
      report: extras.report,
      stats,
      persistence: { state: 'saved', bytes, persistent: false, restored: true },
    }));
  } catch (e) {
    if (!end(signal)) return;
    useDataStore.setState({
      persistence: { state: 'failed', message: `The dataset kept in this browser could not be read (${errorMessage(e)}). Load it again.` },
    });
  }
}

/** Unloads the dataset and removes it from browser storage. */
export async function forgetDataset(): Promise<void> {
  cancelDataJob();
  setCurrentDataset(null);
  useDataStore.setState((s) => ({
    summary: null,
    report: null,
    stats: null,
    error: null,
    datasetVersion: s.datasetVersion + 1,
    persistence: { state: 'none' },
  }));
  await clearDataset().catch(() => undefined);
}

/** Worker facts (cross-origin isolation inside the worker), for diagnostics and the e2e tests. */
export function workerEnv() {
  return dataWorker().run('env', null);
}
