/**
 * PinSage worker: a thin adapter from named jobs (workers/runtime.ts) to src/core (models/pinsage,
 * train, eval). Jobs: init (backend), train (prepare → train with per-epoch IndexedDB checkpoints
 * → infer → P1 on the test split, baselines too), pause / resume, lookup (nearest items by
 * embedding next to the walk neighbourhood), forget (drop a run's checkpoint).
 */
import { endNote, exposeJobs, transferResult } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import {
  AFTER_SIGNAL_MS,
  createGpuGuard,
  DeviceLostError,
  initCompute,
  markDeviceLost,
  onDeviceLoss,
  deviceLoss,
  deviceLossSignalledAt,
  simulateDeviceLoss,
  lossTrace,
  traceLoss,
  switchBackend,
  webgpuLossSource,
  type BackendInfo,
  type BackendName,
  type GpuGuard,
  type InitOptions,
} from '../src/core/compute';
import type { Dataset } from '../src/core/data/types';
import { parsePinSageConfig, type PinSageConfigInput } from '../src/core/models/pinsage/config';
import { inferAllItems } from '../src/core/models/pinsage/infer';
import { pairsPerEpoch, preparePinSageData, type PinSageData } from '../src/core/train/pinsage-data';
import { trainPinSage, type BatchSource } from '../src/core/train/pinsage-train';
import { WorkerClient } from '../src/runtime/worker-client';
import type { PinSageBatchJobs } from './pinsage-batches.worker';
import { evaluateP1 } from '../src/core/eval/p1';
import { itemKnnScorer, popularityCounts, popularityScorer, pprWalkScorer } from '../src/core/eval/p1-baselines';
import type { MetricsEntry } from '../src/core/eval/metrics-json';
import { dotScores, topKByDot } from '../src/core/retrieval/top-k';
import { neighboursOf } from '../src/core/graph/walks';
import { IdbCheckpointStore } from '../src/runtime/pinsage-checkpoints';
import { encodeLive, type PinSageLive } from '../src/runtime/pinsage-live';

export interface TrainJobInput {
  dataset: Dataset;
  config: PinSageConfigInput;
  /** Same id → resume from its checkpoint. */
  runId: string;
  baselines?: boolean;
  /** Build minibatches in a producer worker (default true where workers can start workers). */
  producer?: boolean;
}

export interface TrainJobOutput {
  runId: string;
  entries: MetricsEntry[];
  embeddings: Float32Array;
  dim: number;
  backend: string;
}

let paused = false;
let wake: (() => void) | null = null;
const store = new IdbCheckpointStore();
let last: { emb: Float32Array; dim: number; data: PinSageData } | null = null;
let backend = 'cpu';

function gate(): Promise<void> | void {
  if (!paused) return;
  return new Promise<void>((r) => (wake = r));
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
  /** Test hook (e2e/faults.spec.ts): destroys the WebGPU device as a driver reset would. */
  simulateDeviceLoss(_: null, _ctx: JobContext): boolean {
    return simulateDeviceLoss();
  },
  /** Test hook: what the device-loss machinery did (compute/loss-trace.ts), oldest first. */
  lossTrace(_: null, _ctx: JobContext): string[] {
    return lossTrace();
  },
  async forget(input: { runId: string }, _ctx: JobContext): Promise<boolean> {
    await store.remove(input.runId);
    return true;
  },
  async train(input: TrainJobInput, ctx: JobContext): Promise<TrainJobOutput> {
    paused = false;
    const cfg = parsePinSageConfig(input.config);
    const live: PinSageLive = { variant: cfg.variant, phase: 'preparing', epoch: 0, step: 0, totalSteps: 0, pairsPerSecond: 0, etaSeconds: NaN, losses: [], validations: [] };
    const send = (): void => ctx.progress(live.step, Math.max(1, live.totalSteps), encodeLive({ ...live, phase: paused && live.phase === 'training' ? 'paused' : live.phase }));
    send();
    const d = preparePinSageData(input.dataset, cfg);
    // producer–consumer: a second worker builds batch n + 1 while this one runs step n
    let producer: WorkerClient<PinSageBatchJobs> | null = null;
    let source: BatchSource | undefined;
    if ((input.producer ?? true) && typeof Worker !== 'undefined') {
      producer = new WorkerClient<PinSageBatchJobs>(
        () => new Worker(new URL('./pinsage-batches.worker.ts', import.meta.url), { type: 'module', name: 'pinsage-batches' }),
        { name: 'pinsage-batches' },
      );
      await producer.run('setup', { dataset: input.dataset, config: cfg });
      const p = producer;
      source = (epoch, step) => p.run('batch', { epoch, step });
    }
    live.phase = 'training';
    const attempt = (signal: AbortSignal): ReturnType<typeof trainPinSage> =>
      trainPinSage(cfg, d, {
        source,
        runId: input.runId,
        store,
        signal,
        guard: backend === 'webgpu' ? gpuGuard() : undefined,
        gate: () => {
          if (paused) send();
          return gate();
        },
        onEvent: (e) => {
          if (e.type === 'loss') live.losses.push([e.step, e.loss]);
          else if (e.type === 'validation') live.validations.push([e.step, e.recall10]);
          else if (e.type === 'throughput') Object.assign(live, { epoch: e.epoch, step: e.step, totalSteps: e.totalSteps, pairsPerSecond: e.pairsPerSecond, etaSeconds: e.etaSeconds });
          else if (e.type === 'resumed') live.message = `resumed after epoch ${e.epoch}${live.message?.startsWith('GPU') ? ` (${live.message})` : ''}`;
          else if (e.type === 'early-stop') live.message = endNote(live.message, `stopped early after epoch ${e.epoch}`);
          else if (e.type === 'checkpoint-failed') live.message = `checkpoint of epoch ${e.epoch} not saved (${e.message}); training goes on, but this run cannot resume after a reload`;
          send();
        },
      });
    let r: Awaited<ReturnType<typeof trainPinSage>>;
    try {
      r = await trainSurvivingDeviceLoss(attempt, ctx.signal, async (message) => {
        // the lost device's model is gone: resume from the last stored checkpoint on WASM,
        // with batches built here (the producer worker is set up for the old attempt)
        live.message = `GPU device lost (${message}); continuing on WASM from the last checkpoint`;
        send();
        producer?.terminate();
        source = undefined;
        backend = (await switchBackend('wasm', 'device-lost')).backend;
      });
    } finally {
      producer?.terminate();
    }
    live.phase = 'evaluating';
    send();
    const t0 = performance.now();
    const emb = await inferAllItems(r.model, d.features, d.neighbourhoods);
    const inferS = (performance.now() - t0) / 1000;
    r.model.dispose();
    const entries: MetricsEntry[] = [];
    const evalOne = async (model: string, variant: string | undefined, scorer: Parameters<typeof evaluateP1>[2], train: number, infer: number): Promise<void> => {
      const e0 = performance.now();
      const res = await evaluateP1(d.split.testPairs, d.nItems, scorer);
      entries.push({ protocol: 'P1', model, ...(variant ? { variant } : {}), metrics: { ...res.metrics }, counts: { ...res.counts }, seconds: { train, infer, eval: (performance.now() - e0) / 1000 } });
    };
    await evalOne('pinsage', cfg.variant, (qs) => dotScores(emb, cfg.output, qs), r.trainSeconds, inferS);
    if (input.baselines ?? true) {
      await evalOne('popularity', undefined, popularityScorer(popularityCounts(input.dataset, d.split.trainEnd)), 0, 0);
      await evalOne('itemknn', undefined, itemKnnScorer(d.graph), 0, 0);
      await evalOne('ppr', undefined, pprWalkScorer(d.graph, d.walk), 0, 0);
    }
    last = { emb, dim: cfg.output, data: d };
    live.phase = 'done';
    send();
    const copy = emb.slice();
    return transferResult({ runId: input.runId, entries, embeddings: copy, dim: cfg.output, backend }, [copy.buffer]);
  },
  /** Speed numbers for bench/cases/pinsage.ts (PROTOCOLS.md "Benchmarks"). */
  async bench(
    input: { dataset: Dataset; backend: BackendName; steps: number; config?: PinSageConfigInput; toBest?: boolean },
    ctx: JobContext,
  ): Promise<{ name: string; value: number; unit: string; backend: string; dataset: string; note?: string }[]> {
    const info = await initCompute({ forced: input.backend });
    backend = info.backend;
    const ds = input.dataset.name;
    const out: { name: string; value: number; unit: string; backend: string; dataset: string; note?: string }[] = [];
    if (input.toBest) {
      const cfg = parsePinSageConfig(input.config ?? {});
      const d = preparePinSageData(input.dataset, cfg);
      const r = await trainPinSage(cfg, d, { signal: ctx.signal });
      r.model.dispose();
      out.push({ name: `pinsage.train_to_best.${ds}`, value: r.trainSeconds, unit: 's', backend, dataset: ds, note: `best epoch ${r.state.bestEpoch} of ${r.state.epoch}, val R@10 ${r.state.bestRecall10.toFixed(4)}` });
      return out;
    }
    const cfg = parsePinSageConfig({ ...(input.config ?? {}), epochs: 1, maxStepsPerEpoch: input.steps, validateEvery: 1_000_000 });
    const d = preparePinSageData(input.dataset, cfg);
    const r = await trainPinSage(cfg, d, { signal: ctx.signal });
    const fullSteps = Math.ceil(pairsPerEpoch(d) / cfg.batchSize);
    out.push({ name: 'pinsage.train.pairs_per_s', value: r.pairsPerSecond, unit: 'pairs/s', backend, dataset: ds, note: `steady state over ${input.steps} steps (first 2 excluded), batch ${cfg.batchSize}` });
    out.push({ name: `pinsage.epoch_s.${ds}`, value: (fullSteps * cfg.batchSize) / r.pairsPerSecond, unit: 's', backend, dataset: ds, note: `${fullSteps} steps at the measured pairs/s (projected, validation excluded)` });
    const t0 = performance.now();
    await inferAllItems(r.model, d.features, d.neighbourhoods);
    const s = (performance.now() - t0) / 1000;
    out.push({ name: 'pinsage.infer.items_per_s', value: d.nItems / s, unit: 'items/s', backend, dataset: ds });
    r.model.dispose();
    return out;
  },
  async lookup(input: { item: number; k?: number }, _ctx: JobContext): Promise<{ nearest: { item: number; score: number }[]; walk: { item: number; weight: number }[] }> {
    if (!last) throw new Error('No trained embeddings in this session yet: train a model first.');
    const top = await topKByDot(last.emb, last.dim, [input.item], input.k ?? 10);
    const nearest = Array.from(top.items.subarray(0, top.k), (item, j) => ({ item, score: top.scores[j] }));
    const nb = neighboursOf(last.data.neighbourhoods, input.item);
    const walk = Array.from(nb.items, (item, j) => ({ item, weight: nb.weights[j] }));
    return { nearest, walk };
  },
};

/**
 * The guard of GPU reads while training on WebGPU: a read races device.lost and a watchdog (10 s
 * after a loss was signalled, 5 min at most for any one read); a watchdog that fires marks the
 * device lost, so the attempt below is abandoned and recovered like on device.lost.
 */
function gpuGuard(): GpuGuard {
  return createGpuGuard({ source: webgpuLossSource, onStall: markDeviceLost });
}

/**
 * Runs a training attempt; when the WebGPU device is lost (device.lost, a simulated loss, or a
 * GPU read that the watchdog gave up on) the attempt is abandoned — a read on a lost device may
 * never settle — and one more attempt runs after `recover` (which switches to WASM); it resumes
 * from the run's stored checkpoint. A loss reported before the attempt starts is noticed too.
 */
async function trainSurvivingDeviceLoss<T>(attempt: (signal: AbortSignal) => Promise<T>, outer: AbortSignal, recover: (message: string) => Promise<void>): Promise<T> {
  for (let k = 0; ; k++) {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(outer.reason);
    outer.addEventListener('abort', onAbort, { once: true });
    let off: () => void = () => undefined;
    const lost = new Promise<never>((_, reject) => {
      const fail = (info: NonNullable<ReturnType<typeof deviceLoss>>): void => {
        traceLoss(`attempt ${k}: loss heard`);
        const err = new DeviceLostError(info);
        stop.abort(err);
        reject(err);
      };
      off = onDeviceLoss(fail);
      const before = deviceLoss();
      if (before) fail(before);
    });
    lost.catch(() => undefined);
    traceLoss(`attempt ${k} starts`);
    const run = attempt(stop.signal);
    try {
      return await Promise.race([run, lost]);
    } catch (e) {
      traceLoss(`attempt ${k} failed: ${e instanceof Error ? e.name : 'error'}`);
      // a read on a lost device may fail before device.lost arrives: give the loss a moment (more
      // when a loss was signalled: under load device.lost came 3.4 s after the failed read)
      const grace = deviceLossSignalledAt() !== null ? AFTER_SIGNAL_MS : 1500;
      const err = e instanceof DeviceLostError || k > 0 ? e : await Promise.race([lost.catch((x: unknown) => x), new Promise((r) => setTimeout(() => r(e), grace))]);
      if (!(err instanceof DeviceLostError) || k > 0) throw e;
      run.catch(() => undefined);
      traceLoss(`attempt ${k}: recover`);
      await recover(err.message);
    } finally {
      off();
      outer.removeEventListener('abort', onAbort);
    }
  }
}

export type PinSageJobs = typeof handlers;

exposeJobs(handlers);
