import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from './kernels/register';
import { runTrainingJob, type JobEvent, type LossSource } from './training-job';
import type { BackendInfo, DeviceLossInfo } from './types';
import { buildToyGcn, toyGcnBatch, toyGcnSpec, type ToyGcnConfig } from './workloads/toy-gcn';
import { buildToyTransformer, toyTransformerBatch, toyTransformerSpec, type ToyTransformerConfig } from './workloads/toy-transformer';
import { StepRunner } from './step-runner';
import { judgeFlatness, sampleMemory } from './memory';

const GCN: ToyGcnConfig = { nodes: 200, dim: 16, edges: 800, batch: 32 };
const TF: ToyTransformerConfig = { items: 100, dim: 16, seqLen: 8, batch: 8, ffn: 32 };

beforeAll(async () => {
  registerMissingKernels();
  await tf.setBackend('cpu');
});

/** A loss source the test fires by hand (the browser test destroys a real WebGPU device). */
function manualLossSource(): LossSource & { fire(info: DeviceLossInfo): void } {
  let lost: DeviceLossInfo | null = null;
  const listeners = new Set<(i: DeviceLossInfo) => void>();
  return {
    current: () => lost,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fire(info) {
      lost = info;
      listeners.forEach((l) => l(info));
    },
  };
}

const fakeInfo = (): BackendInfo => ({
  backend: 'cpu', reason: 'device-lost', forced: null, adapter: null, wasm: null, failures: [],
  tfjsVersion: tf.version_core, hardwareConcurrency: 1, at: new Date().toISOString(),
});

async function weights(vars: tf.Variable[]): Promise<number[][]> {
  return Promise.all(vars.map(async (v) => Array.from(await v.data())));
}

describe('runTrainingJob', () => {
  it('after a device loss, reports it, switches backend, resumes from the last checkpoint and ends where an uninterrupted run ends', async () => {
    const common = {
      build: () => ({ model: buildToyGcn(GCN), optimizer: tf.train.adam(0.01) }),
      spec: toyGcnSpec(GCN),
      batch: (s: number) => toyGcnBatch(s, GCN),
      steps: 60,
      metricsEvery: 5,
      checkpointEvery: 20,
    };
    const clean = await runTrainingJob({ ...common, lossSource: manualLossSource() });
    const expected = await weights(clean.setup.model.variables);
    clean.setup.model.dispose();
    clean.setup.optimizer.dispose();

    const source = manualLossSource();
    const events: JobEvent[] = [];
    let switched = 0;
    const tensorsBefore = tf.memory().numTensors;
    const job = await runTrainingJob({
      ...common,
      lossSource: source,
      switchTo: async () => {
        switched++;
        return fakeInfo();
      },
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'metrics' && e.step === 35 && switched === 0) source.fire({ kind: 'lost', reason: 'destroyed', message: 'simulated' });
      },
    });
    expect(switched).toBe(1);
    expect(job.steps).toBe(60);
    expect(job.deviceLosses).toHaveLength(1);
    const lostEvent = events.find((e) => e.type === 'device-lost');
    expect(lostEvent).toMatchObject({ type: 'device-lost', step: 35, resumeFrom: 20 });
    expect(events.find((e) => e.type === 'backend-switched')).toMatchObject({ step: 20 });
    // Resumed from the checkpoint with optimizer state: same data, same backend → the same weights.
    const got = await weights(job.setup.model.variables);
    got.forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 5)));
    job.setup.model.dispose();
    job.setup.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('runTrainingJob, a read that fails after a signalled loss', () => {
  const common = {
    build: () => ({ model: buildToyGcn(GCN), optimizer: tf.train.adam(0.01) }),
    spec: toyGcnSpec(GCN),
    steps: 30,
    metricsEvery: 5,
    checkpointEvery: 10,
  };
  /** Step 15's work fails with an AbortError (as a read on a destroyed device does); `signalled` says whether destroy() was signalled first. */
  const failingAt15 = (signalled: boolean) => {
    const source = manualLossSource();
    let failed = false;
    let switched = 0;
    const withSignal: LossSource = { ...source, signalledAt: () => (signalled && failed ? 0 : null) };
    const run = runTrainingJob({
      ...common,
      lossSource: withSignal,
      batch: (s: number) => {
        if (s === 15 && !failed) {
          failed = true;
          throw new DOMException('Device is lost', 'AbortError');
        }
        return toyGcnBatch(s, GCN);
      },
      switchTo: async () => {
        switched++;
        return fakeInfo();
      },
    });
    return { run, switched: () => switched };
  };

  it('counts as the loss (device.lost never comes): switched, resumed from the checkpoint, finished', async () => {
    const { run, switched } = failingAt15(true);
    const job = await run;
    expect(switched()).toBe(1);
    expect(job.steps).toBe(30);
    expect(job.deviceLosses).toHaveLength(1);
    expect(job.deviceLosses[0].message).toContain('Device is lost');
    job.setup.model.dispose();
    job.setup.optimizer.dispose();
  }, 20_000);

  it('without a signal it is a real error and ends the job', async () => {
    const { run, switched } = failingAt15(false);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(switched()).toBe(0);
    tf.disposeVariables(); // a failed job leaves its model to the caller's cleanup
  });
});

describe('memory discipline (cpu)', () => {
  it.each([
    ['gcn', () => buildToyGcn(GCN), toyGcnSpec(GCN), (s: number) => toyGcnBatch(s, GCN)],
    ['transformer', () => buildToyTransformer(TF), toyTransformerSpec(TF), (s: number) => toyTransformerBatch(s, TF)],
  ] as const)('%s: 200 steps hold a flat tensor count and byte count', async (_name, build, spec, batch) => {
    const model = build();
    const optimizer = tf.train.adam(0.01);
    const runner = new StepRunner(model, optimizer, spec, 10);
    const samples = [];
    const losses: number[] = [];
    for (let s = 0; s < 220; s++) {
      const { step, loss } = runner.run(batch(s));
      if (loss) losses.push(await loss);
      if (step >= 20 && step % 20 === 0) samples.push(sampleMemory(step));
    }
    const verdict = judgeFlatness(samples);
    expect(verdict.problems).toEqual([]);
    expect(samples.length).toBe(11);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(() => runner.run({ ...batch(0), [Object.keys(spec)[0]]: new Int32Array(3) })).toThrow(/fixed shape/);
    model.dispose();
    optimizer.dispose();
  });
});
