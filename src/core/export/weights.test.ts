import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePinSageConfig } from '../models/pinsage/config';
import { buildItemFeatures } from '../models/pinsage/features';
import { buildPinSageModel } from '../models/pinsage/model';
import { pinsageWeightsFromModel, restorePinSageWeights } from './pinsage-weights';
import { smallWorld } from './test-fixture';
import { readWeights, writeWeights } from './weights';

const bits = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model weights (weights.json + weights.bin)', () => {
  it('round-trips bit-exactly, NaN payloads and -0 included', () => {
    const odd = new Float32Array(4);
    new Uint32Array(odd.buffer).set([0x7fc00001, 0x80000000, 0x00000001, 0x7f7fffff]);
    const w = { model: 'pinsage', config: { hidden: 8, note: 'x' }, tensors: [{ name: 'a', shape: [2, 2], values: odd }, { name: 'b', shape: [3], values: Float32Array.of(1, -2, 3.5) }] };
    const { json, bin, manifest } = writeWeights(w);
    expect(manifest.tensors).toEqual([{ name: 'a', shape: [2, 2], offset: 0, byteLength: 16 }, { name: 'b', shape: [3], offset: 16, byteLength: 12 }]);
    expect(bin.length).toBe(28);
    const back = readWeights(json, bin);
    expect(back.config).toEqual(w.config);
    expect(bits(back.tensors[0].values).equals(bits(odd))).toBe(true);
    expect(Array.from(back.tensors[1].values)).toEqual([1, -2, 3.5]);
  });

  it('rejects a truncated bin, a foreign json and mismatched shapes with clear errors', () => {
    const { json, bin } = writeWeights({ model: 'm', config: {}, tensors: [{ name: 'a', shape: [4], values: new Float32Array(4) }] });
    expect(() => readWeights(json, bin.subarray(0, 12))).toThrow(/12 bytes, weights.json says 16/);
    expect(() => readWeights('{"format":"other"}', bin)).toThrow(/expected "kloa-weights"/);
    expect(() => readWeights('not json', bin)).toThrow(/not valid JSON/);
    expect(() => writeWeights({ model: 'm', config: {}, tensors: [{ name: 'a', shape: [3], values: new Float32Array(4) }] })).toThrow(/shape \[3\] but 4 values/);
  });

  it('a PinSage model exported and loaded into a freshly built one has identical variables', async () => {
    const ds = smallWorld();
    const base = { hidden: 16, output: 16, layers: 2 };
    const cfg = parsePinSageConfig({ ...base, seed: 1 });
    const f = buildItemFeatures(ds, cfg, { degree: new Float32Array(ds.items.length) });
    const a = buildPinSageModel(cfg, f);
    const { json, bin } = writeWeights(await pinsageWeightsFromModel(a));
    const loaded = readWeights(json, bin);
    const cfgBack = parsePinSageConfig(loaded.config as object);
    expect(cfgBack).toEqual(cfg);
    const b = buildPinSageModel(parsePinSageConfig({ ...base, seed: 2 }), f);
    // different init before loading
    expect(bits(Float32Array.from(await b.variables[3].data())).equals(bits(Float32Array.from(await a.variables[3].data())))).toBe(false);
    restorePinSageWeights(b, loaded);
    for (let i = 0; i < a.variables.length; i++) {
      expect(b.variables[i].shape).toEqual(a.variables[i].shape);
      expect(bits(Float32Array.from(await b.variables[i].data())).equals(bits(Float32Array.from(await a.variables[i].data())))).toBe(true);
    }
    const other = buildPinSageModel(parsePinSageConfig({ ...base, hidden: 8, seed: 3 }), f);
    expect(() => restorePinSageWeights(other, loaded)).toThrow(/shape/);
    a.dispose();
    b.dispose();
    other.dispose();
  });
});
