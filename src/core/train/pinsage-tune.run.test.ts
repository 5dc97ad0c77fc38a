// Config comparison on VALIDATION Recall@10 only (held-out train pairs; the P1 test split is never
// looked at): PINSAGE_TUNE=online-retail|synthetic-small PINSAGE_TUNE_CONFIGS='[{...},{...}]' npx vitest run src/core/train/pinsage-tune.run.test.ts
// On the synthetic world it also prints the planted-partner Recall@10 (ground truth of the generator, not the test split).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerMissingKernels } from '../compute/kernels/register';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { complementPartners, generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import { evaluateP1 } from '../eval/p1';
import { dotScores } from '../retrieval/top-k';
import type { Dataset } from '../data/types';
import { parsePinSageConfig, type PinSageConfigInput } from '../models/pinsage/config';
import { preparePinSageData } from './pinsage-data';
import { trainPinSage } from './pinsage-train';

const which = process.env.PINSAGE_TUNE;

describe.skipIf(!which)('PinSage config comparison (validation only)', () => {
  it(`compares configs on ${which}`, async () => {
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    await tf.setBackend(process.env.PINSAGE_BACKEND ?? 'wasm');
    registerMissingKernels();
    let ds: Dataset;
    let planted: { q: Uint32Array; i: Uint32Array } | null = null;
    if (which === 'online-retail') ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    else {
      const g = generateSyntheticSync(syntheticPreset('small'));
      ds = g.dataset;
      const q: number[] = [];
      const i: number[] = [];
      for (const a of g.truth.complements.anchors) for (const p of complementPartners(g.truth, a)) (q.push(a), i.push(p));
      planted = { q: Uint32Array.from(q), i: Uint32Array.from(i) };
    }
    const configs = JSON.parse(process.env.PINSAGE_TUNE_CONFIGS ?? '[{}]') as PinSageConfigInput[];
    for (const c of configs) {
      const cfg = parsePinSageConfig(c);
      const p0 = performance.now();
      const d = preparePinSageData(ds, cfg);
      const t0 = performance.now();
      // the throughput event comes right before a validation: the gap to the validation event is its cost
      let before = t0;
      let validationMs = 0;
      const r = await trainPinSage(cfg, d, {
        onEvent: (e) => {
          const now = performance.now();
          if (e.type === 'validation') {
            validationMs += now - before;
            console.log(`[tune ${which}] ${JSON.stringify(c)} step ${e.step} (epoch ${e.epoch}, ${((now - t0) / 1000).toFixed(0)} s): val R@10 ${e.recall10.toFixed(4)}, validation ${((now - before) / 1000).toFixed(1)} s`);
          }
          if (e.type === 'epoch') console.log(`[tune ${which}] ${JSON.stringify(c)} epoch ${e.epoch}: ${e.seconds.toFixed(1)} s (steps and validation), val R@10 ${e.recall10.toFixed(4)}`);
          before = now;
        },
      });
      console.log(`[tune ${which}] ${JSON.stringify(c)} data preparation ${((t0 - p0) / 1000).toFixed(1)} s, validation total ${(validationMs / 1000).toFixed(1)} s of ${r.trainSeconds.toFixed(0)} s`);
      const pl = planted ? (await evaluateP1(planted, d.nItems, (qs) => dotScores(r.embeddings, cfg.output, qs))).metrics['recall@10'] : NaN;
      console.log(`[tune ${which}] ${JSON.stringify(c)} best val R@10 ${r.state.bestRecall10.toFixed(4)} (epoch ${r.state.bestEpoch}), planted R@10 ${pl.toFixed(4)}, ${r.pairsPerSecond.toFixed(0)} pairs/s, ${r.trainSeconds.toFixed(0)} s`);
      r.model.dispose();
    }
    expect(configs.length).toBeGreaterThan(0);
  }, 3_600_000);
});
