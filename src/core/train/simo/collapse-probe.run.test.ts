// SIMO collapse probe (not part of CI): does training spread the role embeddings or pull them
// together? On the P4 validation replay's data (the dataset cut at the P4 cut-off, trained on the
// P3 pairs before its own cut-off, as p4-diagnose.run.test.ts does), prints the mean resultant
// length of the buy-query and target embeddings (1 = every item the same direction) of the
// untrained encoder and of the trained one, the training loss every 10 steps and the validation
// Recall@10 per epoch. A loss that falls to log(usable negatives) and stays there while the mean
// resultant length goes to 1 is a collapse: the encoder found no signal and made all scores equal.
//   SIMO_COLLAPSE=online-retail|synthetic-small [SIMO_CONFIG='{…}'] npx vitest run src/core/train/simo/collapse-probe.run.test.ts
// SIMO_CONFIG overrides the Feeds panel's budget (FEED_SIMO_DEFAULTS, 3 × 50 steps).
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import { p4CutOff } from '../../eval/p4';
import { datasetBefore, meanResultantLength } from '../../eval/p4-diagnose';
import { p3Split } from '../../eval/splits/p3-split';
import { FEED_SIMO_DEFAULTS } from '../../feeds/feed-encoder-defaults';
import { parseSimoConfig } from '../../models/simo/config';
import { embedCatalogue } from '../../models/simo/embed';
import { buildSimoEncoder } from '../../models/simo/encoder';
import { prepareSimoData } from './data';
import { trainSimo } from './train';

const which = process.env.SIMO_COLLAPSE;

describe.skipIf(!which)('SIMO collapse probe', () => {
  it(`probes ${which}`, async () => {
    await useNodeBackend('wasm');
    const full: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const ds = datasetBefore(full, p4CutOff(full));
    const t0 = p4CutOff(ds);
    const cfg = parseSimoConfig({ ...FEED_SIMO_DEFAULTS, maxStepsPerEpoch: 50, ...JSON.parse(process.env.SIMO_CONFIG ?? '{}') });
    const data = prepareSimoData(ds, cfg, { split: p3Split(ds, { seed: cfg.seed, before: t0 }) });
    const mrl = (e: { buyQuery: Float32Array; target: Float32Array; dim: number; items: number }): string =>
      `buy-query ${meanResultantLength(e.buyQuery, e.dim, e.items).toFixed(3)}, target ${meanResultantLength(e.target, e.dim, e.items).toFixed(3)}`;
    const enc0 = buildSimoEncoder(cfg, data.tokens);
    const e0 = (await embedCatalogue(enc0)).embeddings;
    enc0.dispose();
    const losses: number[] = [];
    const r = await trainSimo(cfg, data, {
      metricsEvery: 10,
      onEvent: (e) => {
        if (e.type === 'loss') losses.push(e.loss);
        if (e.type === 'epoch') console.log(`epoch ${e.epoch}: validation Recall@10 ${e.recall10.toFixed(4)}`);
      },
    });
    console.log(`${ds.name} (validation cut), ${data.train.q.length} train pairs, config ${JSON.stringify(process.env.SIMO_CONFIG ?? '{}')}`);
    console.log(`mean resultant length untrained: ${mrl(e0)}; trained (kept epoch ${r.state.bestEpoch}): ${mrl(r.embeddings)}`);
    console.log(`loss every 10 steps: ${losses.map((x) => x.toFixed(2)).join(' ')} (log B = ${Math.log(cfg.batchSize).toFixed(2)})`);
    r.encoder.dispose();
    expect(losses.length).toBeGreaterThan(0);
  }, 3_600_000);
});
