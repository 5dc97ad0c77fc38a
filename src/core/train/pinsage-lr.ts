/**
 * PinSage's learning-rate schedule: a linear warm-up over `warmupSteps`, then constant, a cosine
 * or a linear decay to 0 at the run's last step (`epochs` × steps per epoch), so the run ends where
 * its schedule ends. The rate of a step depends on its global index only, so a resumed run uses
 * the same rates as an uninterrupted one.
 */
import { AdamOptimizer } from '@tensorflow/tfjs-core';
import type { PinSageConfig } from '../models/pinsage/config';

export type LrSchedule = PinSageConfig['lrSchedule'];

export interface LrScheduleParams {
  peak: number;
  schedule: LrSchedule;
  warmupSteps: number;
  totalSteps: number;
}

export function lrScheduleOf(cfg: PinSageConfig, totalSteps: number): LrScheduleParams {
  return { peak: cfg.learningRate, schedule: cfg.lrSchedule, warmupSteps: cfg.warmupSteps, totalSteps };
}

/**
 * The rate of the step with 0-based global index `step` (0 … totalSteps − 1): warm-up
 * peak·(step + 1)/w for the first w steps, then the peak (constant) or its decay over the
 * remaining steps, reaching 0 at step = totalSteps. w = `warmupSteps`, at most a tenth of the run
 * (short budgeted runs, e.g. 3 × 60 steps, warm up for 18 steps, not 100).
 */
export function learningRateAt(p: LrScheduleParams, step: number): number {
  const total = Math.max(1, p.totalSteps);
  const w = Math.min(Math.max(0, p.warmupSteps), Math.floor(total / 10));
  if (step < w) return (p.peak * (step + 1)) / w;
  if (p.schedule === 'constant') return p.peak;
  const t = Math.min(1, Math.max(0, (step - w) / Math.max(1, total - w)));
  return p.schedule === 'cosine' ? p.peak * 0.5 * (1 + Math.cos(Math.PI * t)) : p.peak * (1 - t);
}

/** Adam whose rate can change between steps (tfjs's Adam reads `learningRate` in every update). */
export class ScheduledAdam extends AdamOptimizer {
  constructor(learningRate: number) {
    super(learningRate, 0.9, 0.999);
  }

  get rate(): number {
    return this.learningRate;
  }

  setRate(lr: number): void {
    this.learningRate = lr;
  }
}
