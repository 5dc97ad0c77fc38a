/**
 * The PinSage training loop on the compute core's StepRunner: Adam, max-margin loss, curriculum
 * hard negatives, periodic validation Recall@10 on held-out train pairs, a checkpoint after every
 * epoch (resume after a reload / crash), early stopping on validation, and a clear stop on NaN or
 * divergence that keeps the last good checkpoint. Batches come from a `BatchSource` asked one
 * step ahead, so a producer worker can build the next one while this step runs.
 */
import type { BatchSpec } from '../compute/batch';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../compute/checkpoint';
import type { GpuGuard } from '../compute/gpu-guard';
import { traceLoss } from '../compute/loss-trace';
import { StepRunner } from '../compute/step-runner';
import { evaluateP1 } from '../eval/p1';
import type { PinSageConfig } from '../models/pinsage/config';
import { inferAllItems } from '../models/pinsage/infer';
import { buildPinSageModel, type PinSageModel } from '../models/pinsage/model';
import { dotScores } from '../retrieval/top-k';
import { makeBatchPlan, type BatchPlan } from './batch-plan';
import { minibatchSpec, type Minibatch } from './minibatch';
import type { CheckpointStore, PinSageCheckpoint, PinSageRunState } from './checkpoint-store';
import type { PinSageData } from './pinsage-data';
import { learningRateAt, lrScheduleOf, ScheduledAdam } from './pinsage-lr';

export type BatchSource = (epoch: number, step: number) => Minibatch | Promise<Minibatch>;

export type TrainEvent =
  | { type: 'loss'; epoch: number; step: number; loss: number }
  | { type: 'validation'; epoch: number; step: number; recall10: number }
  | { type: 'throughput'; epoch: number; step: number; totalSteps: number; pairsPerSecond: number; etaSeconds: number }
  | { type: 'epoch'; epoch: number; recall10: number; best: boolean; seconds: number }
  | { type: 'checkpoint'; epoch: number }
  /** The checkpoint could not be stored (e.g. the storage quota is full): training goes on. */
  | { type: 'checkpoint-failed'; epoch: number; message: string }
  | { type: 'resumed'; epoch: number }
  | { type: 'early-stop'; epoch: number };

export class DivergenceError extends Error {
  override name = 'DivergenceError';
}

export interface TrainOptions {
  runId?: string;
  store?: CheckpointStore;
  onEvent?(e: TrainEvent): void;
  signal?: AbortSignal;
  /** Awaited before every step (pause: return a promise that resolves on resume). */
  gate?(): Promise<void> | void;
  /** Default: the local batch plan (same thread). */
  source?: BatchSource;
  metricsEvery?: number;
  /**
   * Races every await on GPU work (loss reads, validation, checkpoint copies) against the device
   * loss and a watchdog (compute/gpu-guard.ts), and is checked before every step; a loss ends the
   * run with a DeviceLostError (the caller resumes from the stored checkpoint on another backend).
   */
  guard?: GpuGuard;
}

export interface TrainResult {
  model: PinSageModel;
  /** Embeddings of every item with the best-validation weights. */
  embeddings: Float32Array;
  state: PinSageRunState;
  trainSeconds: number;
  /** Steady-state training pairs per second (batch building included; validation excluded). */
  pairsPerSecond: number;
  stoppedEarly: boolean;
}

async function validate(model: PinSageModel, d: PinSageData): Promise<{ recall10: number; emb: Float32Array }> {
  const emb = await inferAllItems(model, d.features, d.neighbourhoods);
  const r = await evaluateP1(d.valPairs, d.nItems, (qs) => dotScores(emb, model.cfg.output, qs));
  return { recall10: r.metrics['recall@10'], emb };
}

function isDiverged(loss: number, first: number | null): boolean {
  return !Number.isFinite(loss) || (first !== null && loss > 100 * Math.max(first, 1));
}

export async function trainPinSage(cfg: PinSageConfig, d: PinSageData, opts: TrainOptions = {}): Promise<TrainResult> {
  const runId = opts.runId ?? `pinsage-${cfg.variant}-${cfg.seed}`;
  const emit = opts.onEvent ?? (() => undefined);
  const plan: BatchPlan = makeBatchPlan(cfg, d);
  const source: BatchSource = opts.source ?? ((e, s) => plan.batch(e, s));
  const model = buildPinSageModel(cfg, d.features);
  const optimizer = new ScheduledAdam(cfg.learningRate);
  let state: PinSageRunState = { epoch: 0, bestEpoch: 0, bestRecall10: -1, globalStep: 0, losses: [], validations: [] };
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
  const spe = plan.stepsPerEpoch;
  const totalSteps = spe * cfg.epochs;
  // the rate of every step follows from its global index (a resumed run continues the schedule)
  const schedule = lrScheduleOf(cfg, totalSteps);
  // Row counts are bucketed, so a few batch shapes occur: one spec per shape; a StepRunner (a
  // light object) per step starting at the global step, so metric steps stay every `metricsEvery`.
  const specs = new Map<string, BatchSpec>();
  let globalStep = state.globalStep;
  const runStep = (mb: Minibatch): ReturnType<StepRunner['run']> => {
    optimizer.setRate(learningRateAt(schedule, globalStep));
    const key = mb.rows.join('x');
    let spec = specs.get(key);
    if (!spec) specs.set(key, (spec = minibatchSpec(plan.shape, mb.rows)));
    const res = new StepRunner(model, optimizer, spec, metricsEvery, globalStep).run(mb.data);
    globalStep = res.step;
    return res;
  };
  let firstLoss: number | null = state.losses[0]?.loss ?? null;
  let stalled = 0;
  if (resumed) stalled = state.epoch - state.bestEpoch;
  let trainMs = 0;
  let timedPairs = 0;
  let timedMs = 0;
  let bestEmb: Float32Array | null = null;
  let stoppedEarly = false;
  const fail = async (msg: string): Promise<never> => {
    if (lastGood) await restoreCheckpoint(lastGood, model.variables, optimizer);
    throw new DivergenceError(`${msg}; the last good checkpoint (epoch ${lastGood ? state.epoch : 0}) is kept. Try a lower learning rate.`);
  };
  const wait = <T>(p: Promise<T>, what: string): Promise<T> => (opts.guard ? opts.guard.wait(p, what) : p);
  const wall0 = performance.now();
  try {
    for (let epoch = state.epoch + 1; epoch <= cfg.epochs; epoch++) {
      const t0 = performance.now();
      let next: Promise<Minibatch> = Promise.resolve(source(epoch, 0));
      for (let step = 0; step < spe; step++) {
        opts.signal?.throwIfAborted();
        await opts.gate?.();
        const s0 = performance.now();
        traceLoss(`step ${step + 1} of epoch ${epoch}: batch`);
        const data = await next;
        if (step + 1 < spe) next = Promise.resolve(source(epoch, step + 1));
        // a device lost before this step started (device.lost already resolved) is noticed here
        opts.guard?.check();
        const res = runStep(data);
        if (res.loss) {
          const loss = await wait(res.loss, `the loss read of step ${res.step}`);
          if (isDiverged(loss, firstLoss)) await fail(`Training diverged at epoch ${epoch}, step ${step + 1} (loss ${loss})`);
          firstLoss ??= loss;
          state.losses.push({ step: res.step, loss });
          emit({ type: 'loss', epoch, step: res.step, loss });
        }
        const dt = performance.now() - s0;
        if (res.step > 2) {
          timedMs += dt;
          timedPairs += cfg.batchSize;
        }
        trainMs += dt;
        const pps = timedMs > 0 ? (timedPairs / timedMs) * 1000 : 0;
        const left = totalSteps - res.step;
        emit({ type: 'throughput', epoch, step: res.step, totalSteps, pairsPerSecond: pps, etaSeconds: pps > 0 ? (left * cfg.batchSize) / pps : NaN });
        if (res.step % cfg.validateEvery === 0 && step + 1 < spe) {
          const v = await wait(validate(model, d), `validation at step ${res.step}`);
          state.validations.push({ step: res.step, epoch, recall10: v.recall10 });
          emit({ type: 'validation', epoch, step: res.step, recall10: v.recall10 });
        }
      }
      state.globalStep = globalStep;
      traceLoss(`epoch ${epoch} end`);
      opts.guard?.check();
      const v = await wait(validate(model, d), `validation after epoch ${epoch}`);
      state.validations.push({ step: globalStep, epoch, recall10: v.recall10 });
      emit({ type: 'validation', epoch, step: globalStep, recall10: v.recall10 });
      const improved = v.recall10 > state.bestRecall10;
      state.epoch = epoch;
      traceLoss(`epoch ${epoch} validated`);
      lastGood = await wait(takeCheckpoint(globalStep, model.variables, optimizer), `the checkpoint copy of epoch ${epoch}`);
      if (improved) {
        state.bestRecall10 = v.recall10;
        state.bestEpoch = epoch;
        best = { step: globalStep, variables: lastGood.variables, optimizer: [] };
        bestEmb = v.emb;
        stalled = 0;
      } else stalled++;
      emit({ type: 'epoch', epoch, recall10: v.recall10, best: improved, seconds: (performance.now() - t0) / 1000 });
      if (opts.store && best) {
        const c: PinSageCheckpoint = { runId, config: cfg, state: structuredClone(state), last: lastGood, best, savedAt: new Date().toISOString() };
        try {
          traceLoss(`epoch ${epoch} save`);
          await opts.store.save(c);
          traceLoss(`epoch ${epoch} saved`);
          emit({ type: 'checkpoint', epoch });
        } catch (e) {
          // A full quota aborts the whole write (the previous checkpoint stays as it was).
          const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          emit({ type: 'checkpoint-failed', epoch, message });
        }
      }
      // patience ran out before the last epoch (at the last one the run ends anyway: not early)
      if (stalled >= cfg.patience && epoch < cfg.epochs) {
        stoppedEarly = true;
        emit({ type: 'early-stop', epoch });
        break;
      }
    }
    if (best) await restoreCheckpoint({ ...best, optimizer: [] }, model.variables, optimizer);
    const embeddings = bestEmb ?? (await wait(inferAllItems(model, d.features, d.neighbourhoods), 'the final embeddings'));
    return {
      model,
      embeddings,
      state,
      trainSeconds: (performance.now() - wall0) / 1000,
      pairsPerSecond: timedMs > 0 ? (timedPairs / timedMs) * 1000 : 0,
      stoppedEarly,
    };
  } catch (err) {
    traceLoss(`train ends: ${err instanceof Error ? err.name : 'error'}`);
    model.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}
