// Minibatch size per epoch (no training, no timing): the mean node rows of every layer over a sample
// of each epoch's batches. Hard negatives (curriculum: n − 1 per query in epoch n) add targets, so
// later epochs' steps carry more rows and cost more than epoch 1's (a load-independent way to
// project an epoch's time from the epoch-1 step time of `pinsage.speed`).
// PINSAGE_ROWS=online-retail [PINSAGE_ROWS_CONFIG='{"epochs":3}'] npx vitest run src/core/train/pinsage-rows.run.test.ts
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { parsePinSageConfig, type PinSageConfigInput } from '../models/pinsage/config';
import { makeBatchPlan } from './batch-plan';
import { preparePinSageData } from './pinsage-data';

const which = process.env.PINSAGE_ROWS;

describe.skipIf(which !== 'online-retail')('PinSage minibatch rows per epoch', () => {
  it('prints the mean rows per layer of sampled batches of every epoch', async () => {
    const ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    const input = JSON.parse(process.env.PINSAGE_ROWS_CONFIG ?? '{}') as PinSageConfigInput;
    const cfg = parsePinSageConfig(input);
    const d = preparePinSageData(ds, cfg);
    const plan = makeBatchPlan(cfg, d);
    const sample = 25;
    const stride = Math.max(1, Math.floor(plan.stepsPerEpoch / sample));
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const sums = new Array<number>(cfg.layers + 1).fill(0);
      let n = 0;
      for (let step = 0; step < plan.stepsPerEpoch - 1 && n < sample; step += stride, n++) {
        const mb = plan.batch(epoch, step);
        mb.rows.forEach((r, l) => (sums[l] += r));
      }
      const mean = sums.map((s) => s / n);
      console.log(`[rows] ${JSON.stringify(input)} epoch ${epoch} (${plan.stepsPerEpoch} steps): mean rows per layer ${mean.map((m) => m.toFixed(0)).join(' / ')} (sum ${mean.reduce((a, b) => a + b, 0).toFixed(0)}, ${n} batches)`);
      expect(mean[cfg.layers]).toBeGreaterThan(0);
    }
  }, 600_000);
});
