/**
 * Records every Train-panel run (PinSage, PinnerFormer) and every SIMO training of the Feeds panel
 * (beginSimoRun / endSimoRun, called by its compose) as a RunRecord in IndexedDB. Train runs by
 * watching the Train stores: `running` false → true starts a record (config, dataset + content hash, backend),
 * live notes update its curves (saved at most every 2 s), `running` true → false ends it as done
 * (the run appeared in the store's finished runs), cancelled or failed. While a run is running its
 * page holds a Web Lock named after it; a `running` record whose lock nobody holds belongs to a page
 * that went away (reload, closed tab) and is marked `interrupted`, never done.
 */
import { datasetHashOf } from '../../state/dataset-hash';
import type { Dataset } from '../../core/data/types';
import { datasetConfigFor, type DatasetOrigin } from '../../core/run-records/dataset-config';
import { thinCurve, type RunModel, type RunRecord } from '../../core/run-records/types';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { parsePinnerFormerConfig } from '../../core/models/pinnerformer/config';
import type { MetricsEntry } from '../../core/eval/metrics-json';
import { requestedBackend, useBackendStore } from '../../state/backend';
import { currentDataset } from '../../state/data-current';
import { useDataFilesStore } from '../../state/data-files-store';
import { useDataStore } from '../../state/data-store';
import { upsertRunInStore, useRunsStore } from '../../state/runs-store';
import { listRuns, putRun } from '../../storage/run-storage';
import { useTrainStore } from '../train/train-store';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';

const LOCK_PREFIX = 'kloa-run:';
const SAVE_EVERY_MS = 2000;

interface Active {
  record: RunRecord;
  /** Resolves to the lock's release once the browser granted it. */
  lock: Promise<() => void>;
  lastSave: number;
  saveTimer: ReturnType<typeof setTimeout> | null;
}

const active = new Map<RunModel, Active>();
/** Runs started in this page (fallback when the browser has no Web Locks). */
const mine = new Set<string>();
let writes: Promise<void> = Promise.resolve();

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Writes in order (a progress write never lands after the final one). */
function save(r: RunRecord): Promise<void> {
  const copy = structuredClone(r);
  writes = writes.then(() => putRun(copy)).catch((e: unknown) => useRunsStore.setState({ error: `This run could not be kept in the browser: ${message(e)}` }));
  return writes;
}

function holdLock(name: string): Promise<() => void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((granted) => {
    void locks.request(name, () => new Promise<void>((release) => granted(release)));
  });
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function origin(ds: Dataset): DatasetOrigin {
  const source = useDataStore.getState().summary?.source ?? '';
  const f = useDataFilesStore.getState();
  const files =
    source.startsWith('Files:') && f.files.length
      ? {
          names: f.files.map((x) => x.name),
          choice: f.choice,
          mapping: Object.fromEntries(Object.entries(f.mapping).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')),
          defaultAction: f.defaultAction,
          timestampFormat: f.timestampFormat,
          presetOptions: f.presetOptions as Record<string, unknown>,
        }
      : undefined;
  return { name: ds.name, meta: ds.meta, source, ...(files ? { files } : {}) };
}

function backendDetail(): string | undefined {
  const info = useBackendStore.getState().info;
  if (!info) return undefined;
  const parts = [`${info.backend} (${info.reason})`];
  if (info.adapter) parts.push(`${info.adapter.vendor} ${info.adapter.architecture}${info.adapter.isSoftware ? ' (software)' : ''}`.trim());
  if (info.wasm) parts.push(`wasm ${info.wasm.threads} threads${info.wasm.simd ? ', SIMD' : ''}`);
  parts.push(`tfjs ${info.tfjsVersion}`);
  return parts.join(' · ');
}

function runName(model: RunModel, config: Record<string, unknown>, ds: Dataset): string {
  const what = model === 'pinsage' ? `PinSage ${String(config.variant)}` : model === 'pinnerformer' ? `PinnerFormer ${String(config.objective)}` : `SIMO ${String(config.steps)} steps`;
  const n = useRunsStore.getState().runs.filter((r) => r.model === model && r.dataset.name === ds.name).length + 1;
  return `${ds.name} · ${what} #${n}`;
}

async function begin(model: RunModel, trainRunId: string, rawConfig: object, itemOverrides?: object): Promise<void> {
  const ds = currentDataset();
  if (!ds) return;
  let config: Record<string, unknown>;
  try {
    config = (model === 'pinsage' ? parsePinSageConfig(rawConfig) : model === 'pinnerformer' ? parsePinnerFormerConfig(rawConfig) : { ...rawConfig }) as unknown as Record<string, unknown>;
  } catch {
    config = { ...rawConfig };
  }
  const id = newId();
  const info = useBackendStore.getState().info;
  const summary = useDataStore.getState().summary;
  const record: RunRecord = {
    id,
    name: runName(model, config, ds),
    model,
    trainRunId,
    status: 'running',
    config,
    ...(itemOverrides && Object.keys(itemOverrides).length ? { itemOverrides: JSON.parse(JSON.stringify(itemOverrides)) as Record<string, unknown> } : {}),
    dataset: {
      name: ds.name,
      hash: null,
      events: ds.events.length,
      items: ds.items.length,
      shoppers: ds.shoppers.length,
      source: summary?.source ?? '',
      config: datasetConfigFor(origin(ds)),
    },
    backend: { name: info?.backend ?? requestedBackend() ?? 'auto', ...(backendDetail() ? { detail: backendDetail() } : {}) },
    entries: [],
    curves: { loss: [], validation: [] },
    timings: { startedAt: Date.now(), endedAt: null, wallSeconds: null, stages: {} },
    version: 1,
  };
  mine.add(id);
  const a: Active = { record, lock: holdLock(LOCK_PREFIX + id), lastSave: Date.now(), saveTimer: null };
  active.set(model, a);
  upsertRunInStore(record);
  void save(record);
  await datasetHashOf(ds).then(
    (hash) => {
      a.record = { ...a.record, dataset: { ...a.record.dataset, hash } };
      upsertRunInStore(a.record);
      void save(a.record);
    },
    () => undefined,
  );
}

function progress(model: RunModel, losses: [number, number][], validations: [number, number][], throughput: { value: number; unit: string }): void {
  const a = active.get(model);
  if (!a) return;
  a.record = { ...a.record, curves: { loss: thinCurve(losses), validation: thinCurve(validations) }, throughput };
  upsertRunInStore(a.record);
  if (a.saveTimer) return;
  const wait = Math.max(0, a.lastSave + SAVE_EVERY_MS - Date.now());
  a.saveTimer = setTimeout(() => {
    a.saveTimer = null;
    a.lastSave = Date.now();
    if (active.get(model) === a) void save(a.record);
  }, wait);
}

function stageSeconds(entries: MetricsEntry[], model: RunModel): Record<string, number> {
  const e = entries.find((x) => x.model === model) ?? entries[0];
  return e ? { ...e.seconds } : {};
}

interface Finished {
  entries: MetricsEntry[];
  backend: string;
  /** Replaces the config the record started with (SIMO: the parsed config is known at the end). */
  config?: Record<string, unknown>;
  curves?: { loss: [number, number][]; validation: [number, number][] };
  stages?: Record<string, number>;
  throughput?: { value: number; unit: string };
}

async function end(model: RunModel, finished: Finished | null, error: string | null): Promise<void> {
  const a = active.get(model);
  if (!a) return;
  active.delete(model);
  if (a.saveTimer) clearTimeout(a.saveTimer);
  const endedAt = Date.now();
  const status = finished ? 'done' : error && /cancel/i.test(error) ? 'cancelled' : 'failed';
  a.record = {
    ...a.record,
    status,
    ...(status === 'failed' ? { error: error ?? 'the run ended without a result' } : {}),
    ...(finished ? { entries: finished.entries.map((e) => JSON.parse(JSON.stringify(e)) as MetricsEntry), backend: { ...a.record.backend, name: finished.backend, ...(backendDetail() ? { detail: backendDetail() } : {}) } } : {}),
    ...(finished?.config ? { config: JSON.parse(JSON.stringify(finished.config)) as Record<string, unknown> } : {}),
    ...(finished?.curves ? { curves: { loss: thinCurve(finished.curves.loss), validation: thinCurve(finished.curves.validation) } } : {}),
    ...(finished?.throughput ? { throughput: finished.throughput } : {}),
    timings: { ...a.record.timings, endedAt, wallSeconds: (endedAt - a.record.timings.startedAt) / 1000, stages: finished ? (finished.stages ?? stageSeconds(finished.entries, model)) : {} },
  };
  upsertRunInStore(a.record);
  await save(a.record);
  (await a.lock)();
}

/**
 * The Feeds panel starts training SIMO: a `running` record (config so far: steps, target set).
 * Returns the record id (null without a dataset).
 */
export function beginSimoRun(config: Record<string, unknown>): string | null {
  if (active.has('simo')) void end('simo', null, 'cancelled: another SIMO run started');
  void begin('simo', `feeds-${newId()}`, config);
  return active.get('simo')?.record.id ?? null;
}

/** The Feeds panel's SIMO run ended: done with its P3 entries, curves and stage seconds, or failed / cancelled. */
export function endSimoRun(finished: Finished | null, error: string | null): Promise<void> {
  return end('simo', finished, error);
}

/** Marks `running` records of pages that went away as interrupted. */
async function markInterrupted(runs: RunRecord[]): Promise<RunRecord[]> {
  const running = runs.filter((r) => r.status === 'running' && !mine.has(r.id));
  if (!running.length) return runs;
  let held = new Set<string>();
  try {
    const q = await navigator.locks?.query();
    held = new Set((q?.held ?? []).map((l) => l.name ?? ''));
  } catch {
    held = new Set();
  }
  const out = runs.slice();
  for (const r of running) {
    if (held.has(LOCK_PREFIX + r.id)) continue;
    const error =
      r.model === 'simo'
        ? 'the page was reloaded or closed while SIMO was training in the Feeds panel (Re-run trains it again)'
        : 'the page was reloaded or closed while this run was training; its last epoch checkpoint is kept (Re-run starts it again)';
    const fixed: RunRecord = { ...r, status: 'interrupted', error };
    out[out.indexOf(r)] = fixed;
    await save(fixed);
  }
  return out;
}

/** Reads the kept runs into the store (marking dead `running` ones interrupted). */
export async function refreshRuns(): Promise<void> {
  try {
    const kept = await markInterrupted(await listRuns());
    // records of runs still active in this page win over what was stored
    const live = new Map([...active.values()].map((a) => [a.record.id, a.record]));
    useRunsStore.setState((s) => ({
      runs: kept.map((r) => live.get(r.id) ?? r),
      loaded: true,
      selected: s.selected.filter((id) => kept.some((r) => r.id === id)),
    }));
  } catch (e) {
    useRunsStore.setState({ loaded: true, error: `Runs kept in this browser could not be read: ${message(e)}` });
  }
}

let installed = false;

/** Starts watching the Train stores (once per page) and reads the kept runs. */
export function installRunRecorder(): void {
  if (installed) return;
  installed = true;
  useTrainStore.subscribe((s, prev) => {
    if (s.running && !prev.running && s.runId) void begin('pinsage', s.runId, s.config);
    else if (s.live && s.live !== prev.live) progress('pinsage', s.live.losses, s.live.validations, { value: s.live.pairsPerSecond, unit: 'pairs/s' });
    if (!s.running && prev.running) {
      const started = active.get('pinsage')?.record.timings.startedAt ?? Infinity;
      const fin = s.runs.find((r) => r.runId === prev.runId && Date.parse(r.finishedAt) >= started - 1000);
      void end('pinsage', fin && !s.error ? { entries: fin.entries, backend: fin.backend } : null, s.error);
    }
  });
  usePinnerFormerStore.subscribe((s, prev) => {
    if (s.running && !prev.running && s.runId) void begin('pinnerformer', s.runId, s.config, s.pinsage);
    else if (s.live && s.live !== prev.live) progress('pinnerformer', s.live.losses, s.live.validations, { value: s.live.seqsPerSecond, unit: 'seqs/s' });
    if (!s.running && prev.running) {
      const started = active.get('pinnerformer')?.record.timings.startedAt ?? Infinity;
      const fin = s.runs.find((r) => r.runId === prev.runId && Date.parse(r.finishedAt) >= started - 1000);
      void end('pinnerformer', fin && !s.error ? { entries: fin.entries, backend: fin.backend } : null, s.error);
    }
  });
  void refreshRuns();
}
