// CI-sized SIMO / SISO training on the seeded synthetic small world (views, carts, purchases,
// planted complements), CPU backend: P3 Recall@10 on the test pairs rises well above random for
// both relations.
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasmOrCpu } from '../../compute/node-test-backend';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import { evaluateP3 } from '../../eval/p3';
import { p3Split, type P3Split } from '../../eval/splits/p3-split';
import { parseSimoConfig, type SimoConfigInput } from '../../models/simo/config';
import { prepareSimoData } from './data';
import { trainSimo } from './train';

const SMALL: SimoConfigInput = { hidden: 32, layers: 1, heads: 2, maxTokens: 6, tokenBuckets: 512, batchSize: 128, learningRate: 0.005, epochs: 6, patience: 6, validationPairs: 200 };

let ds: Dataset;
let split: P3Split;

beforeAll(async () => {
  // WASM in Node (5–10× faster than the CPU backend here); CPU where WASM does not start
  await useWasmOrCpu();
  ds = generateSyntheticSync(syntheticPreset('small', { events: 20_000, items: 400, shoppers: 400 })).dataset;
  split = p3Split(ds, { seed: 42 });
});

describe('SIMO / SISO training (synthetic, WASM in Node)', () => {
  for (const [mode, roleAttention] of [['simo', 'isolated'], ['siso', 'isolated']] as const) {
    it(`${mode} (${roleAttention} attention): test Recall@10 of both relations well above random`, async () => {
      const cfg = parseSimoConfig({ ...SMALL, mode, roleAttention });
      const d = prepareSimoData(ds, cfg, { split });
      expect(d.relations).toEqual(['view-buy', 'buy-buy']);
      const losses: number[] = [];
      const r = await trainSimo(cfg, d, { metricsEvery: 1, onEvent: (e) => (e.type === 'loss' && losses.push(e.loss)) });
      const res = await evaluateP3(split, r.embeddings);
      const line = res.map((x) => `${x.relation} R@10 ${x['recall@10'].toFixed(3)} (best ${x.best.toFixed(3)}, random ≈ ${(10 / x.pool).toFixed(3)}, ${x.pairs} pairs)`).join('; ');
      console.log(`${mode}/${roleAttention}: loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}; ${line}; ${r.trainSeconds.toFixed(1)} s`);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
      expect(res.map((x) => x.relation)).toEqual(['view-buy', 'buy-buy']);
      for (const x of res) expect(x['recall@10']).toBeGreaterThan(3 * (10 / x.pool));
      r.encoder.dispose();
    }, 60_000);
  }
});
