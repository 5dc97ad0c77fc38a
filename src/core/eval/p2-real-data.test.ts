/**
 * P2 baselines on real data (the bundled Online Retail, via the online-retail preset) and on the
 * synthetic small world, checked against a plain reference loop written here (string ids, Maps,
 * sorted arrays; no typed-array tricks and none of the evaluation code), and sanity-checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadDataset } from '../data/load';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import type { MetricsEntry } from './metrics-json';
import { runP2Suite } from './p2-run';
import { p2Split } from './splits/p2-shopper-to-item';
import { refEvents, refP2, type RefEvent } from './splits/real-data.reference';

const RETAIL = 'datasets/online-retail/online_retail.parquet';
const DAY = 86_400_000;

async function loadRetail(): Promise<Dataset> {
  const b = readFileSync(RETAIL);
  const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'online-retail' }, [
    { name: 'online_retail.parquet', data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) },
  ]);
  if (!dataset) throw new Error(report.fatal);
  return dataset;
}

const positive = (r: RefEvent): boolean => r.action !== 7 /* cancel */ && !(r.action === 6 /* rating */ && r.value < 4);

interface RefMetrics {
  recall: number;
  recallNew: number;
  pairs: number;
  newPairs: number;
  coverage: number;
}

/** The reference: popularity and repeat top-10 lists from the rows, hits counted with Sets. */
function reference(ds: Dataset, rows: RefEvent[], t0: number): { popularity: RefMetrics; repeat: RefMetrics; shoppers: number } {
  const index = new Map(ds.items.ids.map((id, k) => [id, k]));
  const pop = new Map<string, number>();
  for (const r of rows) if (r.t >= t0 - 14 * DAY && r.t < t0 && positive(r)) pop.set(r.item, (pop.get(r.item) ?? 0) + 1);
  // every catalogue item by popularity, ties by catalogue index
  const popOrder = [...ds.items.ids].sort((a, b) => (pop.get(b) ?? 0) - (pop.get(a) ?? 0) || index.get(a)! - index.get(b)!);
  const shoppers = refP2(rows, t0, 14);
  const score = (lists: (s: string, seen: Set<string>) => string[]): RefMetrics => {
    let hits = 0;
    let pairs = 0;
    let hitsNew = 0;
    let newPairs = 0;
    const slots = new Map<string, number>();
    for (const [id, sh] of shoppers) {
      const full = lists(id, new Set()).slice(0, 10);
      for (const i of full) slots.set(i, (slots.get(i) ?? 0) + 1);
      for (const t of sh.targets) if (full.includes(t)) hits++;
      pairs += sh.targets.length;
      const fresh = lists(id, sh.seen).filter((i) => !sh.seen.has(i)).slice(0, 10);
      for (const t of sh.targets) {
        if (sh.seen.has(t)) continue;
        newPairs++;
        if (fresh.includes(t)) hitsNew++;
      }
    }
    const counts = [...slots.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    let acc = 0;
    let k = 0;
    while (acc < 0.9 * total - 1e-9 * total) acc += counts[k++];
    return { recall: hits / pairs, recallNew: hitsNew / newPairs, pairs, newPairs, coverage: k / ds.items.length };
  };
  const popularity = score(() => popOrder);
  const own = new Map<string, string[]>();
  for (const [id, sh] of shoppers) {
    const stats = new Map<string, { n: number; last: number }>();
    for (const r of sh.history) {
      if (!positive(r)) continue;
      const s = stats.get(r.item) ?? { n: 0, last: 0 };
      s.n++;
      s.last = r.t;
      stats.set(r.item, s);
    }
    own.set(id, [...stats.keys()].sort((a, b) => stats.get(b)!.n - stats.get(a)!.n || stats.get(b)!.last - stats.get(a)!.last || index.get(a)! - index.get(b)!));
  }
  const repeat = score((id) => {
    const mine = own.get(id)!;
    const set = new Set(mine);
    return [...mine, ...popOrder.filter((i) => !set.has(i)).slice(0, 10 + mine.length)];
  });
  return { popularity, repeat, shoppers: shoppers.size };
}

function byModel(res: MetricsEntry[], model: string): MetricsEntry {
  const e = res.find((x) => x.model === model && x.split === 'temporal');
  if (!e) throw new Error(`no ${model} entry`);
  return e;
}

function expectMatches(e: MetricsEntry, ref: RefMetrics): void {
  expect(e.counts.target_pairs).toBe(ref.pairs);
  expect(e.counts.new_pairs).toBe(ref.newPairs);
  expect(e.metrics['recall@10']).toBeCloseTo(ref.recall, 12);
  expect(e.metrics['recall@10_new']).toBeCloseTo(ref.recallNew, 12);
  expect(e.metrics['p90_coverage@10']).toBeCloseTo(ref.coverage, 12);
  const [lo, hi] = e['recall@10_ci95'] as [number, number];
  expect(lo).toBeLessThanOrEqual(ref.recall);
  expect(hi).toBeGreaterThanOrEqual(ref.recall);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe.skipIf(!existsSync(RETAIL))('P2 baselines on Online Retail (real data)', () => {
  let ds: Dataset;
  let res: MetricsEntry[];
  let ref: ReturnType<typeof reference>;
  beforeAll(async () => {
    ds = await loadRetail();
    res = await runP2Suite(ds, { eval: { bootstrap: 200 } });
    ref = reference(ds, refEvents(ds), p2Split(ds).t0);
  }, 120_000);

  it('popularity and repeat equal the reference loop', () => {
    expect(res.map((e) => e.model)).toEqual(['popularity', 'repeat']); // 4,372 shoppers: no disjoint variant, no embeddings given
    expect(byModel(res, 'popularity').counts.eval_shoppers).toBe(ref.shoppers);
    expectMatches(byModel(res, 'popularity'), ref.popularity);
    expectMatches(byModel(res, 'repeat'), ref.repeat);
  });

  it('repeat beats popularity on this repeat-heavy wholesale log; both are the same list on new items', () => {
    const pop = byModel(res, 'popularity').metrics;
    const rep = byModel(res, 'repeat').metrics;
    expect(rep['recall@10']).toBeGreaterThan(1.5 * pop['recall@10']);
    // repeat's own items are all seen: without them it is the popularity list
    expect(rep['recall@10_new']).toBe(pop['recall@10_new']);
    // popularity gives everyone the same 10 items: 9 of them get 90% of the slots
    expect(pop['p90_coverage@10']).toBeCloseTo(9 / ds.items.length, 12);
    expect(rep['p90_coverage@10']).toBeGreaterThan(20 * pop['p90_coverage@10']);
  });
});

describe('P2 baselines on the synthetic small world', () => {
  let ds: Dataset;
  let res: MetricsEntry[];
  let ref: ReturnType<typeof reference>;
  beforeAll(async () => {
    const w = generateSyntheticSync(syntheticPreset('small'));
    ds = w.dataset;
    // planted item clusters as one-hot item embeddings: mean-embedding then recommends the shopper's recent clusters
    const C = w.truth.clusterCount;
    const emb = new Float32Array(ds.items.length * C);
    for (let i = 0; i < ds.items.length; i++) emb[i * C + w.truth.itemCluster[i]] = 1;
    res = await runP2Suite(ds, { eval: { bootstrap: 200 }, itemEmbeddings: { emb, dim: C, source: 'planted clusters' } });
    ref = reference(ds, refEvents(ds), p2Split(ds).t0);
  }, 120_000);

  it('popularity and repeat equal the reference loop', () => {
    expect(res.map((e) => e.model)).toEqual(['popularity', 'repeat', 'mean-embedding']);
    expectMatches(byModel(res, 'popularity'), ref.popularity);
    expectMatches(byModel(res, 'repeat'), ref.repeat);
  });

  it('planted-cluster mean-embedding finds new items better than popularity', () => {
    const pop = byModel(res, 'popularity').metrics;
    const mean = byModel(res, 'mean-embedding').metrics;
    expect(mean['recall@10_new']).toBeGreaterThan(pop['recall@10_new']);
    expect(mean['p90_coverage@10']).toBeGreaterThan(pop['p90_coverage@10']);
  });
});
