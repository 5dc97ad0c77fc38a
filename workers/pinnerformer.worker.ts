/**
 * PinnerFormer worker: a thin adapter from named jobs (workers/runtime.ts) to src/core
 * (models/pinnerformer, train/pinnerformer, eval/p2). Jobs (see src/core/models/pinnerformer/index.ts):
 * init (backend), train (item embeddings → P2 data → train with per-epoch IndexedDB checkpoints →
 * P2 on the temporal split with the baselines), pause / resume, forget, infer (shopper vectors
 * before a time), lookup (a shopper's recent actions and top-k items), incremental (daily update
 * of a snapshot), bench (speed numbers for bench/cases/pinnerformer.ts).
 */
import { endNote, exposeJobs, transferResult } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import { initCompute, type BackendInfo, type BackendName, type InitOptions } from '../src/core/compute';
import type { Dataset } from '../src/core/data/types';
import type { MetricsEntry } from '../src/core/eval/metrics-json';
import { runP2Suite } from '../src/core/eval/p2-run';
import { p2Split } from '../src/core/eval/splits/p2-shopper-to-item';
import type { PinSageConfigInput } from '../src/core/models/pinsage/config';
import {
  featureAvailability,
  fullSnapshot,
  incrementalUpdate,
  inferItemEmbeddings,
  inferShopperEmbeddings,
  parsePinnerFormerConfig,
  pinnerFormerP2Scorer,
  type FeatureAvailability,
  type IncrementalReport,
  type ItemEmbeddings,
  type PinnerFormerConfigInput,
  type PinnerFormerModel,
  type ShopperSnapshot,
} from '../src/core/models/pinnerformer';
import { preparePinnerFormerData } from '../src/core/train/pinnerformer/data';
import { pinSageItemEmbeddings } from '../src/core/train/pinnerformer/item-source';
import { loadPinnerFormer, trainPinnerFormer } from '../src/core/train/pinnerformer/train';
import { measurePinnerFormerSpeed, measurePinnerFormerToBest, type SpeedEntry } from '../src/core/train/pinnerformer/speed';
import { IdbPinnerFormerCheckpointStore } from '../src/runtime/pinnerformer-checkpoints';
import { modelLocalName, PINNERFORMER_ITEM_TABLE } from '../src/core/export/model-restore';
import type { ModelWeights, WeightTensor } from '../src/core/export/types';
import { encodePinnerFormerLive, type PinnerFormerLive } from '../src/runtime/pinnerformer-live';

export interface PinnerFormerTrainInput {
  dataset: Dataset;
  config: PinnerFormerConfigInput;
  /** Same id → resume from its checkpoint. */
  runId: string;
  /** Item embedding matrix (N × dim); default: a budgeted PinSage run on events before t0. */
  items?: ItemEmbeddings & { source?: string };
  /** PinSage config overrides for the default item embeddings. */
  pinsage?: PinSageConfigInput;
  /** Compute the P2 baselines too (default true). */
  baselines?: boolean;
}

export interface PinnerFormerTrainOutput {
  runId: string;
  entries: MetricsEntry[];
  /** Shopper indices of the eval shoppers and their vectors (before t0). */
  shoppers: Uint32Array;
  shopperVectors: Float32Array;
  itemVectors: Float32Array;
  dim: number;
  backend: string;
  seqsPerSecond: number;
  availability: FeatureAvailability[];
  itemSource: string;
}

let paused = false;
let wake: (() => void) | null = null;
const store = new IdbPinnerFormerCheckpointStore();
let backend = 'cpu';
let last: { model: PinnerFormerModel; datasetName: string; itemVectors: Float32Array; t0: number; runId: string } | null = null;

/**
 * Between training steps: yields to the event loop (the steps and their reads are synchronous or
 * microtasks, so without it a pause, resume or cancel message would wait for the epoch's end), then
 * waits while paused, until resume or cancel.
 */
async function gate(signal: AbortSignal): Promise<void> {
  await new Promise<void>((r) => setTimeout(r, 0));
  if (!paused || signal.aborted) return;
  await new Promise<void>((r) => {
    wake = r;
    signal.addEventListener('abort', () => r(), { once: true });
  });
}

function trained(datasetName: string, runId?: string): NonNullable<typeof last> {
  if (!last) throw new Error('No trained PinnerFormer in this session yet: train a model first.');
  if (last.datasetName !== datasetName) throw new Error(`The trained PinnerFormer belongs to dataset "${last.datasetName}", not "${datasetName}".`);
  // the worker holds one model: the run trained last in this page
  if (runId !== undefined && last.runId !== runId) throw new Error('This page holds the model of a later PinnerFormer run, not of this one: re-run it, then open its artifacts.');
  return last;
}

const handlers = {
  async init(input: InitOptions, _ctx: JobContext): Promise<BackendInfo> {
    const info = await initCompute(input);
    backend = info.backend;
    return info;
  },
  pause(_: null, _ctx: JobContext): boolean {
    paused = true;
    return true;
  },
  resume(_: null, _ctx: JobContext): boolean {
    paused = false;
    wake?.();
    wake = null;
    return true;
  },
  /**
   * Makes `runId`'s model the worker's current one (for its artifacts after a reload): nothing to do
   * when it already is; else its best weights from the IndexedDB checkpoint, on the item embeddings
   * its training used (the same budgeted PinSage run, recomputed: deterministic). False without a
   * checkpoint (deleted, or never saved).
   */
  async restore(input: { dataset: Dataset; runId: string; config: PinnerFormerConfigInput; pinsage?: PinSageConfigInput }, ctx: JobContext): Promise<boolean> {
    const ds = input.dataset;
    if (last?.runId === input.runId && last.datasetName === ds.name) return true;
    const c = await store.load(input.runId);
    if (!c) return false;
    // the cut-off its training used (preparePinnerFormerData's default split), without building the training data
    const { t0 } = p2Split(ds, { variant: 'temporal', historyLength: c.config.historyLength, windowDays: c.config.windowDays });
    ctx.progress(0, 2, 'item embeddings (the budgeted PinSage run, again)');
    const items = await pinSageItemEmbeddings(ds, t0, input.pinsage, { signal: ctx.signal });
    ctx.progress(1, 2, 'best weights from the checkpoint');
    const model = await loadPinnerFormer(c, items);
    last?.model.dispose();
    last = { model, datasetName: ds.name, itemVectors: await inferItemEmbeddings(model), t0, runId: input.runId };
    return true;
  },
  async forget(input: { runId: string }, _ctx: JobContext): Promise<boolean> {
    await store.remove(input.runId);
    return true;
  },
  async train(input: PinnerFormerTrainInput, ctx: JobContext): Promise<PinnerFormerTrainOutput> {
    paused = false;
    const cfg = parsePinnerFormerConfig(input.config);
    const live: PinnerFormerLive = { objective: cfg.objective, phase: 'preparing', epoch: 0, step: 0, totalSteps: 0, seqsPerSecond: 0, etaSeconds: NaN, losses: [], validations: [] };
    const send = (): void => ctx.progress(live.step, Math.max(1, live.totalSteps), encodePinnerFormerLive({ ...live, phase: paused && live.phase === 'training' ? 'paused' : live.phase }));
    send();
    const ds = input.dataset;
    const d = preparePinnerFormerData(ds, cfg);
    let items = input.items;
    let itemSource = items?.source ?? 'given';
    if (!items) {
      live.phase = 'item-embeddings';
      live.message = 'training PinSage item embeddings (events before t0)';
      send();
      const p = await pinSageItemEmbeddings(ds, d.split.t0, input.pinsage, { signal: ctx.signal });
      items = p;
      itemSource = p.source;
    }
    live.phase = 'training';
    live.message = undefined;
    const r = await trainPinnerFormer(cfg, d, items, {
      runId: input.runId,
      store,
      signal: ctx.signal,
      gate: () => {
        if (paused) send();
        return gate(ctx.signal);
      },
      onEvent: (e) => {
        if (e.type === 'loss') (live.losses.push([e.step, e.loss]), (live.temperature = e.temperature));
        else if (e.type === 'validation') live.validations.push([e.step, e.recall10]);
        else if (e.type === 'throughput') Object.assign(live, { epoch: e.epoch, step: e.step, totalSteps: e.totalSteps, seqsPerSecond: e.seqsPerSecond, etaSeconds: e.etaSeconds });
        else if (e.type === 'resumed') live.message = `resumed after epoch ${e.epoch}`;
        else if (e.type === 'early-stop') live.message = endNote(live.message, `stopped after epoch ${e.epoch}`);
        send();
      },
    });
    live.phase = 'evaluating';
    send();
    const t = performance.now();
    const sh = await inferShopperEmbeddings(r.model, ds, d.split.shoppers, d.split.t0, { signal: ctx.signal });
    const itemVectors = await inferItemEmbeddings(r.model);
    const inferSeconds = (performance.now() - t) / 1000;
    const entries = await runP2Suite(ds, {
      variants: ['temporal'],
      split: { historyLength: cfg.historyLength, windowDays: cfg.windowDays },
      baselines: input.baselines === false ? [] : undefined,
      itemEmbeddings: { emb: items.vectors, dim: items.dim, source: itemSource },
      signal: ctx.signal,
      models: [
        {
          model: 'pinnerformer',
          variant: cfg.objective,
          scorer: (split) => pinnerFormerP2Scorer(r.model, ds, split),
          seconds: { train: r.trainSeconds, infer: inferSeconds },
          extra: { item_embeddings: itemSource, seqs_per_s: r.seqsPerSecond, best_epoch: r.state.bestEpoch },
        },
      ],
    });
    last?.model.dispose();
    last = { model: r.model, datasetName: ds.name, itemVectors, t0: d.split.t0, runId: input.runId };
    live.phase = 'done';
    send();
    const out: PinnerFormerTrainOutput = {
      runId: input.runId,
      entries,
      shoppers: sh.shoppers,
      shopperVectors: sh.vectors,
      itemVectors: itemVectors.slice(),
      dim: r.model.outDim,
      backend,
      seqsPerSecond: r.seqsPerSecond,
      availability: featureAvailability(ds),
      itemSource,
    };
    return transferResult(out, [out.shoppers.buffer as ArrayBuffer, out.shopperVectors.buffer as ArrayBuffer, out.itemVectors.buffer as ArrayBuffer]);
  },
  /** Shopper vectors from each shopper's last M events before `t` (default: the training cut-off t0). */
  async infer(input: { dataset: Dataset; shoppers?: number[]; t?: number; runId?: string }, ctx: JobContext): Promise<{ ids: string[]; vectors: Float32Array; dim: number }> {
    const m = trained(input.dataset.name, input.runId);
    const t = input.t ?? m.t0;
    const snap = await fullSnapshot(m.model, input.dataset, t, input.shoppers, { signal: ctx.signal, onProgress: (a, b) => ctx.progress(a, b) });
    return transferResult({ ids: snap.ids, vectors: snap.vectors, dim: snap.dim }, [snap.vectors.buffer as ArrayBuffer]);
  },
  /**
   * The session's trained model as export weights (models/pinnerformer/weights.*): its variables and
   * the input item table it was built with, as the batch export writes them (restorePinnerFormer loads them back).
   */
  async weights(input: { datasetName: string; runId?: string }, _ctx: JobContext): Promise<ModelWeights> {
    const m = trained(input.datasetName, input.runId).model;
    const tensors: WeightTensor[] = [];
    for (const v of m.variables) tensors.push({ name: modelLocalName(v.name), shape: v.shape.slice(), values: Float32Array.from(await v.data()) });
    tensors.push({ name: PINNERFORMER_ITEM_TABLE, shape: [m.nItems, m.itemDim], values: Float32Array.from(await m.itemTable.data()) });
    return transferResult({ model: 'pinnerformer', config: m.cfg, tensors }, tensors.map((t) => t.values.buffer as ArrayBuffer));
  },
  /** A shopper's last M actions before t0 (event indices, oldest first) and its top-k items. */
  async lookup(input: { dataset: Dataset; shopper: number; k?: number; t?: number }, _ctx: JobContext): Promise<{ recent: number[]; items: number[]; scores: number[] }> {
    const m = trained(input.dataset.name);
    const t = input.t ?? m.t0;
    const ds = input.dataset;
    const sh = await inferShopperEmbeddings(m.model, ds, [input.shopper], t);
    const D = m.model.outDim;
    const n = m.itemVectors.length / D;
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += sh.vectors[j] * m.itemVectors[i * D + j];
      scores[i] = s;
    }
    const k = Math.min(input.k ?? 10, n);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
    const recent: number[] = [];
    for (let e = 0; e < ds.events.length && ds.events.timestamp[e] < t; e++) if (ds.events.shopper[e] === input.shopper) recent.push(e);
    return { recent: recent.slice(-m.model.cfg.historyLength), items: order, scores: order.map((i) => scores[i]) };
  },
  /** Daily update: recompute the shoppers active in [dayStart, dayEnd), keep the rest. */
  async incremental(
    input: { dataset: Dataset; snapshot: ShopperSnapshot; dayStart: number; dayEnd: number },
    ctx: JobContext,
  ): Promise<{ snapshot: ShopperSnapshot; report: IncrementalReport }> {
    const m = trained(input.dataset.name);
    const r = await incrementalUpdate(m.model, input.dataset, input.snapshot, input.dayStart, input.dayEnd, { signal: ctx.signal, onProgress: (a, b) => ctx.progress(a, b) });
    return transferResult(r, [r.snapshot.vectors.buffer as ArrayBuffer]);
  },
  /** Speed numbers for bench/cases/pinnerformer.ts (PROTOCOLS.md "Benchmarks"). */
  async bench(input: { dataset: Dataset; backend: BackendName; steps: number; config?: PinnerFormerConfigInput; toBest?: boolean }, ctx: JobContext): Promise<SpeedEntry[]> {
    const info = await initCompute({ forced: input.backend });
    backend = info.backend;
    if (input.toBest) return measurePinnerFormerToBest(input.dataset, { backend, config: input.config, signal: ctx.signal });
    return measurePinnerFormerSpeed(input.dataset, { backend, steps: input.steps, config: input.config, signal: ctx.signal });
  },
};

export type PinnerFormerJobs = typeof handlers;

exposeJobs(handlers);
