/**
 * Export panel actions: the dataset's content hash, the chosen Train-panel run's item embeddings
 * and weights (from its IndexedDB checkpoint, inferred again in the PinSage worker), the Feeds
 * panel's lookup tables and feeds (from the feeds worker, as export rows), building the
 * artifacts (core/export buildArtifacts, as the batch CLI does) and getting them out (downloads or a
 * picked folder).
 */
import { datasetHashOf } from '../../state/dataset-hash';
import type { Dataset } from '../../core/data/types';
import { metricsJson } from '../../core/eval/metrics-json';
import { buildArtifacts } from '../../core/export/build';
import { pinsageWeightsFromCheckpoint } from '../../core/export/pinsage-weights';
import type { ArtifactInput, ExportDatasetInfo, ItemEmbeddingSet } from '../../core/export/types';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { parsePinnerFormerConfig } from '../../core/models/pinnerformer/config';
import { IdbCheckpointStore } from '../../runtime/pinsage-checkpoints';
import { currentDataset } from '../../state/data-current';
import { useBackendStore } from '../../state/backend';
import { pinsageClient } from '../train/pinsage-actions';
import { readyPinnerFormerClient } from '../train/pinnerformer/pinnerformer-actions';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';
import { useTrainStore, type RunRecord } from '../train/train-store';
import { exportSession } from './export-session';
import { useExportStore } from './export-store';
import { libraryVersions } from './library-versions';
import { canPickDirectory, downloadFile, downloadName, pickDirectory, writeToDirectory } from './save-files';
import { useDataStore } from '../../state/data-store';
import { useFeedsStore } from '../../state/feeds-store';
import { pfeedExport } from '../feeds/feeds-actions';
import type { PfeedJobOutput } from '../../../workers/feeds.worker';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function runsFor(ds: Dataset | null): RunRecord[] {
  if (!ds) return [];
  return useTrainStore.getState().runs.filter((r) => r.dataset === ds.name);
}

/** Whether the Feeds panel has composed feeds for the loaded dataset (what the pfeed/* files are made of). */
export function pfeedAvailable(): boolean {
  const f = useFeedsStore.getState();
  return f.summary !== null && f.composedFor === useDataStore.getState().datasetVersion && f.busy === null;
}

export function defaultRunName(ds: Dataset, run: RunRecord | null, pfeed = false): string {
  return run ? `${ds.name}-pinsage-${parsePinSageConfig(run.config).variant}` : pfeed ? `${ds.name}-pfeed` : `${ds.name}-dataset`;
}

async function datasetInfo(ds: Dataset): Promise<ExportDatasetInfo> {
  const hash = await datasetHashOf(ds);
  return { name: ds.name, hash, events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length, meta: { ...ds.meta } };
}

/** Re-materialises the run's embeddings: its final checkpoint, restored and inferred again in the PinSage worker (no training). */
export async function loadRunEmbeddings(runId: string): Promise<void> {
  const st = useExportStore.getState();
  const ds = currentDataset();
  const run = useTrainStore.getState().runs.find((r) => r.runId === runId);
  if (!ds || !run) return;
  st.set({ embeddings: { kind: 'loading', note: 'reading the checkpoint' }, error: null });
  try {
    const cp = await new IdbCheckpointStore().load(runId);
    if (!cp) throw new Error('This run has no checkpoint in this browser any more (Forget checkpoint, or another browser profile): train it again in the Train panel.');
    useExportStore.getState().set({ embeddings: { kind: 'loading', note: `inferring ${ds.items.length.toLocaleString()} items from the checkpoint of epoch ${cp.state.epoch}` } });
    // epochs = the checkpoint's epoch: the job restores the best weights and infers, it does not train
    const config = { ...parsePinSageConfig(run.config), epochs: Math.max(1, cp.state.epoch) };
    const t0 = performance.now();
    const out = await pinsageClient().run('train', { dataset: ds, config, runId, baselines: false, producer: false });
    if (out.embeddings.length !== ds.items.length * out.dim) throw new Error(`the worker returned ${out.embeddings.length} values for ${ds.items.length} items × ${out.dim}`);
    exportSession.run = { runId, dataset: ds.name, embeddings: out.embeddings, dim: out.dim, weights: pinsageWeightsFromCheckpoint(cp), seconds: (performance.now() - t0) / 1000 };
    useExportStore.getState().set({ embeddings: { kind: 'ready', runId, items: ds.items.length, dim: out.dim, weights: true } });
  } catch (e) {
    useExportStore.getState().set({ embeddings: { kind: 'error', message: message(e) } });
  }
}

/**
 * The chosen PinnerFormer run's shopper embeddings from every shopper's last events up to the
 * dataset's last event (the daily-inference snapshot), inferred in the PinnerFormer worker, which
 * keeps the session's last trained model.
 */
export async function loadShopperEmbeddings(runId: string): Promise<void> {
  const ds = currentDataset();
  const run = usePinnerFormerStore.getState().runs.find((r) => r.runId === runId);
  if (!ds || !run) return;
  useExportStore.getState().set({ shoppers: { kind: 'loading', note: 'restoring the run\'s model from its checkpoint (if not the one in memory)' }, error: null });
  try {
    let tEnd = -Infinity;
    for (const t of ds.events.timestamp) if (t > tEnd) tEnd = t;
    const t0 = performance.now();
    // the worker holds the page's last trained model: another run (e.g. after a reload) comes back
    // from its checkpoint first
    const c = await readyPinnerFormerClient();
    if (!(await c.run('restore', { dataset: ds, runId, config: run.config, ...(run.pinsage ? { pinsage: run.pinsage } : {}) }))) {
      throw new Error('this run\'s checkpoint is not in this browser any more (deleted?): re-run it, then load its shoppers');
    }
    useExportStore.getState().set({ shoppers: { kind: 'loading', note: `inferring ${ds.shoppers.length.toLocaleString()} shoppers` } });
    // t just after the last event: every event counts (the daily snapshot, not the P2 cut-off)
    const out = await c.run('infer', { dataset: ds, t: tEnd + 1, runId });
    if (out.vectors.length !== out.ids.length * out.dim) throw new Error(`the worker returned ${out.vectors.length} values for ${out.ids.length} shoppers × ${out.dim}`);
    const asOf = new Date(tEnd).toISOString();
    // the model's weights and input item table (loadable back with restorePinnerFormer), from the same worker
    const weights = await c.run('weights', { datasetName: ds.name, runId });
    exportSession.shoppers = { runId, dataset: ds.name, ids: out.ids, vectors: out.vectors, dim: out.dim, asOf, seconds: (performance.now() - t0) / 1000, weights };
    useExportStore.getState().set({ shoppers: { kind: 'ready', runId, shoppers: out.ids.length, dim: out.dim, asOf, weights: true } });
  } catch (e) {
    useExportStore.getState().set({ shoppers: { kind: 'error', message: message(e) } });
  }
}

function itemSet(ds: Dataset, emb: Float32Array, dim: number, source: string): ItemEmbeddingSet {
  const it = ds.items;
  return {
    ids: it.ids,
    vectors: emb,
    dim,
    source,
    ...(ds.fields.title ? { titles: it.title } : {}),
    ...(ds.fields.category ? { categories: Array.from(it.category, (c) => it.categories[c]) } : {}),
  };
}

/** The ArtifactInput of the current session: dataset, the chosen run (metrics, embeddings, weights) if any, the Feeds panel's lookup tables and feeds if given. */
export async function sessionInput(ds: Dataset, runId: string | null, runName: string, shopperRunId: string | null = null, pf: PfeedJobOutput | null = null): Promise<ArtifactInput> {
  const dataset = await datasetInfo(ds);
  const run = runId ? (useTrainStore.getState().runs.find((r) => r.runId === runId) ?? null) : null;
  const loaded = run && exportSession.run?.runId === run.runId && exportSession.run.dataset === ds.name ? exportSession.run : null;
  const cfg = run ? parsePinSageConfig(run.config) : null;
  const pfRun = shopperRunId ? (usePinnerFormerStore.getState().runs.find((r) => r.runId === shopperRunId) ?? null) : null;
  const sh = pfRun && exportSession.shoppers?.runId === pfRun.runId && exportSession.shoppers.dataset === ds.name ? exportSession.shoppers : null;
  const info = useBackendStore.getState().info;
  const simo = pf && pf.encoder === 'simo' ? (useFeedsStore.getState().run ?? null) : null;
  const backend = run?.backend ?? pfRun?.backend ?? simo?.report.backend ?? info?.backend ?? 'none';
  const seed = cfg?.seed ?? (pfRun ? parsePinnerFormerConfig(pfRun.config).seed : (simo?.report.config.seed ?? 0));
  const feedsSummary = pf ? useFeedsStore.getState().summary : null;
  const pin = run?.entries.find((e) => e.model === 'pinsage');
  const stages = [
    ...(pin ? [{ stage: 'pinsage.train', seconds: pin.seconds.train ?? 0 }, { stage: 'pinsage.infer', seconds: pin.seconds.infer ?? 0 }, { stage: 'evaluate.p1', seconds: pin.seconds.eval ?? 0 }] : []),
    ...(loaded ? [{ stage: 'export.rematerialise', seconds: loaded.seconds }] : []),
    ...(sh ? [{ stage: 'pinnerformer.snapshot', seconds: sh.seconds }] : []),
    ...(simo ? [{ stage: 'pfeed.train', seconds: simo.report.seconds.train ?? 0 }, { stage: 'evaluate.p3', seconds: simo.report.seconds.eval ?? 0 }] : []),
    ...(feedsSummary ? [{ stage: 'pfeed.lookup', seconds: feedsSummary.seconds.index }, { stage: 'pfeed.feeds', seconds: feedsSummary.seconds.feeds }] : []),
  ];
  const entries = [...(run?.entries ?? []), ...(pfRun?.entries ?? []), ...(simo?.report.entries ?? [])];
  return {
    dataset,
    ...(loaded && cfg ? { items: itemSet(ds, loaded.embeddings, loaded.dim, `pinsage/${cfg.variant}`) } : {}),
    ...(sh
      ? {
          shoppers: { ids: sh.ids, vectors: sh.vectors, dim: sh.dim, source: 'pinnerformer' },
          snapshot: { ids: sh.ids, vectors: sh.vectors, dim: sh.dim, source: 'pinnerformer', asOf: sh.asOf },
        }
      : {}),
    ...(pf ? { lookupTables: pf.lookupTables, feeds: pf.feeds } : {}),
    ...(loaded?.weights || sh?.weights || pf?.weights
      ? { weights: [...(loaded?.weights ? [loaded.weights] : []), ...(sh?.weights ? [sh.weights] : []), ...(pf?.weights ? [pf.weights] : [])] }
      : {}),
    ...(entries.length ? { metrics: metricsJson(dataset, seed, backend, entries, { runs: [run?.runId, pfRun?.runId, simo?.recordId].filter(Boolean) }) } : {}),
    manifest: {
      runName,
      createdAt: new Date().toISOString(),
      config: {
        ...(run ? { pinsage: { config: cfg, runId: run.runId, finishedAt: run.finishedAt } } : {}),
        ...(pfRun ? { pinnerformer: { config: pfRun.config, runId: pfRun.runId, finishedAt: pfRun.finishedAt } } : {}),
        ...(pf
          ? {
              pfeed: {
                encoder: pf.encoder,
                targetSet: pf.targetSet,
                k: feedsSummary?.k ?? null,
                feed: feedsSummary?.config ?? null,
                ...(simo ? { simo: simo.report.config, steps: simo.report.steps, runId: simo.recordId } : { note: 'stand-in role embeddings (co-engagement), no trained model' }),
              },
            }
          : {}),
        ...(!run && !pfRun && !pf ? { stages: ['load'] } : {}),
      },
      seed,
      backend,
      adapter: info ? { adapter: info.adapter, wasm: info.wasm, reason: info.reason } : null,
      libraries: libraryVersions(info?.tfjsVersion),
      stages,
      extra: { source: 'export-panel', ...(run && !loaded ? { note: 'embeddings and weights not loaded: metrics only' } : {}) },
    },
  };
}

export async function buildExport(): Promise<void> {
  const ds = currentDataset();
  const st = useExportStore.getState();
  if (!ds || st.building) return;
  const runName = st.runName.trim() || defaultRunName(ds, null);
  st.set({ building: true, error: null, files: [], saved: null, pfeedCounts: null, progress: { done: 0, total: 1, path: 'dataset hash' } });
  exportSession.files = [];
  try {
    let pf: PfeedJobOutput | null = null;
    if (st.includePfeed && pfeedAvailable() && (st.formats.includes('parquet') || st.formats.includes('jsonl') || st.formats.includes('weights'))) {
      useExportStore.getState().set({ progress: { done: 0, total: 1, path: 'lookup tables and feeds from the feeds worker' } });
      pf = await pfeedExport();
    }
    const input = await sessionInput(ds, st.runId, runName, st.shopperRunId, pf);
    const files = await buildArtifacts(input, { formats: st.formats, onProgress: (done, total, path) => useExportStore.getState().set({ progress: { done, total, path } }) });
    exportSession.files = files;
    useExportStore.getState().set({ files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, downloadName: downloadName(runName, f.path) })), pfeedCounts: pf?.counts ?? null });
  } catch (e) {
    useExportStore.getState().set({ error: message(e) });
  } finally {
    useExportStore.getState().set({ building: false, progress: null });
  }
}

export function downloadOne(path: string): void {
  const f = exportSession.files.find((x) => x.path === path);
  const info = useExportStore.getState().files.find((x) => x.path === path);
  if (f && info) downloadFile(info.downloadName, f);
}

export async function downloadAll(): Promise<void> {
  for (const info of useExportStore.getState().files) {
    downloadOne(info.path);
    // browsers drop rapid successive downloads: space them out
    await new Promise((r) => setTimeout(r, 250));
  }
  useExportStore.getState().set({ saved: `${useExportStore.getState().files.length} downloads started` });
}

export async function saveToFolder(): Promise<void> {
  const st = useExportStore.getState();
  if (!canPickDirectory()) return downloadAll();
  try {
    const dir = await pickDirectory();
    const where = await writeToDirectory(dir, st.runName.trim() || 'kloa-run', exportSession.files);
    useExportStore.getState().set({ saved: `${exportSession.files.length} files written to ${where}` });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return;
    useExportStore.getState().set({ error: message(e) });
  }
}
