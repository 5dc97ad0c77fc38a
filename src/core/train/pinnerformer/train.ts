/**
 * The PinnerFormer training loop on the compute core's StepRunner: Adam, one fixed batch shape,
 * sampled-softmax loss, progress events (loss, sequences/s), validation Recall@10 at every epoch
 * end (and every `validateEvery` steps when set), a checkpoint after every epoch (resume), early
 * stopping on validation, and a clear stop on NaN or divergence that keeps the last good
 * checkpoint. Batches come from a `BatchSource` asked one step ahead (a producer worker may build
 * the next one while this step runs).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchData } from '../../compute/batch';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../../compute/checkpoint';
import { StepRunner } from '../../compute/step-runner';
import type { PinnerFormerConfig } from '../../models/pinnerformer/config';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { buildPinnerFormerModel, type PinnerFormerModel } from '../../models/pinnerformer/model';
import { makeBatcher } from './batches';
import type { PinnerFormerCheckpoint, PinnerFormerCheckpointStore, PinnerFormerRunState } from './checkpoints';
import type { PinnerFormerData } from './data';
import { validationRecall } from './validate';

export type PinnerFormerBatchSource = (epoch: number, step: number) => BatchData | Promise<BatchData>;

export type PinnerFormerTrainEvent =
  | { type: 'loss'; epoch: number; step: number; loss: number; temperature: number }
  | { type: 'validation'; epoch: number; step: number; recall10: number }
  | { type: 'throughput'; epoch: number; step: number; totalSteps: number; seqsPerSecond: number; etaSeconds: number }
  | { type: 'epoch'; epoch: number; recall10: number; best: boolean; seconds: number }
  | { type: 'checkpoint'; epoch: number }
  | { type: 'resumed'; epoch: number }
  | { type: 'early-stop'; epoch: number };

export class PinnerFormerDivergenceError extends Error {
  override name = 'DivergenceError';
}

export interface PinnerFormerTrainOptions {
  runId?: string;
  store?: PinnerFormerCheckpointStore;
  onEvent?(e: PinnerFormerTrainEvent): void;
  signal?: AbortSignal;
  /** Awaited before every step (pause: return a promise that resolves on resume). */
  gate?(): Promise<void> | void;
  source?: PinnerFormerBatchSource;
  /** Read the loss every this many steps (default 10). */
  metricsEvery?: number;
  /** Also validate every this many steps (0 = only at epoch ends). */
  validateEvery?: number;
  /** Replaces the default validation (Recall@10 of the validation shoppers). Higher is better. */
  validate?(model: PinnerFormerModel): Promise<number>;
  /** Stop after this many seconds of training (the best epoch so far is kept). */
  maxSeconds?: number;
}

export interface PinnerFormerTrainResult {
  model: PinnerFormerModel;
  state: PinnerFormerRunState;
  trainSeconds: number;
  /** Steady-state training sequences per second (batch building included; validation excluded). */
  seqsPerSecond: number;
  stoppedEarly: boolean;
}

function isDiverged(loss: number, first: number | null): boolean {
  return !Number.isFinite(loss) || (first !== null && loss > 100 * Math.max(first, 1));
}

export async function trainPinnerFormer(cfg: PinnerFormerConfig, d: PinnerFormerData, items: ItemEmbeddings, opts: PinnerFormerTrainOptions = {}): Promise<PinnerFormerTrainResult> {
  if (items.vectors.length !== d.nItems * items.dim) {
    throw new Error(`item embedding has ${items.vectors.length / items.dim} rows; the dataset has ${d.nItems} items`);
  }
  const runId = opts.runId ?? `pinnerformer-${cfg.objective}-${cfg.seed}`;
  const emit = opts.onEvent ?? (() => undefined);
  const batcher = makeBatcher(d, cfg);
  const source: PinnerFormerBatchSource = opts.source ?? ((e, s) => batcher.batch(e, s));
  const model = buildPinnerFormerModel(cfg, items);
  const optimizer = tf.train.adam(cfg.learningRate);
  const validate = opts.validate ?? ((m: PinnerFormerModel) => validationRecall(m, d, opts.signal));
  let state: PinnerFormerRunState = { epoch: 0, bestEpoch: 0, bestRecall10: -1, globalStep: 0, losses: [], validations: [] };
  let best: Checkpoint | null = null;
  let lastGood: Checkpoint | null = null;
  const resumed = opts.store ? await opts.store.load(runId) : null;
  if (resumed) {
    await restoreCheckpoint(resumed.last, model.variables, optimizer);
    state = structuredClone(resumed.state);
    best = resumed.best;
    lastGood = resumed.last;
    emit({ type: 'resumed', epoch: state.epoch });
  }
  const metricsEvery = opts.metricsEvery ?? 10;
  const runner = new StepRunner(model, optimizer, batcher.spec, metricsEvery, state.globalStep);
  let firstLoss: number | null = state.losses[0]?.loss ?? null;
  let stalled = resumed ? state.epoch - state.bestEpoch : 0;
  const spe = batcher.stepsPerEpoch;
  const totalSteps = spe * cfg.epochs;
  let timedSeqs = 0;
  let timedMs = 0;
  let stoppedEarly = false;
  const temperatureNow = (): number => tf.tidy(() => model.temperature().dataSync()[0]);
  const fail = async (msg: string): Promise<never> => {
    if (lastGood) await restoreCheckpoint(lastGood, model.variables, optimizer);
    throw new PinnerFormerDivergenceError(`${msg}; the last good checkpoint (epoch ${lastGood ? state.epoch : 0}) is kept. Try a lower learning rate.`);
  };
  const wall0 = performance.now();
  const timeUp = (): boolean => opts.maxSeconds !== undefined && (performance.now() - wall0) / 1000 > opts.maxSeconds;
  try {
    for (let epoch = state.epoch + 1; epoch <= cfg.epochs; epoch++) {
      const t0 = performance.now();
      let next: Promise<BatchData> = Promise.resolve(source(epoch, 0));
      for (let step = 0; step < spe; step++) {
        opts.signal?.throwIfAborted();
        await opts.gate?.();
        const s0 = performance.now();
        const data = await next;
        if (step + 1 < spe) next = Promise.resolve(source(epoch, step + 1));
        const res = runner.run(data);
        if (res.loss) {
          const loss = await res.loss;
          if (isDiverged(loss, firstLoss)) await fail(`Training diverged at epoch ${epoch}, step ${step + 1} (loss ${loss})`);
          firstLoss ??= loss;
          state.losses.push({ step: res.step, loss });
          emit({ type: 'loss', epoch, step: res.step, loss, temperature: temperatureNow() });
        }
        const dt = performance.now() - s0;
        if (res.step > state.globalStep + 2) {
          timedMs += dt;
          timedSeqs += cfg.batchSize;
        }
        const sps = timedMs > 0 ? (timedSeqs / timedMs) * 1000 : 0;
        emit({ type: 'throughput', epoch, step: res.step, totalSteps, seqsPerSecond: sps, etaSeconds: sps > 0 ? ((totalSteps - res.step) * cfg.batchSize) / sps : NaN });
        if (opts.validateEvery && res.step % opts.validateEvery === 0 && step + 1 < spe) {
          const r = await validate(model);
          state.validations.push({ step: res.step, epoch, recall10: r });
          emit({ type: 'validation', epoch, step: res.step, recall10: r });
        }
        if (timeUp()) break;
      }
      state.globalStep = runner.step;
      const r = await validate(model);
      state.validations.push({ step: runner.step, epoch, recall10: r });
      emit({ type: 'validation', epoch, step: runner.step, recall10: r });
      const improved = r > state.bestRecall10 || (best === null && !Number.isFinite(r));
      state.epoch = epoch;
      lastGood = await takeCheckpoint(runner.step, model.variables, optimizer);
      if (improved) {
        state.bestRecall10 = Number.isFinite(r) ? r : state.bestRecall10;
        state.bestEpoch = epoch;
        best = { step: runner.step, variables: lastGood.variables, optimizer: [] };
        stalled = 0;
      } else stalled++;
      emit({ type: 'epoch', epoch, recall10: r, best: improved, seconds: (performance.now() - t0) / 1000 });
      if (opts.store && best) {
        const c: PinnerFormerCheckpoint = {
          runId,
          config: cfg,
          items: { count: d.nItems, dim: items.dim },
          state: structuredClone(state),
          last: lastGood,
          best,
          savedAt: new Date().toISOString(),
        };
        await opts.store.save(c);
        emit({ type: 'checkpoint', epoch });
      }
      if (stalled >= cfg.patience || timeUp()) {
        stoppedEarly = true;
        emit({ type: 'early-stop', epoch });
        break;
      }
    }
    if (best) await restoreCheckpoint({ ...best, optimizer: [] }, model.variables, optimizer);
    return { model, state, trainSeconds: (performance.now() - wall0) / 1000, seqsPerSecond: timedMs > 0 ? (timedSeqs / timedMs) * 1000 : 0, stoppedEarly };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}

/** A model with the best weights of a saved run (for inference after a reload). */
export async function loadPinnerFormer(c: PinnerFormerCheckpoint, items: ItemEmbeddings): Promise<PinnerFormerModel> {
  if (items.vectors.length !== c.items.count * c.items.dim || items.dim !== c.items.dim) {
    throw new Error(`checkpoint ${c.runId} was trained with ${c.items.count} × ${c.items.dim} item embeddings; got ${items.vectors.length / items.dim} × ${items.dim}`);
  }
  const model = buildPinnerFormerModel(c.config, items);
  const opt = tf.train.adam(c.config.learningRate);
  try {
    await restoreCheckpoint({ ...c.best, optimizer: [] }, model.variables, opt);
  } finally {
    opt.dispose();
  }
  return model;
}
