// Per-kernel time of default PinSage training steps on Online Retail, WASM in Node (not CI):
// PINSAGE_PROFILE=1 [PINSAGE_PROFILE_CFG='{…}'] [PINSAGE_PROFILE_EPOCH=n] npx vitest run src/core/train/pinsage-profile.run.test.ts
// Prints batch-build and step times (ms; and CPU ms, which a loaded machine distorts less) of 8 steps and tf.profile's kernel times of step 7.
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerMissingKernels } from '../compute/kernels/register';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { parsePinSageConfig } from '../models/pinsage/config';
import { preparePinSageData } from './pinsage-data';
import { makeBatchPlan } from './batch-plan';
import { minibatchSpec } from './minibatch';
import { batchTensors } from '../compute/batch';
import { buildPinSageModel } from '../models/pinsage/model';

describe.skipIf(!process.env.PINSAGE_PROFILE)('PinSage step profile (Online Retail, WASM)', () => {
  it('times steps and kernels', async () => {
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    await tf.setBackend('wasm');
    registerMissingKernels();
    const ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    const cfg = parsePinSageConfig(JSON.parse(process.env.PINSAGE_PROFILE_CFG ?? '{}'));
    let t = performance.now();
    const d = preparePinSageData(ds, cfg);
    console.log('prepare ms', performance.now() - t);
    const plan = makeBatchPlan(cfg, d);
    const model = buildPinSageModel(cfg, d.features);
    const opt = tf.train.adam(cfg.learningRate);
    const epoch = Number(process.env.PINSAGE_PROFILE_EPOCH ?? 1);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const btimes: number[] = [];
    const agg = new Map<string, number>();
    for (let s = 0; s < 8; s++) {
      t = performance.now();
      const mb = plan.batch(epoch, s);
      btimes.push(performance.now() - t);
      const spec = minibatchSpec(plan.shape, mb.rows);
      if (s === 0) console.log('rows', mb.rows, 'caps', plan.shape.caps);
      t = performance.now();
      const c0 = process.cpuUsage();
      if (s === 6) {
        const prof = await tf.profile(() => { tf.tidy(() => { const b = batchTensors(spec, mb.data); opt.minimize(() => model.loss(b), false, model.variables); }); });
        for (const k of prof.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (await k.kernelTimeMs as number));
      } else {
        tf.tidy(() => { const b = batchTensors(spec, mb.data); opt.minimize(() => model.loss(b), false, model.variables); });
      }
      times.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
    const med = [...times.slice(2)].sort((a, b) => a - b)[Math.floor((times.length - 2) / 2)];
    console.log('median step ms (steps 3–8)', med.toFixed(0), 'pairs/s', ((cfg.batchSize / med) * 1000).toFixed(0));
    const cpuMed = [...cpuTimes.slice(2)].filter((_, k) => k !== 4).sort((a, b) => a - b)[2];
    console.log('median step CPU ms (steps 3–8 but the profiled one)', cpuMed.toFixed(0), 'pairs per CPU s', ((cfg.batchSize / cpuMed) * 1000).toFixed(0), 'step CPU ms', cpuTimes.map((x) => x.toFixed(0)).join(' '));
    console.log('batch ms', btimes.map((x) => x.toFixed(0)).join(' '), 'step ms', times.map((x) => x.toFixed(0)).join(' '));
    const sorted = [...agg.entries()].sort((a, b) => b[1] - a[1]);
    console.log(sorted.slice(0, 25).map(([k, v]) => `${k}:${v.toFixed(1)}`).join('\n'));
  }, 600_000);
});
