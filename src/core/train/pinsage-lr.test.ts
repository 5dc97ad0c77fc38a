// The PinSage learning-rate schedule: warm-up, then constant / cosine / linear decay to 0 at the
// run's end; and the Adam it drives really changes its update size with the rate.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { parsePinSageConfig } from '../models/pinsage/config';
import { learningRateAt, lrScheduleOf, ScheduledAdam, type LrScheduleParams } from './pinsage-lr';

const base: LrScheduleParams = { peak: 0.002, schedule: 'cosine', warmupSteps: 100, totalSteps: 1100 };

describe('learningRateAt', () => {
  it('warms up linearly from peak / warmupSteps to the peak', () => {
    expect(learningRateAt(base, 0)).toBeCloseTo(0.002 / 100, 12);
    expect(learningRateAt(base, 49)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(base, 99)).toBeCloseTo(0.002, 12);
  });

  it('cosine: the peak after the warm-up, half of it midway, ~0 at the last step and 0 at the end', () => {
    expect(learningRateAt(base, 100)).toBeCloseTo(0.002, 12);
    expect(learningRateAt(base, 600)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(base, 850)).toBeCloseTo(0.002 * 0.5 * (1 + Math.cos(Math.PI * 0.75)), 12);
    const last = learningRateAt(base, 1099);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(0.002 * 1e-4);
    expect(learningRateAt(base, 1100)).toBeCloseTo(0, 15);
    // decreasing after the warm-up
    for (let s = 101; s < 1100; s += 37) expect(learningRateAt(base, s)).toBeLessThan(learningRateAt(base, s - 1));
  });

  it('linear: the peak, half of it midway, 0 at the end; constant stays at the peak', () => {
    const lin: LrScheduleParams = { ...base, schedule: 'linear' };
    expect(learningRateAt(lin, 100)).toBeCloseTo(0.002, 12);
    expect(learningRateAt(lin, 600)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(lin, 1100)).toBeCloseTo(0, 15);
    const con: LrScheduleParams = { ...base, schedule: 'constant' };
    expect(learningRateAt(con, 5)).toBeCloseTo(0.002 * 6 / 100, 12);
    expect(learningRateAt(con, 100)).toBe(0.002);
    expect(learningRateAt(con, 1099)).toBe(0.002);
  });

  it('no warm-up starts at the peak; a warm-up longer than a tenth of the run is cut to a tenth', () => {
    expect(learningRateAt({ ...base, warmupSteps: 0 }, 0)).toBe(0.002);
    const short: LrScheduleParams = { ...base, warmupSteps: 100, totalSteps: 180 };
    expect(learningRateAt(short, 0)).toBeCloseTo(0.002 / 18, 12);
    expect(learningRateAt(short, 17)).toBeCloseTo(0.002, 12);
    expect(learningRateAt(short, 99)).toBeCloseTo(0.002 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), 12);
  });

  it('takes peak, schedule and warm-up from the config (defaults: cosine, 100 warm-up steps)', () => {
    const p = lrScheduleOf(parsePinSageConfig({ learningRate: 0.003 }), 500);
    expect(p).toEqual({ peak: 0.003, schedule: 'cosine', warmupSteps: 100, totalSteps: 500 });
  });
});

describe('ScheduledAdam', () => {
  it("moves a variable by ~rate per step (Adam's first step), following setRate", async () => {
    await tf.setBackend('cpu');
    registerMissingKernels();
    const v = tf.variable(tf.scalar(1));
    const opt = new ScheduledAdam(0.1);
    const step = (): number => {
      const before = v.dataSync()[0];
      opt.minimize(() => tf.mul(v, 2) as tf.Scalar, false, [v]);
      return before - v.dataSync()[0];
    };
    expect(step()).toBeCloseTo(0.1, 4);
    opt.setRate(0.01);
    expect(opt.rate).toBe(0.01);
    expect(step()).toBeCloseTo(0.01, 4);
    opt.dispose();
    v.dispose();
  });
});
