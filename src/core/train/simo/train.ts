/**
 * SIMO / SISO training on P3 train pairs (compute core StepRunner: one tidy per step, fixed
 * batch shapes): Adam, in-batch contrastive loss, validation Recall@10 on the P3 valid pairs after
 * every epoch (the mean over the relations), the best epoch's weights and embeddings kept, early
 * stop after `patience` epochs without improvement, progress events, AbortSignal, a clear stop on
 * a NaN / diverging loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../../compute/checkpoint';
import { StepRunner } from '../../compute/step-runner';
import { evaluateP3Relation } from '../../eval/p3';
import type { P3Relation } from '../../eval/splits/p3-pairs';
import type { SimoConfig } from '../../models/simo/config';
import { embedCatalogue } from '../../models/simo/embed';
import { buildSimoEncoder, type PinSageMatrix, type SimoEncoder } from '../../models/simo/encoder';
import type { ItemRoleEmbeddings } from '../../models/simo/roles';
import { makeSimoBatchPlan } from './batches';
import type { SimoData } from './data';
import { simoTrainable } from './loss';

export type SimoTrainEvent =
  | { type: 'loss'; epoch: number; step: number; loss: number }
  | { type: 'throughput'; epoch: number; step: number; totalSteps: number; pairsPerSecond: number; etaSeconds: number }
  | { type: 'validation'; epoch: number; recall10: number; perRelation: Partial<Record<P3Relation, number>>; seconds: number }
  | { type: 'epoch'; epoch: number; recall10: number; best: boolean; seconds: number }
  | { type: 'early-stop'; epoch: number };

export class SimoDivergenceError extends Error {
  override name = 'SimoDivergenceError';
}

export interface SimoTrainOptions {
  pinsage?: PinSageMatrix | null;
  onEvent?(e: SimoTrainEvent): void;
  signal?: AbortSignal;
  metricsEvery?: number;
}

export interface SimoTrainState {
  epoch: number;
  bestEpoch: number;
  bestRecall10: number;
  steps: number;
  losses: { step: number; loss: number }[];
  validations: { epoch: number; recall10: number; perRelation: Partial<Record<P3Relation, number>> }[];
}

export interface SimoTrainResult {
  encoder: SimoEncoder;
  /** All items in three roles with the best-validation weights. */
  embeddings: ItemRoleEmbeddings;
  state: SimoTrainState;
  trainSeconds: number;
  pairsPerSecond: number;
  stoppedEarly: boolean;
}

/** Mean validation Recall@10 over the relations (and per relation). */
export async function validateSimo(d: SimoData, emb: ItemRoleEmbeddings, seed: number, signal?: AbortSignal): Promise<{ recall10: number; perRelation: Partial<Record<P3Relation, number>> }> {
  const perRelation: Partial<Record<P3Relation, number>> = {};
  let sum = 0;
  for (const v of d.validation) {
    const r = await evaluateP3Relation({ relation: v.relation, train: d.split.relations[v.relation].train, pairs: v.pairs, complexity: v.complexity, emb, seed, signal });
    perRelation[v.relation] = r['recall@10'];
    sum += r['recall@10'];
  }
  return { recall10: d.validation.length ? sum / d.validation.length : 0, perRelation };
}

export async function trainSimo(cfg: SimoConfig, d: SimoData, opts: SimoTrainOptions = {}): Promise<SimoTrainResult> {
  const emit = opts.onEvent ?? (() => undefined);
  const metricsEvery = opts.metricsEvery ?? 10;
  const enc = buildSimoEncoder(cfg, d.tokens, opts.pinsage);
  const model = simoTrainable(enc);
  const optimizer = tf.train.adam(cfg.learningRate);
  const plan = makeSimoBatchPlan(d, cfg.batchSize, cfg.seed, cfg.maxStepsPerEpoch, cfg.randomNegatives);
  const runner = new StepRunner(model, optimizer, plan.spec, metricsEvery);
  const state: SimoTrainState = { epoch: 0, bestEpoch: 0, bestRecall10: -1, steps: 0, losses: [], validations: [] };
  const totalSteps = plan.stepsPerEpoch * cfg.epochs;
  let best: Checkpoint | null = null;
  let bestEmb: ItemRoleEmbeddings | null = null;
  let firstLoss: number | null = null;
  let stalled = 0;
  let stoppedEarly = false;
  let timedMs = 0;
  let timedPairs = 0;
  const wall0 = performance.now();
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const e0 = performance.now();
      for (let step = 0; step < plan.stepsPerEpoch; step++) {
        opts.signal?.throwIfAborted();
        const s0 = performance.now();
        const res = runner.run(plan.batch(epoch, step));
        if (res.loss) {
          const loss = await res.loss;
          if (!Number.isFinite(loss) || (firstLoss !== null && loss > 100 * Math.max(firstLoss, 1))) {
            if (best) await restoreCheckpoint(best, enc.variables, optimizer);
            throw new SimoDivergenceError(`SIMO training diverged at epoch ${epoch}, step ${step + 1} (loss ${loss}); the best weights so far are kept. Try a lower learning rate.`);
          }
          firstLoss ??= loss;
          state.losses.push({ step: res.step, loss });
          emit({ type: 'loss', epoch, step: res.step, loss });
        }
        const dt = performance.now() - s0;
        if (res.step > 2) {
          timedMs += dt;
          timedPairs += cfg.batchSize;
        }
        const pps = timedMs > 0 ? (timedPairs / timedMs) * 1000 : 0;
        emit({ type: 'throughput', epoch, step: res.step, totalSteps, pairsPerSecond: pps, etaSeconds: pps > 0 ? ((totalSteps - res.step) * cfg.batchSize) / pps : NaN });
      }
      state.steps = runner.step;
      const v0 = performance.now();
      const { embeddings } = await embedCatalogue(enc, { signal: opts.signal });
      const v = await validateSimo(d, embeddings, cfg.seed, opts.signal);
      state.validations.push({ epoch, ...v });
      emit({ type: 'validation', epoch, recall10: v.recall10, perRelation: v.perRelation, seconds: (performance.now() - v0) / 1000 });
      state.epoch = epoch;
      const improved = v.recall10 > state.bestRecall10;
      if (improved) {
        state.bestRecall10 = v.recall10;
        state.bestEpoch = epoch;
        best = await takeCheckpoint(runner.step, enc.variables, optimizer);
        bestEmb = embeddings;
        stalled = 0;
      } else stalled++;
      emit({ type: 'epoch', epoch, recall10: v.recall10, best: improved, seconds: (performance.now() - e0) / 1000 });
      if (stalled >= cfg.patience) {
        stoppedEarly = true;
        emit({ type: 'early-stop', epoch });
        break;
      }
    }
    if (best) await restoreCheckpoint({ ...best, optimizer: [] }, enc.variables, optimizer);
    const embeddings = bestEmb ?? (await embedCatalogue(enc)).embeddings;
    return { encoder: enc, embeddings, state, trainSeconds: (performance.now() - wall0) / 1000, pairsPerSecond: timedMs > 0 ? (timedPairs / timedMs) * 1000 : 0, stoppedEarly };
  } catch (err) {
    enc.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}
