// P2 baselines run (not part of CI): P2_BASELINES=online-retail|synthetic-small npx vitest run src/core/eval/p2-baselines.run.test.ts
// Env: P2_BACKEND (wasm | cpu, default wasm), P2_PINSAGE_CONFIG (JSON overrides of the budgeted PinSage run whose
// item embeddings feed mean-embedding; '' = no PinSage run), P2_OUT (metrics.json path, default
// docs/pinnerformer/p2-baselines.<dataset>.<backend>.metrics.json). Every number comes from runP2Suite.
// PinSage is trained on the dataset cut at P2's t0 (p2TrainDataset; its own P1 split inside that), so its
// item embeddings use no event at or after t0.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../compute/node-test-backend';
import { datasetHash } from '../data/content-hash';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { parsePinSageConfig } from '../models/pinsage/config';
import { inferAllItems } from '../models/pinsage/infer';
import { preparePinSageData } from '../train/pinsage-data';
import { trainPinSage } from '../train/pinsage-train';
import { metricsJson } from './metrics-json';
import { p2TrainDataset } from './p2-baselines';
import { runP2Suite } from './p2-run';
import { p2Split } from './splits/p2-shopper-to-item';

const which = process.env.P2_BASELINES;

describe.skipIf(!which)('P2 baselines run', () => {
  it(`runs the P2 baselines on ${which}`, async () => {
    const backend = process.env.P2_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    let ds: Dataset;
    if (which === 'online-retail') {
      ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    } else {
      ds = generateSyntheticSync(syntheticPreset('small')).dataset;
    }
    const budget = which === 'online-retail' ? { epochs: 2, maxStepsPerEpoch: 150, validateEvery: 75 } : { epochs: 3, maxStepsPerEpoch: 60 };
    const raw = process.env.P2_PINSAGE_CONFIG;
    let itemEmbeddings: { emb: Float32Array; dim: number; source: string } | undefined;
    const pinsage: Record<string, unknown> = {};
    if (raw !== '') {
      const cfg = parsePinSageConfig({ ...budget, ...JSON.parse(raw ?? '{}') });
      const cut = p2TrainDataset(ds, p2Split(ds));
      const d = preparePinSageData(cut, cfg);
      expect(cut.events.timestamp[cut.events.length - 1]).toBeLessThan(p2Split(ds).t0);
      const t = performance.now();
      const r = await trainPinSage(cfg, d);
      const emb = await inferAllItems(r.model, d.features, d.neighbourhoods);
      r.model.dispose();
      itemEmbeddings = { emb, dim: cfg.output, source: `pinsage/${cfg.variant}` };
      Object.assign(pinsage, { variant: cfg.variant, config: { ...budget, ...JSON.parse(raw ?? '{}') }, seconds: (performance.now() - t) / 1000, best_val_recall10: r.state.bestRecall10 });
      console.log(`[${which}] PinSage ${cfg.variant}: ${pinsage.seconds} s, val recall@10 ${r.state.bestRecall10}`);
    }
    const results = await runP2Suite(ds, { itemEmbeddings, log: (l) => console.log(`[${which}/${backend}] ${l}`) });
    const out = metricsJson(
      { name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length },
      0,
      backend,
      results,
      { pinsage_item_embeddings: pinsage, command: `P2_BASELINES=${which} npx vitest run src/core/eval/p2-baselines.run.test.ts` },
    );
    const path = process.env.P2_OUT ?? `docs/pinnerformer/p2-baselines.${which}.${backend}.metrics.json`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
    console.table(results.map((e) => ({ model: e.model, split: e.split, ...e.metrics, ...e.counts })));
    expect(results.length).toBeGreaterThanOrEqual(2);
  }, 3_600_000);
});
