// Feeds on real data: Online Retail (invoices, purchases only → buy-buy only, no view queries) and the
// synthetic small world (views and purchases), P4 with the stand-in co-engagement role embeddings.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadDataset } from '../data/load';
import { SHARED_DATASETS, shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import type { MetricsEntry } from '../eval/metrics-json';
import { runP4 } from '../eval/p4-run';
import { standInRoleEmbeddings } from './standin-embeddings';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const entry = (es: MetricsEntry[], model: string, variant: string): MetricsEntry => {
  const e = es.find((x) => x.model === model && x.variant === variant);
  if (!e) throw new Error(`no ${model}/${variant} entry`);
  return e;
};

describe.skipIf(!existsSync(`${SHARED_DATASETS}/online-retail/online_retail.parquet`))('Online Retail feeds (buy-buy only)', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
  }, 60_000);

  it('P4 on all items: no view queries, a feed for every eval shopper, personalised and control entries', async () => {
    const es = await runP4(ds, { embed: (d, before) => standInRoleEmbeddings(d, { before, dim: 64 }) });
    const p = entry(es, 'pfeed', 'all');
    const c = entry(es, 'popular-control', 'all');
    expect(p.counts.view_queries).toBe(0);
    expect(p.counts.buy_queries).toBeGreaterThan(3000);
    expect(p.counts.shoppers).toBeGreaterThan(500);
    expect(p.counts.pairs).toBeGreaterThan(p.counts.shoppers);
    expect(p.counts.empty_feeds).toBe(0);
    expect(c.counts.pairs).toBe(p.counts.pairs);
    for (const e of [p, c]) {
      expect(e.metrics['recall@feed']).toBeGreaterThan(0);
      expect(e.metrics['recall@feed']).toBeLessThan(1);
    }
    console.log(JSON.stringify(es.map((e) => [e.model, e.variant, e.metrics, e.seconds])));
  }, 120_000);
});

describe('synthetic small feeds', () => {
  it('P4 on all and promo items, both query roles', async () => {
    const ds = generateSyntheticSync(syntheticPreset('small')).dataset;
    const es = await runP4(ds, { embed: (d, before) => standInRoleEmbeddings(d, { before, dim: 64 }), targetSets: [{ kind: 'all' }, { kind: 'promo' }] });
    const p = entry(es, 'pfeed', 'all');
    expect(p.counts.view_queries).toBeGreaterThan(100);
    expect(p.counts.buy_queries).toBeGreaterThan(100);
    const promo = entry(es, 'pfeed', 'promo');
    expect(promo.counts.target_set_items).toBeLessThan(p.counts.target_set_items);
    expect(promo.counts.pairs).toBeLessThan(p.counts.pairs);
    console.log(JSON.stringify(es.map((e) => [e.model, e.variant, e.metrics, e.counts.pairs, e.seconds])));
  }, 60_000);

  it('vsControl: each pfeed entry carries its difference to the control under the same rule', async () => {
    const ds = generateSyntheticSync(syntheticPreset('small')).dataset;
    const es = await runP4(ds, { embed: (d, before) => standInRoleEmbeddings(d, { before, dim: 64 }), feeds: [{}, { excludeBought: false }], vsControl: true });
    const control = (rule: string): MetricsEntry => es.find((e) => e.model === 'popular-control' && e.rule === rule)!;
    for (const [rule, controlRule] of [['exclude-bought', 'exclude-bought'], ['keep-bought', 'none']] as const) {
      const p = es.find((e) => e.model === 'pfeed' && e.rule === rule)!;
      const vs = p.vsControl as { rule: string; 'recall@feed': { diff: number; se: number; hitsA: number; hitsB: number }; 'recall@feed_new': { diff: number } };
      const c = control(controlRule);
      expect(vs.rule).toBe(controlRule);
      expect(vs['recall@feed'].diff).toBeCloseTo(p.metrics['recall@feed'] - c.metrics['recall@feed'], 12);
      expect(vs['recall@feed_new'].diff).toBeCloseTo(p.metrics['recall@feed_new'] - c.metrics['recall@feed_new'], 12);
      expect([vs['recall@feed'].hitsA, vs['recall@feed'].hitsB]).toEqual([p.counts.hits, c.counts.hits]);
      expect(vs['recall@feed'].se).toBeGreaterThan(0);
    }
    expect(entry(await runP4(ds, { embed: (d, before) => standInRoleEmbeddings(d, { before, dim: 64 }) }), 'pfeed', 'all').vsControl).toBeUndefined();
  }, 60_000);
});
