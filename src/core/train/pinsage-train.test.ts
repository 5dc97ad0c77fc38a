// CI-sized PinSage training on a small synthetic world (CPU backend): the loss decreases and
// Recall@10 rises well above random; checkpoint → reload → identical embeddings; NaN stops the run.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { evaluateP1 } from '../eval/p1';
import { parsePinSageConfig, type PinSageConfigInput } from '../models/pinsage/config';
import { dotScores } from '../retrieval/top-k';
import { makeBatchPlan } from './batch-plan';
import { minibatchSpec } from './minibatch';
import { batchTensors } from '../compute/batch';
import { buildPinSageModel } from '../models/pinsage/model';
import { MemoryCheckpointStore } from './checkpoint-store';
import { preparePinSageData, type PinSageData } from './pinsage-data';
import { DivergenceError, trainPinSage } from './pinsage-train';

const SMALL: PinSageConfigInput = {
  hidden: 32,
  output: 32,
  batchSize: 64,
  sharedNegatives: 40,
  tokenBuckets: 512,
  maxTokens: 8,
  tokenDim: 16,
  categoryDim: 8,
  brandDim: 4,
  walks: 30,
  walkLength: 10,
  validationPairs: 300,
  learningRate: 0.01,
  epochs: 2,
  maxStepsPerEpoch: 12,
  validateEvery: 1000,
  patience: 3,
};

let ds: Dataset;
let data: PinSageData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
  ds = generateSyntheticSync(syntheticPreset('small', { events: 12_000, items: 300, shoppers: 250 })).dataset;
  data = preparePinSageData(ds, parsePinSageConfig(SMALL));
});

describe('PinSage training (synthetic, CPU)', () => {
  it('the loss decreases and Recall@10 on held-out pairs is well above random', async () => {
    const cpu0 = process.cpuUsage();
    const cfg = parsePinSageConfig({ ...SMALL, variant: 'no-hard-negatives' });
    // the loss of one fixed minibatch (no hard negatives: the curriculum adds them from epoch 2,
    // which raises the loss by design), with the initial weights and with the trained ones
    const plan = makeBatchPlan(cfg, data);
    const fixed = plan.batch(1, 0);
    const spec = minibatchSpec(plan.shape, fixed.rows);
    const lossOf = (m: ReturnType<typeof buildPinSageModel>): number => tf.tidy(() => m.loss(batchTensors(spec, fixed.data)).dataSync()[0]);
    const init = buildPinSageModel(cfg, data.features);
    const head = lossOf(init);
    init.dispose();
    const losses: number[] = [];
    const r = await trainPinSage(cfg, data, { metricsEvery: 1, onEvent: (e) => e.type === 'loss' && losses.push(e.loss) });
    expect(losses.length).toBe(24);
    const tail = lossOf(r.model);
    const test = await evaluateP1(data.split.testPairs, data.nItems, (qs) => dotScores(r.embeddings, cfg.output, qs));
    const random = 10 / (data.nItems - 1);
    const cpu = process.cpuUsage(cpu0);
    console.log(`synthetic CI run: fixed-batch loss ${head.toFixed(4)} → ${tail.toFixed(4)}, val R@10 ${r.state.bestRecall10.toFixed(3)}, test R@10 ${test.metrics['recall@10'].toFixed(3)} (random ${random.toFixed(3)}), ${test.counts.test_pairs} pairs, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s`);
    expect(tail).toBeLessThan(head * 0.95);
    expect(r.state.bestRecall10).toBeGreaterThan(3 * random);
    expect(test.metrics['recall@10']).toBeGreaterThan(3 * random);
    r.model.dispose();
  }, 180_000);

  it('checkpoint after each epoch → a new run resumes from it with identical embeddings', async () => {
    const cfg = parsePinSageConfig({ ...SMALL, epochs: 2, maxStepsPerEpoch: 4 });
    const store = new MemoryCheckpointStore();
    const events: string[] = [];
    const a = await trainPinSage(cfg, data, { runId: 'r1', store, onEvent: (e) => events.push(e.type) });
    expect(events.filter((t) => t === 'checkpoint')).toHaveLength(2);
    const saved = await store.load('r1');
    expect(saved?.state.epoch).toBe(2);
    const b = await trainPinSage(cfg, data, { runId: 'r1', store, onEvent: (e) => events.push(e.type) });
    expect(events).toContain('resumed');
    expect(b.state.globalStep).toBe(a.state.globalStep);
    expect(Array.from(b.embeddings)).toEqual(Array.from(a.embeddings));
    a.model.dispose();
    b.model.dispose();
  }, 60_000);

  it('a run cut after epoch 1 and resumed equals an uninterrupted run', async () => {
    const cfg1 = parsePinSageConfig({ ...SMALL, variant: 'no-hard-negatives', epochs: 2, maxStepsPerEpoch: 3, patience: 5 });
    const whole = await trainPinSage(cfg1, data, { runId: 'whole' });
    const store = new MemoryCheckpointStore();
    const ac = new AbortController();
    await expect(
      trainPinSage(cfg1, data, { runId: 'cut', store, signal: ac.signal, onEvent: (e) => e.type === 'checkpoint' && ac.abort() }),
    ).rejects.toThrow();
    expect((await store.load('cut'))?.state.epoch).toBe(1);
    const resumed = await trainPinSage(cfg1, data, { runId: 'cut', store });
    expect(Array.from(resumed.embeddings)).toEqual(Array.from(whole.embeddings));
    whole.model.dispose();
    resumed.model.dispose();
  }, 60_000);

  it('NaN in the loss stops the run with a clear message and keeps the last good checkpoint', async () => {
    const cfg = parsePinSageConfig({ ...SMALL, epochs: 2, maxStepsPerEpoch: 3 });
    const plan = makeBatchPlan(cfg, data);
    const store = new MemoryCheckpointStore();
    const source = (epoch: number, step: number) => {
      const mb = plan.batch(epoch, step);
      if (epoch === 2) (mb.data.dense as Float32Array).fill(NaN);
      return mb;
    };
    await expect(trainPinSage(cfg, data, { runId: 'nan', store, source, metricsEvery: 1 })).rejects.toThrow(DivergenceError);
    await expect(trainPinSage(cfg, data, { runId: 'nan2', store, source, metricsEvery: 1 })).rejects.toThrow(/diverged at epoch 2, step 1 .*last good checkpoint \(epoch 1\)/);
    expect((await store.load('nan'))?.state.epoch).toBe(1);
  }, 60_000);
});
