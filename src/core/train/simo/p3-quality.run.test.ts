// P3 quality run (not part of CI):
//   SIMO_QUALITY=synthetic-small|online-retail npx vitest run src/core/train/simo/p3-quality.run.test.ts
// Env: SIMO_SIZES (hidden sizes, default 32,64,128,256), SIMO_MODES (default simo,siso),
// SIMO_FULL_SIZES (hidden sizes at which a SIMO run with full role attention is added, default none),
// SIMO_CONFIG (JSON overrides of the encoder config), SIMO_PINSAGE=1 (train a budget PinSage first
// and add SIMO d64 with pinsage init and concat), SIMO_BACKEND (wasm | cpu, default wasm),
// SIMO_OUT (default docs/pfeed/p3-<dataset>.metrics.json), SIMO_BASELINES (default itemknn; '' for
// none: the co-occurrence baseline of the train pairs, p3-itemknn.ts). Every number comes from
// runP3Encoder / evaluateP3.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { datasetHash } from '../../data/content-hash';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import { metricsJson, type MetricsEntry } from '../../eval/metrics-json';
import { p3Split } from '../../eval/splits/p3-split';
import { evaluateP3, p3Entries, supportedRelations } from '../../eval/p3';
import { p3ItemKnnEmbeddings } from '../../eval/p3-itemknn';
import type { RoleAttention, SimoConfigInput, SimoMode } from '../../models/simo/config';
import type { PinSageMatrix } from '../../models/simo/encoder';
import { parsePinSageConfig } from '../../models/pinsage/config';
import { preparePinSageData } from '../pinsage-data';
import { trainPinSage } from '../pinsage-train';
import { runP3Encoder } from './p3-run';

const which = process.env.SIMO_QUALITY;

function envOf(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('SIMO_') && e[1] !== undefined));
}

describe.skipIf(!which)('P3 quality run (SIMO vs SISO)', () => {
  it(`runs P3 on ${which}`, async () => {
    const backend = process.env.SIMO_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    const ds: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const base: SimoConfigInput = JSON.parse(process.env.SIMO_CONFIG ?? '{}');
    const seed = base.seed ?? 42;
    const split = p3Split(ds, { seed });
    const sizes = (process.env.SIMO_SIZES ?? '32,64,128,256').split(',').filter(Boolean).map(Number);
    const modes = (process.env.SIMO_MODES ?? 'simo,siso').split(',').filter(Boolean) as SimoMode[];
    const fullSizes = (process.env.SIMO_FULL_SIZES ?? '').split(',').filter(Boolean).map(Number);
    const log = (l: string): void => console.log(`[${which}/${backend}] ${l}`);
    const results: MetricsEntry[] = [];
    const summary: Record<string, unknown>[] = [];
    const info = { name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length };
    const path = process.env.SIMO_OUT ?? `docs/pfeed/p3-${which}.metrics.json`;
    // written after every run, so a cut run keeps what it measured
    const write = (): void => {
      const out = metricsJson(info, seed, backend, results, { config: base, summary, command: `SIMO_QUALITY=${which} npx vitest run src/core/train/simo/p3-quality.run.test.ts`, env: envOf() });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
    };
    const one = async (name: string, cfg: SimoConfigInput, pinsage: PinSageMatrix | null = null): Promise<void> => {
      const r = await runP3Encoder(ds, cfg, {
        split,
        pinsage,
        onEvent: (e) => {
          if (e.type === 'epoch') log(`${name} epoch ${e.epoch}: val R@10 ${e.recall10.toFixed(4)} (${e.seconds.toFixed(1)} s)`);
        },
      });
      results.push(...r.entries);
      const t = r.training;
      const row: Record<string, unknown> = {
        run: name,
        embed_s: +r.embedSeconds.toFixed(3),
        train_s: +r.trainSeconds.toFixed(1),
        steps: t.steps,
        best_epoch: `${t.bestEpoch}/${t.epochs}${t.stoppedEarly ? ' (early stop)' : ''}`,
        val: +t.bestValRecall10.toFixed(4),
      };
      for (const x of r.results) {
        row[`${x.relation} R@10`] = +x['recall@10'].toFixed(4);
        row[`${x.relation} best`] = +x.best.toFixed(4);
      }
      summary.push(row);
      log(JSON.stringify(row));
      write();
    };
    for (const b of (process.env.SIMO_BASELINES ?? 'itemknn').split(',').filter(Boolean)) {
      if (b !== 'itemknn') throw new Error(`unknown baseline ${b}`);
      const t0 = performance.now();
      const relations = supportedRelations(ds);
      const res = await evaluateP3(split, p3ItemKnnEmbeddings(split, ds.items.length, relations), { relations });
      results.push(...p3Entries('itemknn', undefined, res, { eval: (performance.now() - t0) / 1000 }));
      const row: Record<string, unknown> = { run: 'itemknn' };
      for (const x of res) {
        row[`${x.relation} R@10`] = +x['recall@10'].toFixed(4);
        row[`${x.relation} best`] = +x.best.toFixed(4);
      }
      summary.push(row);
      log(JSON.stringify(row));
      write();
    }
    for (const hidden of sizes) {
      for (const mode of modes) {
        const attentions: RoleAttention[] = mode === 'simo' && fullSizes.includes(hidden) ? ['isolated', 'full'] : ['isolated'];
        for (const roleAttention of attentions) {
          await one(`${mode} d${hidden}${roleAttention === 'full' ? '-full' : ''}`, { ...base, mode, hidden, roleAttention });
        }
      }
    }
    if (process.env.SIMO_PINSAGE === '1') {
      // a budget PinSage run (its own P1 split of the same events: see docs/pfeed.md on leakage)
      const pcfg = parsePinSageConfig({ hidden: 64, output: 64, epochs: 3, maxStepsPerEpoch: 60, validateEvery: 1_000_000, walks: 50, walkLength: 20, learningRate: 0.003, seed });
      const pd = preparePinSageData(ds, pcfg);
      const pr = await trainPinSage(pcfg, pd, {});
      pr.model.dispose();
      log(`pinsage (budget) val R@10 ${pr.state.bestRecall10.toFixed(4)}, ${pr.trainSeconds.toFixed(0)} s`);
      const matrix: PinSageMatrix = { values: pr.embeddings, dim: pcfg.output };
      for (const use of ['init', 'concat'] as const) await one(`simo d64+pinsage-${use}`, { ...base, mode: 'simo', hidden: 64, pinsage: use }, matrix);
    }
    console.table(summary);
    expect(results.length).toBeGreaterThan(0);
  }, 4 * 3_600_000);
});
