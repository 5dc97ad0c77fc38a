/**
 * The daily incremental run (`npm run batch -- --previous DIR --events FILE`): instead of
 * retraining, the previous run's models and snapshots are reused on a new day's events.
 *   load          the config's dataset (its content hash must be the previous run's), the day's
 *                 events (CSV / TSV / JSON lines / Parquet with columns shopper_id, item_id,
 *                 action, timestamp) appended to it (appendEvents)
 *   pinnerformer  the PinnerFormer weights loaded back (restorePinnerFormer) and the daily
 *                 incremental inference (incrementalUpdate): shoppers with an event in
 *                 [previous asOf, last new event] recomputed, the others' vectors kept bit for
 *                 bit, new shoppers added
 *   pfeed         the previous lookup table read back, and the near-real-time refresh
 *                 (refreshFeeds) over the same window: active shoppers recomposed, every other
 *                 feed kept as it was
 *   export        the new snapshot, shopper embeddings, feeds; the lookup tables and weights carried
 *                 over (so the output folder can be the next day's --previous); manifest.json
 *                 records the counts (recomputed / kept / new).
 * Events before the previous run's time are history only (so the files of several days can be
 * passed at once); no protocol is evaluated (a new day has no future window), so no metrics.json.
 */
import { loadDataset } from '../data/load';
import type { InputFile } from '../data/loaders/input';
import type { Dataset } from '../data/types';
import { buildArtifacts } from '../export/build';
import { sha256Hex } from '../export/manifest';
import { restorePinnerFormer, restoreSimoEncoder } from '../export/model-restore';
import type { ArtifactFile, ArtifactInput, FeedRow, ModelWeights } from '../export/types';
import { fileBytes } from '../data/loaders/input';
import { composerFor, type Feed } from '../feeds/composer';
import { parseFeedConfig } from '../feeds/config';
import { ShopperEvents, type NewEvents } from '../feeds/history';
import { bookOf, refreshFeeds, type RefreshReport } from '../feeds/refresh';
import { parseTargetSetRule, selectTargetSet, targetSetName } from '../feeds/target-sets';
import { firstIndexAtOrAfter } from '../eval/splits/time';
import { incrementalUpdate, type IncrementalReport, type ShopperSnapshot } from '../models/pinnerformer/incremental';
import { embedCatalogue } from '../models/simo/embed';
import { QUERY_ROLES, type LookupTable, type RoleTable } from '../retrieval/lookup-table';
import type { QueryRole } from '../models/simo/roles';
import { appendEvents, type AppendReport } from './append-events';
import { stageOf, type PipelineConfig, type StageId } from './config';
import { PipelineError } from './errors';
import { feedRows, lookupTableExports } from './pfeed-export';
import { readPreviousRun, type PreviousLookupRow, type PreviousRun } from './previous';
import { runLoad } from './stages/load';
import type { PipelineContext, PipelineState, StageTiming } from './types';

/** Columns of a new day's events file. */
export const DAY_EVENT_COLUMNS = { shopper: 'shopper_id', item: 'item_id', action: 'action', timestamp: 'timestamp' } as const;

export interface IncrementalContext extends PipelineContext {
  /** The previous run's files by relative path (PREVIOUS_RUN_FILES that exist). */
  previous: ReadonlyMap<string, Uint8Array>;
  /** The new day's events file(s). */
  events: InputFile[];
}

export interface IncrementalRunReport {
  previous: { run: string; createdAt: string };
  events: AppendReport & { files: { name: string; sha256: string }[]; newDay: number; dayStart: string; dayEnd: string };
  pinnerformer?: IncrementalReport & { shoppers: number };
  pfeed?: Omit<RefreshReport, 'now' | 'ms'> & { seconds: number; feeds: number };
}

export interface IncrementalResult {
  state: PipelineState;
  report: IncrementalRunReport;
  artifacts: ArtifactFile[];
  timings: StageTiming[];
}

function formatOf(name: string): 'csv' | 'tsv' | 'jsonl' | 'parquet' {
  const n = name.toLowerCase();
  if (n.endsWith('.tsv')) return 'tsv';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson') || n.endsWith('.json')) return 'jsonl';
  if (n.endsWith('.parquet')) return 'parquet';
  return 'csv';
}

async function loadDay(files: InputFile[], ctx: PipelineContext): Promise<Dataset> {
  if (files.length === 0) throw new PipelineError('config', 'An incremental run (--previous) needs the new day\'s events: pass --events FILE.', 'load');
  const format = formatOf(files[0].name);
  const other = files.find((f) => formatOf(f.name) !== format);
  if (other) throw new PipelineError('dataset', `The events files mix formats (${files[0].name}: ${format}, ${other.name}: ${formatOf(other.name)}); pass files of one format.`, 'load');
  const r = await loadDataset({ kind: 'generic', format, mapping: { ...DAY_EVENT_COLUMNS } }, files, { signal: ctx.signal, name: 'new-day' });
  if (!r.dataset) {
    throw new PipelineError('dataset', `The new day's events could not be loaded: ${r.report.fatal ?? 'no event'} (expected columns ${Object.values(DAY_EVENT_COLUMNS).join(', ')}).`, 'load');
  }
  return r.dataset;
}

/** The previous run's lookup table on the base catalogue (scores as the float32 they were written as). */
export function lookupTableFromRows(ds: Dataset, rows: Readonly<Record<QueryRole, readonly PreviousLookupRow[]>>, k: number, targetSet: Uint32Array, name: string, source: string): LookupTable {
  const n = ds.items.length;
  const itemOf = new Map<string, number>();
  ds.items.ids.forEach((id, i) => itemOf.set(id, i));
  const idx = (id: string, what: string): number => {
    const i = itemOf.get(id);
    if (i === undefined) throw new PipelineError('dataset', `The previous lookup table names ${what} "${id}", which is not in the catalogue: the dataset is not the previous run's.`, 'pfeed');
    return i;
  };
  const roles = {} as Record<QueryRole, RoleTable>;
  for (const role of QUERY_ROLES) {
    const list = rows[role];
    const queries = new Uint32Array(list.length);
    const rowOf = new Int32Array(n).fill(-1);
    const targets = new Int32Array(list.length * k).fill(-1);
    const scores = new Float32Array(list.length * k).fill(Number.NEGATIVE_INFINITY);
    list.forEach((r, j) => {
      const q = idx(r.queryId, 'query item');
      queries[j] = q;
      rowOf[q] = j;
      for (let c = 0; c < Math.min(k, r.targetIds.length); c++) {
        targets[j * k + c] = idx(r.targetIds[c], 'target item');
        scores[j * k + c] = r.scores[c];
      }
    });
    roles[role] = { role, queries, rowOf, targets, scores };
  }
  return { k, nItems: n, targetSet, targetSetName: name, cutoff: Infinity, source, roles };
}

/** The events of `ds` at or after `from`, as the refresh takes them. */
function eventsFrom(ds: Dataset, from: number): NewEvents {
  const a = firstIndexAtOrAfter(ds.events.timestamp, from);
  const ev = ds.events;
  return { shopper: ev.shopper.subarray(a), item: ev.item.subarray(a), action: ev.action.subarray(a), timestamp: ev.timestamp.subarray(a) };
}

interface PfeedSettings {
  k?: number;
  targetSets?: unknown[];
  feed?: unknown;
}

export async function runIncremental(config: PipelineConfig, ctx: IncrementalContext): Promise<IncrementalResult> {
  const emit = ctx.onEvent ?? (() => undefined);
  const state: PipelineState = { config, backend: ctx.backend, versions: { ...(ctx.versions ?? {}) }, timings: [], startedAt: new Date().toISOString() };
  const prev: PreviousRun = readPreviousRun(ctx.previous);
  const stages: StageId[] = ['load', ...(prev.pinnerformer ? (['pinnerformer'] as const) : []), ...(prev.pfeed ? (['pfeed'] as const) : []), 'export'];
  let index = 0;
  const step = async <T>(stage: StageId, fn: (progress: (d: number, t: number, note?: string) => void, log: (m: string) => void) => Promise<{ out: T; summary: Record<string, string | number> }>): Promise<T> => {
    ctx.signal?.throwIfAborted();
    emit({ type: 'stage-start', stage, index: index++, count: stages.length });
    const t0 = performance.now();
    try {
      const { out, summary } = await fn(
        (done, total, note) => emit({ type: 'progress', stage, done, total, ...(note ? { note } : {}) }),
        (message) => emit({ type: 'log', stage, message }),
      );
      const seconds = (performance.now() - t0) / 1000;
      state.timings.push({ stage, seconds });
      emit({ type: 'stage-end', stage, seconds, summary });
      return out;
    } catch (e) {
      if (ctx.signal?.aborted || (e instanceof Error && e.name === 'AbortError')) throw new PipelineError('aborted', `The run was cancelled during stage "${stage}".`, stage);
      if (e instanceof PipelineError) throw e;
      throw new PipelineError('stage', `Stage "${stage}" failed: ${e instanceof Error ? e.message : String(e)}`, stage);
    }
  };

  // ---- load: previous run, base dataset (same hash), the day's events appended
  const loaded = await step('load', async (progress, log) => {
    const load = await runLoad(config, ctx, progress);
    if (load.info.hash !== prev.datasetHash) {
      throw new PipelineError(
        'dataset',
        `The dataset (${load.info.name}, ${load.info.hash}) is not the one of the previous run (${prev.datasetHash}): pass the previous run's config with --config.`,
        'load',
      );
    }
    const day = await loadDay(ctx.events, ctx);
    const { dataset, report } = appendEvents(load.dataset, day);
    const starts = [prev.pinnerformer?.snapshot.asOf, prev.pfeed?.composedAt].filter((x): x is number => x !== undefined);
    const dayStart = Math.min(...starts);
    const ev = dataset.events;
    const first = firstIndexAtOrAfter(ev.timestamp, dayStart);
    const newDay = ev.length - first;
    if (newDay === 0 || report.appended === 0) {
      throw new PipelineError('dataset', `The events file(s) hold no event of a known item at or after the previous run's time ${new Date(dayStart).toISOString()}: nothing to update.`, 'load');
    }
    const dayEnd = ev.timestamp[ev.length - 1] + 1;
    const files: { name: string; sha256: string }[] = [];
    for (const f of ctx.events) files.push({ name: f.name, sha256: await sha256Hex(await fileBytes(f)) });
    log(`${report.appended} of ${report.read} events appended (${newDay} at or after ${new Date(dayStart).toISOString()}); skipped: ${report.unknownItems} unknown items, ${report.noShopper} without shopper; ${report.newShoppers} new shoppers`);
    state.load = load;
    const events = { ...report, files, newDay, dayStart: new Date(dayStart).toISOString(), dayEnd: new Date(dayEnd).toISOString() };
    return { out: { merged: dataset, dayStart, dayEnd, events }, summary: { appended: report.appended, new_day: newDay, new_shoppers: report.newShoppers } };
  });
  const { merged, dayEnd } = loaded;
  const report: IncrementalRunReport = { previous: { run: prev.run, createdAt: prev.createdAt }, events: loaded.events };

  // ---- pinnerformer: the daily incremental inference with the previous weights
  let snapshot: ShopperSnapshot | undefined;
  let pfWeights: ModelWeights | undefined;
  if (prev.pinnerformer) {
    const p = prev.pinnerformer;
    snapshot = await step('pinnerformer', async (progress) => {
      const model = restorePinnerFormer(p.weights);
      try {
        if (model.nItems !== merged.items.length) throw new Error(`the previous PinnerFormer item table has ${model.nItems} items, the catalogue ${merged.items.length}`);
        const r = await incrementalUpdate(model, merged, p.snapshot, p.snapshot.asOf, dayEnd, { signal: ctx.signal, onProgress: (d, t) => progress(d, t, 'incremental inference') });
        report.pinnerformer = { ...r.report, shoppers: r.snapshot.ids.length };
        return { out: r.snapshot, summary: { recomputed: r.report.recomputed, kept: r.report.kept, new: r.report.added } };
      } finally {
        model.dispose();
      }
    });
    pfWeights = p.weights;
  }

  // ---- pfeed: refresh the feeds of the day's active shoppers from the previous lookup table
  let feedsOut: { rows: FeedRow[]; table: LookupTable } | undefined;
  if (prev.pfeed) {
    const p = prev.pfeed;
    feedsOut = await step('pfeed', async (progress) => {
      const settings = (((prev.config as { stages?: { stage: string }[] })?.stages ?? []).find((s) => s.stage === 'pfeed') ?? {}) as PfeedSettings;
      const feedCfg = parseFeedConfig(settings.feed ?? {});
      const rule = parseTargetSetRule(settings.targetSets?.[0] ?? { kind: 'all' });
      if (targetSetName(rule) !== p.feeds.targetSet) throw new Error(`the previous feeds are of target set "${p.feeds.targetSet}" but its config names "${targetSetName(rule)}"`);
      const k = settings.k ?? Math.max(1, ...p.lookup['view-query'].map((r) => r.targetIds.length), ...p.lookup['buy-query'].map((r) => r.targetIds.length));
      const base = state.load!.dataset;
      const table = lookupTableFromRows(base, p.lookup, k, selectTargetSet(base, rule), targetSetName(rule), 'previous run');
      let targetEmb: { data: Float32Array; dim: number } | null = null;
      if (feedCfg.mmrLambda < 1) {
        if (!p.simo) throw new Error('the feed config uses MMR (mmrLambda < 1), which needs the SIMO weights (models/simo) of the previous run');
        const enc = restoreSimoEncoder(p.simo, base);
        try {
          const e = (await embedCatalogue(enc, { signal: ctx.signal })).embeddings;
          targetEmb = { data: e.target, dim: e.dim };
        } finally {
          enc.dispose();
        }
      }
      const composer = composerFor(table, merged, feedCfg, dayEnd, targetEmb);
      const shopperOf = new Map<string, number>();
      merged.shoppers.forEach((id, s) => shopperOf.set(id, s));
      const itemOf = new Map<string, number>();
      merged.items.ids.forEach((id, i) => itemOf.set(id, i));
      // the previous feeds as the refresh's book (only item order matters for "changed")
      const previous = new Map<number, Feed>();
      for (const [sid, rows] of p.feeds.byShopper) {
        const s = shopperOf.get(sid);
        if (s === undefined) throw new PipelineError('dataset', `The previous feeds name shopper "${sid}", who is not in the dataset: it is not the previous run's.`, 'pfeed');
        previous.set(s, { shopper: s, at: p.composedAt, items: rows.map((r) => ({ item: itemOf.get(r.itemId) ?? -1, score: r.score, because: [] })), queries: 0, queriesInTable: 0 });
      }
      const book = bookOf([...previous.values()], p.composedAt);
      const events = new ShopperEvents(merged, p.composedAt);
      progress(0, 1, 'refresh');
      const r = refreshFeeds(book, events, composer, eventsFrom(merged, p.composedAt), dayEnd, (dayEnd - p.composedAt + 1) / 60_000);
      // rows: kept shoppers exactly as before (file order), recomposed ones anew, new ones after
      const rows: FeedRow[] = [];
      for (const [sid, prevRows] of p.feeds.byShopper) {
        const s = shopperOf.get(sid)!;
        const f = book.feeds.get(s)!;
        rows.push(...(f === previous.get(s) ? prevRows : feedRows(f, merged)));
      }
      const added = [...book.feeds.keys()].filter((s) => !previous.has(s)).sort((a, b) => a - b);
      for (const s of added) rows.push(...feedRows(book.feeds.get(s)!, merged));
      report.pfeed = { activeMinutes: r.activeMinutes, newEvents: r.newEvents, recomposed: r.recomposed, changed: r.changed, added: r.added, unchanged: r.unchanged, seconds: r.ms / 1000, feeds: book.feeds.size };
      progress(1, 1, 'done');
      return { out: { rows, table }, summary: { recomposed: r.recomposed, changed: r.changed, new: r.added, unchanged: r.unchanged } };
    });
  }

  // ---- export: the updated snapshot and feeds, the reused models and tables
  const artifacts = await step('export', async (progress) => {
    const load = state.load!;
    const exportStage = stageOf(config, 'export');
    const weights: ModelWeights[] = [];
    if (pfWeights) weights.push(pfWeights);
    if (prev.pfeed?.simo) weights.push(prev.pfeed.simo);
    const source = `pinnerformer/${(pfWeights?.config as { objective?: string } | undefined)?.objective ?? ''} (incremental)`;
    const prevExtra = prev.extra as { pinnerformer?: Record<string, unknown>; pfeed?: Record<string, unknown> };
    const input: ArtifactInput = {
      dataset: { ...load.info, meta: load.dataset.meta },
      ...(snapshot
        ? {
            shoppers: { ids: snapshot.ids, vectors: snapshot.vectors, dim: snapshot.dim, source },
            snapshot: { ids: snapshot.ids, vectors: snapshot.vectors, dim: snapshot.dim, source, asOf: new Date(snapshot.asOf).toISOString() },
          }
        : {}),
      ...(feedsOut
        ? {
            lookupTables: lookupTableExports(feedsOut.table, load.dataset.items.ids),
            feeds: { targetSet: feedsOut.table.targetSetName, composedAt: new Date(dayEnd).toISOString(), rows: feedsOut.rows },
          }
        : {}),
      weights: exportStage?.weights === false ? [] : weights,
      manifest: {
        runName: config.name,
        createdAt: new Date().toISOString(),
        // the models' settings are the previous run's
        config: prev.config,
        seed: config.seed,
        backend: ctx.backend.backend,
        adapter: (ctx.backend as { adapter?: unknown }).adapter ?? null,
        libraries: state.versions,
        stages: state.timings.map((t) => ({ stage: t.stage, seconds: t.seconds })),
        extra: {
          backendInfo: ctx.backend,
          startedAt: state.startedAt,
          incremental: report,
          mergedDataset: { events: merged.events.length, shoppers: merged.shoppers.length },
          ...(snapshot ? { pinnerformer: { ...(prevExtra.pinnerformer ?? {}), snapshotAsOf: new Date(snapshot.asOf).toISOString() } } : {}),
          ...(feedsOut ? { pfeed: { ...(prevExtra.pfeed ?? {}), composedAt: new Date(dayEnd).toISOString(), targetSet: feedsOut.table.targetSetName } } : {}),
        },
      },
    };
    const files = await buildArtifacts(input, {
      ...(exportStage?.formats?.length ? { formats: exportStage.formats } : {}),
      ...(exportStage ? { similarity: exportStage.similarity } : {}),
      signal: ctx.signal,
      onProgress: (d, t, path) => progress(d, t, path),
    });
    return { out: files, summary: { files: files.length, bytes: files.reduce((a, f) => a + f.bytes.byteLength, 0) } };
  });
  return { state, report, artifacts, timings: state.timings };
}
