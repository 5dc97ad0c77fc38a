// P2 quality run for PinnerFormer (not part of CI):
//   PF_QUALITY=synthetic-small|synthetic-medium|online-retail npx vitest run src/core/train/pinnerformer/p2-quality.run.test.ts
// Env: PF_BACKEND (wasm | cpu, default wasm); PF_VARIANTS (comma list of objectives and ablations,
// default 'dense-all-action,next-action'; ablations: 'lofo' = every leave-one-feature-out variant,
// 'no-logq', 'in-batch-only', 'random-only', or '<objective>' alone; any of them + '/window-end' =
// time to the latest action measured to the window end instead of the query; + '/next-session' or
// '/next-action' = where the all-action objectives' future window starts; + '/item-target' = a random
// distinct item of the window as the target); PF_CONFIG (JSON overrides of
// the PinnerFormer config); PF_MAX_SECONDS (training budget per variant, default 300); PF_ITEMS
// ('pinsage' (default): a budgeted PinSage run on events before t0; 'content': seeded category
// vectors + noise); PF_ITEMS_CACHE (a .json file: the PinSage item embeddings are read from it when it
// exists, else computed and written there, so ablations reuse one PinSage run); PF_PINSAGE (JSON PinSage overrides); PF_BASELINES (0 = skip); PF_OUT (metrics.json
// path, default docs/pinnerformer/p2-<dataset>.<backend>.metrics.json; entries are merged into an
// existing file by (protocol, model, variant)). Every number comes from src/core/eval (runP2Suite).
// On a synthetic world the runner also prints how well the item embeddings separate the planted
// clusters (share of an item's 10 nearest items in its own cluster). PF_VARIANTS='' with
// PF_BASELINES=0 stops after that: it only computes (and caches) the item embeddings.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { datasetHash } from '../../data/content-hash';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { SyntheticTruth } from '../../data/synthetic/truth';
import type { Dataset } from '../../data/types';
import { clusterSeparation, sampleEventItems, sampleItems } from '../../eval/item-cluster-separation';
import { metricsJson, upsertEntry, type MetricsEntry, type MetricsJson } from '../../eval/metrics-json';
import { runP2Suite, type P2ModelSpec } from '../../eval/p2-run';
import { p2Split } from '../../eval/splits/p2-shopper-to-item';
import { ACTION_FEATURE_GROUPS, parsePinnerFormerConfig, PINNERFORMER_OBJECTIVES, type PinnerFormerConfigInput } from '../../models/pinnerformer/config';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { pinnerFormerP2Scorer } from '../../models/pinnerformer/scorer';
import { preparePinnerFormerData } from './data';
import { pinSageItemEmbeddings } from './item-source';
import { contentItemEmbeddings } from './test-world';
import { trainPinnerFormer } from './train';

const which = process.env.PF_QUALITY;

/** A variant name → its config overrides. */
function variantConfig(v: string): PinnerFormerConfigInput {
  // '<objective>/window-end': time to the latest action as the per-action window-end feature
  if (v.endsWith('/window-end')) return { ...variantConfig(v.slice(0, -'/window-end'.length)), timeToLatest: 'window-end' };
  // '<objective>/item-target': a random distinct item of the window as the all-action target
  if (v.endsWith('/item-target')) return { ...variantConfig(v.slice(0, -'/item-target'.length)), windowTarget: 'item' };
  // '<objective>/next-session' | '<objective>/next-action': where the all-action objectives' window starts
  if (v.endsWith('/next-session')) return { ...variantConfig(v.slice(0, -'/next-session'.length)), windowStart: 'next-session' };
  if (v.endsWith('/next-action') && v !== 'next-action') return { ...variantConfig(v.slice(0, -'/next-action'.length)), windowStart: 'next-action' };
  if ((PINNERFORMER_OBJECTIVES as readonly string[]).includes(v)) return { objective: v as PinnerFormerConfigInput['objective'] };
  if (v.startsWith('dense-all-action/no-')) {
    const g = v.slice('dense-all-action/no-'.length);
    if (g === 'logq') return { logQ: false };
    if ((ACTION_FEATURE_GROUPS as readonly string[]).includes(g)) return { dropFeatures: [g as (typeof ACTION_FEATURE_GROUPS)[number]] };
  }
  if (v === 'dense-all-action/in-batch-only') return { randomNegatives: 0 };
  if (v === 'dense-all-action/random-only') return { inBatchNegatives: false };
  throw new Error(`unknown variant ${v}`);
}

function expand(list: string[]): string[] {
  const out: string[] = [];
  for (const v of list) {
    if (v === 'lofo') out.push(...ACTION_FEATURE_GROUPS.map((g) => `dense-all-action/no-${g}`));
    else if (v === 'no-logq' || v === 'in-batch-only' || v === 'random-only') out.push(`dense-all-action/${v}`);
    else out.push(v);
  }
  return out;
}

describe.skipIf(!which)('P2 quality run (PinnerFormer)', () => {
  it(`runs P2 on ${which}`, async () => {
    const backend = process.env.PF_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    const log = (l: string): void => console.log(`[${which}/${backend}] ${l}`);
    let ds: Dataset;
    let truth: SyntheticTruth | undefined;
    if (which === 'online-retail') ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    else if (which === 'synthetic-small' || which === 'synthetic-medium') ({ dataset: ds, truth } = generateSyntheticSync(syntheticPreset(which === 'synthetic-small' ? 'small' : 'medium')));
    else throw new Error(`PF_QUALITY=${which}: use synthetic-small, synthetic-medium or online-retail`);
    const overrides = JSON.parse(process.env.PF_CONFIG ?? '{}') as PinnerFormerConfigInput;
    const base = parsePinnerFormerConfig(overrides);
    const maxSeconds = Number(process.env.PF_MAX_SECONDS ?? 300);
    const split = p2Split(ds, { historyLength: base.historyLength, windowDays: base.windowDays });
    log(`P2 temporal: t0 ${new Date(split.t0).toISOString()}, ${split.shoppers.length} eval shoppers, ${split.targetPairs} pairs`);

    let items: ItemEmbeddings;
    let itemSource: string;
    let itemSeconds = 0;
    const cache = process.env.PF_ITEMS_CACHE;
    if ((process.env.PF_ITEMS ?? 'pinsage') === 'pinsage' && cache && existsSync(cache)) {
      const c = JSON.parse(readFileSync(cache, 'utf8')) as { vectors: number[]; dim: number; source: string; t0: number; dataset: string };
      if (c.t0 !== split.t0 || c.dataset !== ds.name) throw new Error(`${cache} holds item embeddings for ${c.dataset} at t0 ${c.t0}, not ${ds.name} at ${split.t0}`);
      items = { vectors: Float32Array.from(c.vectors), dim: c.dim };
      itemSource = `${c.source} (cached)`;
    } else if ((process.env.PF_ITEMS ?? 'pinsage') === 'pinsage') {
      const p = await pinSageItemEmbeddings(ds, split.t0, JSON.parse(process.env.PF_PINSAGE ?? '{}'), {
        onEvent: (e) => e.type === 'epoch' && log(`pinsage epoch ${e.epoch}: val R@10 ${e.recall10.toFixed(4)} (${e.seconds.toFixed(0)} s)`),
      });
      items = p;
      itemSource = p.source;
      itemSeconds = p.trainSeconds;
      if (cache) writeFileSync(cache, JSON.stringify({ vectors: Array.from(p.vectors), dim: p.dim, source: p.source, t0: split.t0, dataset: ds.name }));
    } else {
      items = contentItemEmbeddings(ds, 64);
      itemSource = 'content: seeded category vector + 0.5 noise per item (64 dims)';
    }
    log(`items: ${itemSource} (${itemSeconds.toFixed(0)} s)`);
    if (truth) {
      // 2,000 items drawn uniformly, and the items of 2,000 events before t0 (popular items weigh more)
      let end = 0;
      while (end < ds.events.timestamp.length && ds.events.timestamp[end] < split.t0) end++;
      for (const [name, q] of [
        ['uniform items', sampleItems(ds.items.length, 2000, 1)],
        ['items of events before t0', sampleEventItems(ds.events.item, end, 2000, 2)],
      ] as const) {
        const c = clusterSeparation(items.vectors, items.dim, truth.itemCluster, q, 10);
        log(`item clusters, ${name}: ${(100 * c.sameCluster).toFixed(1)} % of the ${c.k} nearest items in the same truth cluster (random items: ${(100 * c.chance).toFixed(1)} %)`);
      }
    }

    const variants = expand((process.env.PF_VARIANTS ?? 'dense-all-action,next-action').split(',').filter(Boolean));
    if (variants.length === 0 && process.env.PF_BASELINES === '0') {
      log('no variants, no baselines: item embeddings only');
      return;
    }
    const models: P2ModelSpec[] = [];
    for (const v of variants) {
      const cfg = parsePinnerFormerConfig({ ...overrides, ...variantConfig(v) });
      const data = preparePinnerFormerData(ds, cfg, { split });
      const r = await trainPinnerFormer(cfg, data, items, {
        maxSeconds,
        onEvent: (e) => {
          if (e.type === 'epoch') log(`${v} epoch ${e.epoch}: val R@10 ${e.recall10.toFixed(4)}${e.best ? ' *' : ''} (${e.seconds.toFixed(0)} s)`);
          if (e.type === 'loss' && e.step % 50 === 0) log(`${v} step ${e.step}: loss ${e.loss.toFixed(3)} τ ${e.temperature.toFixed(3)}`);
        },
      });
      log(`${v}: ${r.state.epoch} epochs, best ${r.state.bestEpoch} (val R@10 ${r.state.bestRecall10.toFixed(4)}), ${r.trainSeconds.toFixed(0)} s, ${r.seqsPerSecond.toFixed(1)} seqs/s`);
      const t = performance.now();
      const scorer = await pinnerFormerP2Scorer(r.model, ds, split);
      models.push({
        model: 'pinnerformer',
        variant: v,
        scorer: () => scorer,
        seconds: { train: r.trainSeconds, infer: (performance.now() - t) / 1000 },
        extra: {
          item_embeddings: itemSource,
          config: cfg,
          epochs: r.state.epoch,
          best_epoch: r.state.bestEpoch,
          val_recall10: r.state.bestRecall10,
          seqs_per_s: r.seqsPerSecond,
          train_budget_s: maxSeconds,
        },
      });
      r.model.dispose();
    }
    const results: MetricsEntry[] = await runP2Suite(ds, {
      variants: ['temporal'],
      split: { historyLength: base.historyLength, windowDays: base.windowDays },
      baselines: process.env.PF_BASELINES === '0' ? [] : undefined,
      itemEmbeddings: { emb: items.vectors, dim: items.dim, source: itemSource },
      models,
      log,
    });
    const path = process.env.PF_OUT ?? `docs/pinnerformer/p2-${ds.name}.${backend}.metrics.json`;
    mkdirSync(dirname(path), { recursive: true });
    let out: MetricsJson = existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as MetricsJson)
      : metricsJson({ name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length }, base.seed, backend, []);
    for (const e of results) out = upsertEntry(out, e);
    writeFileSync(path, JSON.stringify(out, null, 2));
    console.table(results.map((e) => ({ model: e.model, variant: e.variant ?? '', ...e.metrics, train_s: e.seconds.train })));
    expect(results.length).toBeGreaterThan(0);
  }, 7_200_000);
});
