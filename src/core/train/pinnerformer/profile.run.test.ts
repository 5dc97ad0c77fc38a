// Per-kernel time of default PinnerFormer training steps on Online Retail, WASM in Node (not CI):
//   PF_PROFILE=1 [PF_PROFILE_CFG='{…}'] npx vitest run src/core/train/pinnerformer/profile.run.test.ts
// Prints batch-build times, step times (wall and process CPU ms) of 8 steps and tf.profile's kernel times of step 7.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { batchTensors } from '../../compute/batch';
import { useNodeBackend } from '../../compute/node-test-backend';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { parsePinnerFormerConfig } from '../../models/pinnerformer/config';
import { buildPinnerFormerModel } from '../../models/pinnerformer/model';
import { makeBatcher } from './batches';
import { preparePinnerFormerData } from './data';
import { randomItemEmbeddings } from './speed';

describe.skipIf(!process.env.PF_PROFILE)('PinnerFormer step profile (Online Retail, WASM)', () => {
  it('times steps and kernels', async () => {
    await useNodeBackend('wasm');
    const ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    const cfg = parsePinnerFormerConfig({ ...JSON.parse(process.env.PF_PROFILE_CFG ?? '{}'), validationShoppers: 0 });
    const d = preparePinnerFormerData(ds, cfg);
    const batcher = makeBatcher(d, cfg);
    const model = buildPinnerFormerModel(cfg, randomItemEmbeddings(ds.items.length, Number(process.env.PF_ITEM_DIM ?? 64)));
    const opt = tf.train.adam(cfg.learningRate);
    const wall: number[] = [];
    const cpu: number[] = [];
    const batchMs: number[] = [];
    const agg = new Map<string, number>();
    for (let s = 0; s < 8; s++) {
      const tb = performance.now();
      const data = await batcher.batch(0, s);
      batchMs.push(performance.now() - tb);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (s === 6) {
        const prof = await tf.profile(() => {
          tf.tidy(() => {
            const b = batchTensors(batcher.spec, data);
            opt.minimize(() => model.loss(b), false, model.variables);
          });
        });
        for (const k of prof.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + ((await k.kernelTimeMs) as number));
      } else {
        tf.tidy(() => {
          const b = batchTensors(batcher.spec, data);
          const loss = opt.minimize(() => model.loss(b), true, model.variables);
          loss?.dataSync();
        });
      }
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
    const steady = cpu.slice(2).filter((_, i) => i !== 4);
    console.log('step wall ms', wall.map((x) => x.toFixed(0)).join(' '), '| CPU ms', cpu.map((x) => x.toFixed(0)).join(' '));
    console.log('batch build ms', batchMs.map((x) => x.toFixed(0)).join(' '));
    console.log('median CPU ms', med(steady).toFixed(0), 'seqs per CPU s', ((cfg.batchSize / med(steady)) * 1000).toFixed(1));
    for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${k}: ${v.toFixed(1)}`);
    model.dispose();
    expect(wall.length).toBe(8);
  }, 600_000);
});
