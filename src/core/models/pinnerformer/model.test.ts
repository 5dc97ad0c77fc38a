// PinnerFormer model pieces on the synthetic small world: action features (right-aligned window,
// constants for missing fields, leave-one-out), the causal mask, the temperature clamp and logQ.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { batchTensors } from '../../compute/batch';
import type { Dataset } from '../../data/types';
import { contentItemEmbeddings, smallWorld, useTestBackend } from '../../train/pinnerformer/test-world';
import { parsePinnerFormerConfig, type PinnerFormerConfigInput } from './config';
import { actionData, actionSpec, allocActionBuffers, denseDim, encodeTime, featureAvailability, featureWriter, groupShopperEvents, queryTimeSpec, timeDim, timePeriods, writeQueryTimes, type ActionBuffers } from './features';
import { sampledSoftmaxLogits, sampledSoftmaxLoss } from './loss';
import { buildPinnerFormerModel } from './model';

const TINY: PinnerFormerConfigInput = { historyLength: 12, hidden: 16, ffn: 32, heads: 2, layers: 2, actionDim: 4, deviceDim: 4, timePeriods: 4 };
let ds: Dataset;

beforeAll(async () => {
  await useTestBackend();
  ds = smallWorld();
});

/** A shopper with at least `n` events, and its grouped events. */
function busyShopper(n: number): { s: number; list: Uint32Array; first: number; end: number } {
  const g = groupShopperEvents(ds, ds.events.length);
  for (let s = 0; s < ds.shoppers.length; s++) if (g.offsets[s + 1] - g.offsets[s] >= n) return { s, list: g.events, first: g.offsets[s], end: g.offsets[s + 1] };
  throw new Error('no busy shopper');
}

describe('action features', () => {
  it('right-aligns the last M actions, with padding at the front and real fields', () => {
    const cfg = parsePinnerFormerConfig({ ...TINY, timeToLatest: 'window-end' });
    const F = denseDim(cfg);
    const { list, first } = busyShopper(20);
    const b = allocActionBuffers(2, 12, F);
    const w = featureWriter(ds, cfg);
    expect(w.write(b, 0, list, first, first + 5)).toBe(5); // only 5 events so far
    expect(Array.from(b.pad.subarray(0, 12))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(b.item[11]).toBe(ds.events.item[list[first + 4]]);
    expect(b.action[11]).toBe(ds.events.action[list[first + 4]]);
    // time to the latest action is 0 at the last position: log value 0, cos 1
    const o = 11 * F + 2 + 2 * cfg.timePeriods;
    expect(b.dense[o]).toBe(0);
    expect(b.dense[o + 1 + cfg.timePeriods]).toBeCloseTo(1, 6);
    expect(w.write(b, 1, list, first, first + 20)).toBe(12);
    expect(b.item[12]).toBe(ds.events.item[list[first + 8]]);
  });

  it('measures time to the latest action to each query: at the last position it equals the window-end feature', () => {
    const P = TINY.timePeriods as number;
    const endCfg = parsePinnerFormerConfig({ ...TINY, timeToLatest: 'window-end' });
    const qCfg = parsePinnerFormerConfig(TINY);
    expect(qCfg.timeToLatest).toBe('query');
    expect(denseDim(qCfg)).toBe(denseDim(endCfg) - timeDim(qCfg));
    const { list, first } = busyShopper(20);
    const M = 12;
    const T = timeDim(qCfg);
    const bEnd = allocActionBuffers(1, M, denseDim(endCfg));
    const bQ = allocActionBuffers(1, M, denseDim(qCfg));
    featureWriter(ds, endCfg).write(bEnd, 0, list, first, first + 9); // 9 actions: padding at 0..2
    featureWriter(ds, qCfg).write(bQ, 0, list, first, first + 9);
    const z = 7;
    const qt = writeQueryTimes(bQ, Int32Array.of(M - 1, z), timePeriods(P));
    expect(qt.length).toBe(2 * M * T);
    const Fe = denseDim(endCfg);
    for (let k = 0; k < M; k++) {
      // query at the last position: the window-end feature of every real action, zeros for padding
      const want = bEnd.dense.subarray(k * Fe + 1 + T, k * Fe + 1 + 2 * T);
      Array.from(qt.subarray(k * T, (k + 1) * T)).forEach((x, j) => expect(x, `last, key ${k}`).toBeCloseTo(want[j], 6));
      // query at z: the time from k to z for real k ≤ z, zeros after z
      const expected = new Float32Array(T);
      if (bQ.pad[k] === 1 && k <= z) encodeTime((bQ.time[z] - bQ.time[k]) / 1000, timePeriods(P), expected, 0);
      Array.from(qt.subarray((M + k) * T, (M + k + 1) * T)).forEach((x, j) => expect(x, `z, key ${k}`).toBeCloseTo(expected[j], 6));
    }
    expect(bQ.pad[2]).toBe(0);
    expect(qt.subarray(2 * T, 3 * T).every((x) => x === 0)).toBe(true);
  });

  it('encodes log time with sin / cos over fixed periods', () => {
    const p = timePeriods(3);
    const out = new Float32Array(7);
    encodeTime(3600, p, out, 0);
    const x = Math.log1p(3600);
    expect(out[0]).toBeCloseTo(x / 10, 6);
    expect(out[1]).toBeCloseTo(Math.sin((2 * Math.PI * x) / p[0]), 5);
    expect(out[6]).toBeCloseTo(Math.cos((2 * Math.PI * x) / p[2]), 5);
  });

  it('reports which fields a dataset carries and drops groups to constants', () => {
    const av = featureAvailability(ds);
    expect(av.find((a) => a.group === 'device')?.available).toBe(true);
    expect(av.find((a) => a.group === 'duration')?.available).toBe(true);
    const noDevice = featureAvailability({ ...ds, fields: { ...ds.fields, device: false, duration: false } });
    expect(noDevice.find((a) => a.group === 'device')?.available).toBe(false);
    expect(noDevice.find((a) => a.group === 'duration')?.note).toMatch(/constant/);
    const cfg = parsePinnerFormerConfig({ ...TINY, dropFeatures: ['device', 'time', 'duration'] });
    const F = denseDim(cfg);
    const { list, first } = busyShopper(20);
    const b = allocActionBuffers(1, 12, F);
    featureWriter(ds, cfg).write(b, 0, list, first, first + 12);
    expect(b.device.every((d) => d === 0)).toBe(true);
    expect(b.dense.every((d) => d === 0)).toBe(true);
    expect(b.action[11]).toBe(ds.events.action[list[first + 11]]); // action kept
  });
});

describe('model', () => {
  it('is causal: changing a later action leaves every earlier position unchanged', () => {
    const cfg = parsePinnerFormerConfig(TINY);
    const items = contentItemEmbeddings(ds, 16);
    const model = buildPinnerFormerModel(cfg, items);
    const M = cfg.historyLength;
    const F = denseDim(cfg);
    const { list, first } = busyShopper(20);
    const b = allocActionBuffers(1, M, F);
    featureWriter(ds, cfg).write(b, 0, list, first, first + M);
    const spec = { ...actionSpec(1, M, F), ...queryTimeSpec(M, M, cfg) };
    const allIdx = Int32Array.from({ length: M }, (_, k) => k);
    const all = tf.tensor1d(allIdx, 'int32');
    const run = (): Float32Array =>
      tf.tidy(() => model.encode(batchTensors(spec, { ...actionData(b), qtime: writeQueryTimes(b, allIdx, timePeriods(cfg.timePeriods)) }), all).dataSync() as Float32Array).slice();
    const before = run();
    const changeAt = 7;
    b.item[changeAt] = (b.item[changeAt] + 17) % model.nItems;
    b.action[changeAt] = (b.action[changeAt] + 1) % 7;
    b.dense[changeAt * F] += 1;
    const after = run();
    const D = model.outDim;
    for (let k = 0; k < M; k++) {
      const same = before.subarray(k * D, (k + 1) * D).every((v, j) => v === after[k * D + j]);
      expect(same, `position ${k}`).toBe(k < changeAt);
    }
    // outputs are unit vectors
    const n = Math.hypot(...before.subarray(0, D));
    expect(n).toBeCloseTo(1, 4);
    all.dispose();
    model.dispose();
  });

  it("with query-relative time a query never sees how far the window's end lies after it (window-end time does)", () => {
    const { list, first } = busyShopper(20);
    const M = TINY.historyLength as number;
    const z = 6; // query position; the window's last action is M − 1
    // the same window, with the last action 3 days later
    const ts = Float64Array.from(ds.events.timestamp);
    ts[list[first + M - 1]] += 3 * 86_400_000;
    const later: Dataset = { ...ds, events: { ...ds.events, timestamp: ts } };
    const outputAt = (input: PinnerFormerConfigInput, world: Dataset, perturb?: (b: ActionBuffers) => void): Float32Array => {
      const cfg = parsePinnerFormerConfig(input);
      const model = buildPinnerFormerModel(cfg, contentItemEmbeddings(ds, 16));
      const wt = model.variables.find((x) => x.name.endsWith('/Wt'));
      if (wt) wt.assign(tf.randomNormal(wt.shape, 0, 2, 'float32', 7)); // a trained-looking time bias
      const b = allocActionBuffers(1, M, denseDim(cfg));
      featureWriter(world, cfg).write(b, 0, list, first, first + M);
      perturb?.(b);
      const q = Int32Array.of(z);
      const spec = { ...actionSpec(1, M, denseDim(cfg)), ...(wt ? queryTimeSpec(1, M, cfg) : {}) };
      const data = wt ? { ...actionData(b), qtime: writeQueryTimes(b, q, timePeriods(cfg.timePeriods)) } : actionData(b);
      const out = tf.tidy(() => model.encode(batchTensors(spec, data), tf.tensor1d(q, 'int32')).dataSync() as Float32Array).slice();
      model.dispose();
      return out;
    };
    const same = (a: Float32Array, b: Float32Array): boolean => a.every((x, j) => x === b[j]);
    const query = { ...TINY, timeToLatest: 'query' as const };
    const windowEnd = { ...TINY, timeToLatest: 'window-end' as const };
    expect(same(outputAt(query, ds), outputAt(query, later))).toBe(true);
    expect(same(outputAt(windowEnd, ds), outputAt(windowEnd, later))).toBe(false);
    // the time bias is real: moving an action before the query changes the query's output
    expect(same(outputAt(query, ds), outputAt(query, ds, (b) => (b.time[2] -= 5 * 86_400_000)))).toBe(false);
  });

  it('clamps the learned temperature from below', () => {
    const cfg = parsePinnerFormerConfig({ ...TINY, minTemperature: 0.01 });
    const model = buildPinnerFormerModel(cfg, contentItemEmbeddings(ds, 16));
    expect(tf.tidy(() => model.temperature().dataSync()[0])).toBeCloseTo(0.1, 5);
    model.logTemperature.assign(tf.scalar(Math.log(0.0001)));
    expect(tf.tidy(() => model.temperature().dataSync()[0])).toBeCloseTo(0.01, 6);
    expect(model.variables).toContain(model.logTemperature);
    const fixed = buildPinnerFormerModel(parsePinnerFormerConfig({ ...TINY, learnTemperature: false }), contentItemEmbeddings(ds, 16));
    expect(fixed.variables).not.toContain(fixed.logTemperature);
    model.dispose();
    fixed.dispose();
  });
});

describe('sampled softmax', () => {
  it('subtracts logQ from every logit and masks blocked candidates', () => {
    const u = tf.tensor2d([[1, 0], [0, 1]]);
    const c = tf.tensor2d([[1, 0], [0, 1], [0.6, 0.8]]);
    const tau = tf.scalar(0.5);
    const logq = tf.tensor1d([Math.log(2), Math.log(0.5), 0]);
    const mask = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
    const l = sampledSoftmaxLogits(u, c, tau, logq, mask).arraySync();
    expect(l[0][0]).toBeCloseTo(2 - Math.log(2), 5);
    expect(l[0][1]).toBeCloseTo(0 - Math.log(0.5), 5);
    expect(l[0][2]).toBeCloseTo(1.2, 5);
    expect(l[1][2]).toBeLessThan(-1e8);
    const loss = sampledSoftmaxLoss(u, c, tau, logq, mask, tf.tensor1d([1, 1])).dataSync()[0];
    const lse = (xs: number[]): number => Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));
    const r0 = lse([2 - Math.log(2), Math.log(2), 1.2]) - (2 - Math.log(2));
    const r1 = lse([-Math.log(2), 2 + Math.log(2)]) - (2 + Math.log(2));
    expect(loss).toBeCloseTo((r0 + r1) / 2, 4);
    // a popular positive (large logQ) gets a lower logit, so a higher loss: the correction works against popularity
    const noQ = sampledSoftmaxLoss(u, c, tau, tf.zeros([3]), mask, tf.tensor1d([1, 0])).dataSync()[0];
    const popular = sampledSoftmaxLoss(u, c, tau, tf.tensor1d([Math.log(5), 0, 0]), mask, tf.tensor1d([1, 0])).dataSync()[0];
    expect(popular).toBeGreaterThan(noQ);
  });
});
