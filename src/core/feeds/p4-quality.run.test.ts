// P4 quality run (not part of CI):
//   FEEDS_QUALITY=online-retail|synthetic-small npx vitest run src/core/feeds/p4-quality.run.test.ts
// Env: FEEDS_EMBED (simo | standin | itemknn, default simo: SIMO trained on the P3 pairs before t0;
// itemknn: the P3 co-occurrence baseline of the P3 train pairs before t0, eval/p3-itemknn.ts),
// FEEDS_RULES (exclude,keep: the feed's "drop already bought" rule on / off, each scored on the
// same lookup tables; default both),
// FEEDS_BACKEND (wasm | cpu, default wasm), FEEDS_DIM (stand-in size, default 256), FEEDS_CONFIG (JSON feed config),
// FEEDS_CONFIGS (JSON array of further feed configs, each over FEEDS_CONFIG, scored on the same tables),
// FEEDS_SIMO_CONFIG (JSON SIMO config overrides), FEEDS_PINSAGE=1 (a budget PinSage, 3 × 60 steps on the events
// before t0 only, eval/p4-diagnose-pinsage.ts, as the source of FEEDS_SIMO_CONFIG pinsage 'init' / 'concat';
// FEEDS_PINSAGE_CONFIG: a JSON PinSage config replacing that budget one), FEEDS_SETS (comma list of all,promo,new; default all,promo,new), FEEDS_OUT (metrics.json path,
// default docs/feeds/p4-<dataset>-<embed>.metrics.json). Every number comes from runP4; each pfeed entry also
// carries `vsControl` (the difference to the control under the same rule, shopper-paired se and bootstrap ci95).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../compute/node-test-backend';
import { loadDataset } from '../data/load';
import { datasetHash } from '../data/content-hash';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { metricsJson } from '../eval/metrics-json';
import { runP4 } from '../eval/p4-run';
import { parseFeedConfig } from './config';
import { standInRoleEmbeddings } from './standin-embeddings';
import { simoEmbedder } from './simo-embedder';
import { BUDGET_PINSAGE, budgetPinSage } from '../eval/p4-diagnose-pinsage';
import type { PinSageConfigInput } from '../models/pinsage/config';
import { p3ItemKnnEmbeddings } from '../eval/p3-itemknn';
import { supportedRelations } from '../eval/p3';
import { p3Split } from '../eval/splits/p3-split';
import type { TargetSetRuleInput } from './target-sets';

const which = process.env.FEEDS_QUALITY;

describe.skipIf(!which)('P4 quality run', () => {
  it(`runs P4 on ${which}`, async () => {
    const backend = process.env.FEEDS_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    const ds: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const kind = process.env.FEEDS_EMBED ?? 'simo';
    const simoConfig = JSON.parse(process.env.FEEDS_SIMO_CONFIG ?? '{}') as Record<string, unknown>;
    const withPinSage = process.env.FEEDS_PINSAGE === '1';
    const simoLog = (l: string): void => console.log(`[${which}] ${l}`);
    const pinsageConfig = process.env.FEEDS_PINSAGE_CONFIG ? (JSON.parse(process.env.FEEDS_PINSAGE_CONFIG) as PinSageConfigInput) : BUDGET_PINSAGE;
    const simo = simoEmbedder(simoConfig, simoLog, withPinSage ? (d, before) => budgetPinSage(d, before, simoLog, pinsageConfig) : undefined);
    const dim = Number(process.env.FEEDS_DIM ?? 256);
    const feed = parseFeedConfig(JSON.parse(process.env.FEEDS_CONFIG ?? '{}'));
    const sets = (process.env.FEEDS_SETS ?? 'all,promo,new').split(',').filter(Boolean);
    const DAY = 86_400_000;
    const tEnd = ds.events.timestamp[ds.events.length - 1];
    const t0 = tEnd - 14 * DAY;
    const rules: TargetSetRuleInput[] = sets.map((s) => (s === 'new' ? { kind: 'new', after: t0 - 30 * DAY } : s === 'promo' ? { kind: 'promo' } : { kind: 'all' }));
    const log = (l: string): void => console.log(`[${which}/${kind}/${backend}] ${l}`);
    const ruleSet = (process.env.FEEDS_RULES ?? 'exclude,keep').split(',').filter(Boolean);
    const extra = (JSON.parse(process.env.FEEDS_CONFIGS ?? '[]') as object[]).map((c) => parseFeedConfig({ ...feed, ...c }));
    const feeds = [feed, ...extra].flatMap((f) => ruleSet.map((r) => ({ ...f, excludeBought: r === 'exclude' })));
    const results = await runP4(ds, {
      embed:
        kind === 'simo'
          ? simo
          : kind === 'itemknn'
            ? (d, before) => p3ItemKnnEmbeddings(p3Split(d, { seed: 42, before }), d.items.length, supportedRelations(d))
            : (d, before) => standInRoleEmbeddings(d, { before, dim }),
      targetSets: rules,
      feeds,
      log,
      vsControl: true,
    });
    const out = metricsJson(
      { name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length },
      42,
      backend,
      results,
      { embeddings: kind, feedConfig: feed, ...(kind === 'standin' ? { standInDim: dim } : {}), ...(kind === 'simo' ? { simoConfig, ...(withPinSage ? { pinsageConfig } : {}) } : {}) },
    );
    const path = process.env.FEEDS_OUT ?? `docs/feeds/p4-${which}-${kind}.metrics.json`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
    console.table(
      results.map((e) => {
        const fc = (e as { feedConfig?: { popularityWeight: number; popularBackfill: boolean } }).feedConfig;
        return { model: e.model, variant: e.variant ?? '', rule: e.rule, w: fc?.popularityWeight ?? '', backfill: fc?.popularBackfill ?? '', ...e.metrics, pairs: e.counts.pairs, pairs_new: e.counts.pairs_new };
      }),
    );
    expect(results.length).toBeGreaterThan(0);
  }, 3_600_000);
});
