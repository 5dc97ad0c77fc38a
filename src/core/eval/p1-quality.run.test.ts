// P1 quality run (not part of CI): PINSAGE_QUALITY=online-retail|synthetic-small npx vitest run src/core/eval/p1-quality.run.test.ts
// Env: PINSAGE_BACKEND (wasm | cpu, default wasm), PINSAGE_VARIANTS (comma list), PINSAGE_CONFIG (JSON overrides),
// PINSAGE_OUT (metrics.json path), PINSAGE_BASELINES=0 (skip the non-learned baselines). Writes metrics.json in the
// PROTOCOLS.md shape; every number comes from runP1Suite. When PINSAGE_OUT already holds a metrics.json of the same
// dataset (hash) and backend, the entries of this run are upserted into it (variants run in parallel processes).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../compute/node-test-backend';
import { datasetHash } from '../data/content-hash';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset, complementPartners } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { PINSAGE_VARIANTS, type PinSageVariant } from '../models/pinsage/config';
import { topKByDot } from '../retrieval/top-k';
import { metricsJson, upsertEntry, type MetricsJson } from './metrics-json';
import { runP1Suite } from './p1-run';

const which = process.env.PINSAGE_QUALITY;

describe.skipIf(!which)('P1 quality run', () => {
  it(`runs P1 on ${which}`, async () => {
    const backend = process.env.PINSAGE_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    let ds: Dataset;
    let partners: ((item: number) => Uint32Array) | null = null;
    let anchors: Uint32Array | null = null;
    if (which === 'online-retail') {
      ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    } else {
      const r = generateSyntheticSync(syntheticPreset('small'));
      ds = r.dataset;
      partners = (i) => complementPartners(r.truth, i);
      anchors = r.truth.complements.anchors;
    }
    const variants = (process.env.PINSAGE_VARIANTS !== undefined ? process.env.PINSAGE_VARIANTS.split(',').filter(Boolean) : PINSAGE_VARIANTS) as PinSageVariant[];
    const config = JSON.parse(process.env.PINSAGE_CONFIG ?? '{}');
    const complement: Record<string, number> = {};
    // planted complementary sets as (anchor, partner) pairs, ranked like P1 test pairs (every model, baselines too)
    const planted = anchors && partners ? (() => {
      const q: number[] = [];
      const i: number[] = [];
      for (const a of anchors) for (const p of partners(a)) (q.push(a), i.push(p));
      return [{ name: 'planted_partner', pairs: { q: Uint32Array.from(q), i: Uint32Array.from(i) } }];
    })() : [];
    const results = await runP1Suite(ds, {
      variants,
      baselines: process.env.PINSAGE_BASELINES !== '0',
      config,
      extraPairs: planted,
      log: (l) => console.log(`[${which}/${backend}] ${l}`),
      onTrainEvent: (v, e) => {
        if (e.type === 'epoch') console.log(`[${which}/${backend}] ${v} epoch ${e.epoch}: val recall@10 ${e.recall10.toFixed(4)} (${e.seconds.toFixed(1)} s)`);
      },
      onTrained: async (v, r) => {
        if (!partners || !anchors) return;
        // planted complementary sets: share of (anchor, partner) pairs with the partner in the anchor's top 10
        const top = await topKByDot(r.embeddings, r.model.cfg.output, anchors, 10);
        let hit = 0;
        let total = 0;
        anchors.forEach((a, k) => {
          const set = new Set(top.items.subarray(k * top.k, (k + 1) * top.k));
          for (const p of partners!(a)) {
            total++;
            if (set.has(p)) hit++;
          }
        });
        complement[v] = total ? hit / total : 0;
        console.log(`[${which}/${backend}] ${v} planted-partner recall@10 ${complement[v].toFixed(4)} over ${total} pairs`);
      },
    });
    for (const e of results) if (e.model === 'pinsage' && e.variant && e.variant in complement) e.metrics['planted_partner_recall@10'] = complement[e.variant as string];
    let out = metricsJson(
      { name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length },
      config.seed ?? 42,
      backend,
      results,
      { config },
    );
    const path = process.env.PINSAGE_OUT ?? `bench-results/p1-${which}-${backend}.metrics.json`;
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      const prev = JSON.parse(readFileSync(path, 'utf8')) as MetricsJson;
      if (prev.dataset?.hash === out.dataset.hash && prev.backend === out.backend) {
        let merged: MetricsJson = prev;
        for (const e of out.results) merged = upsertEntry(merged, e);
        const runs = [...((prev.runs as unknown[]) ?? [{ config: prev.config }]), { config }];
        out = { ...merged, runs };
      }
    }
    writeFileSync(path, JSON.stringify(out, null, 2));
    console.table(results.map((e) => ({ model: e.model, variant: e.variant ?? '', ...e.metrics, train_s: e.seconds.train })));
    expect(results.length).toBeGreaterThan(0);
  }, 3_600_000);
});
