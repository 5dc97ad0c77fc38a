// P4 diagnosis run (not part of CI): why do personalised feeds lose to the popular control?
//   P4_DIAG=online-retail|synthetic-small npx vitest run src/core/eval/p4-diagnose.run.test.ts
// Env: P4_DIAG_VALIDATION=1 — the validation replay: the dataset cut at the P4 cut-off t0, so its own
// cut-off is t0 − 14 days and its window is the 14 days before t0 (never the P4 test window);
// P4_DIAG_SIMO=1 — also SIMO (FEEDS_SIMO_CONFIG JSON overrides); P4_DIAG_WEIGHTS — comma list of
// popularityWeight values scored (default 0,0.1,0.2,0.3,0.5,0.7,0.9); P4_DIAG_TABLES — comma list of
// cooc-count,cooc-cos,itemknn-p3,simo,pinsage (default the first three, + simo with P4_DIAG_SIMO=1);
// P4_DIAG_K — lookup k (default 10); P4_DIAG_FEEDS — JSON array of partial feed configs, each
// scored at every weight on the same tables (default [{}]; e.g. '[{"popularityPool":"popular"},
// {"popularityPool":"candidates"}]' scores both pools with one training); P4_DIAG_LOGPOP=1 — log(1 + count) as the popularity;
// P4_DIAG_HUBS=1 — the 10 commonest targets of each table (id, title, purchases, popularity rank).
// P4_DIAG_PINSAGE=1 — a budget PinSage (3 × 60 steps, p4-diagnose-pinsage.ts) trained on the events before the cut-off only,
// for FEEDS_SIMO_CONFIG with pinsage 'init' / 'concat' (then also concat_content_share: the learned share a
// of the SIMO part in [√a · simo | √(1 − a) · pinsage]); table `pinsage` — that budget PinSage alone as the
// lookup (every role the same vector; trained once and shared with SIMO). P4_DIAG_PINSAGE_CONFIG — JSON PinSage
// config replacing the budget one (e.g. the batch stage '{"epochs":3,"maxStepsPerEpoch":250,"validateEvery":125}').
// For SIMO also the mean resultant length of its buy-query and target embeddings (mrl_*: 1 = all
// items the same direction, 0 = spread).
// Prints, per lookup table (co-occurrence counts, itemknn cosine, SIMO): the reachable share of the
// window's new pairs (target among the top-k of any of the shopper's ≤ 100 queries), the union
// size, and P4 of the composer at each popularity weight (column f<config>w<weight>: recall@feed /
// recall@feed_new, hits, mean feed length, share of feed items without a reason, and the recall@feed
// difference to the exclude-bought popular control with its shopper-paired standard error and
// bootstrap 95 % interval, eval/p4-paired.ts); the popular control under the same rule.
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../compute/node-test-backend';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { FeedComposer } from '../feeds/composer';
import { ShopperEvents } from '../feeds/history';
import { simoEmbedder } from '../feeds/simo-embedder';
import { buildLookupTable, type LookupTable } from '../retrieval/lookup-table';
import { p3ItemKnnEmbeddings } from './p3-itemknn';
import { supportedRelations } from './p3';
import { p3Split } from './splits/p3-split';
import { p4CutOff, p4Split, popularControl, popularControlExcludingBought, purchasedBefore, scoreP4, type P4Split } from './p4';
import { centredRoleEmbeddings, cooccurrenceLookupTable, datasetBefore, meanResultantLength } from './p4-diagnose';
import { p4PairedDifference } from './p4-paired';
import { recentPurchaseCounts } from '../feeds/popularity';
import { budgetPinSage, concatContentShare, pinSageRoleEmbeddings } from './p4-diagnose-pinsage';
import type { PinSageMatrix } from '../models/simo/encoder';
import type { PinSageConfigInput } from '../models/pinsage/config';

const which = process.env.P4_DIAG;

function reach(split: P4Split, table: LookupTable, events: ShopperEvents, bought: Map<number, Set<number>>, k: number): { reach: number; reachNew: number; union: number } {
  let hit = 0;
  let hitNew = 0;
  let union = 0;
  const rt = table.roles['buy-query'];
  const vt = table.roles['view-query'];
  for (let r = 0; r < split.shoppers.length; r++) {
    const s = split.shoppers[r];
    const h = events.history(s);
    const qs = new Set<string>();
    const u = new Set<number>();
    for (let j = h.length - 1; j >= 0 && qs.size < 100; j--) {
      const key = `${h.item(j)}:${h.action(j)}`;
      if (qs.has(key)) continue;
      qs.add(key);
      const t = h.action(j) === 'purchase' ? rt : vt;
      const row = t.rowOf[h.item(j)];
      if (row < 0) continue;
      for (let x = 0; x < k; x++) {
        const it = t.targets[row * table.k + x];
        if (it >= 0 && !bought.get(s)?.has(it)) u.add(it);
      }
    }
    union += u.size;
    for (let j = split.targets.offsets[r]; j < split.targets.offsets[r + 1]; j++) {
      if (u.has(split.targets.values[j])) {
        hit++;
        if (split.isNew[j]) hitNew++;
      }
    }
  }
  return { reach: hit / split.pairs, reachNew: hitNew / split.pairsNew, union: union / split.shoppers.length };
}

describe.skipIf(!which)('P4 diagnosis', () => {
  it(`diagnoses P4 on ${which}`, async () => {
    await useNodeBackend('wasm');
    const full: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const ds = process.env.P4_DIAG_VALIDATION === '1' ? datasetBefore(full, p4CutOff(full)) : full;
    const t0 = p4CutOff(ds);
    console.log(`${ds.name}${ds === full ? '' : ' (validation)'}: t0 ${new Date(t0).toISOString()}, ${ds.events.length} events`);
    const mask = new Uint8Array(ds.items.length).fill(1);
    const set = Uint32Array.from({ length: ds.items.length }, (_, i) => i);
    const split = p4Split(ds, mask);
    const events = new ShopperEvents(ds, t0);
    const bought = purchasedBefore(ds, split.trainEnd, split.shoppers);
    const pop = recentPurchaseCounts(ds, t0, 14).map((c) => (process.env.P4_DIAG_LOGPOP === '1' ? Math.log1p(c) : c));
    const K = Number(process.env.P4_DIAG_K ?? 10);
    const want = new Set((process.env.P4_DIAG_TABLES ?? `cooc-count,cooc-cos,itemknn-p3${process.env.P4_DIAG_SIMO === '1' ? ',simo' : ''}`).split(','));
    const ranking = popularControl(ds, t0, mask, ds.items.length);
    const excl = Array.from(split.shoppers, (s) => popularControlExcludingBought(ranking, bought.get(s), 20));
    const pc = scoreP4(split, (r) => excl[r]);
    console.log(`shoppers ${split.shoppers.length}, pairs ${split.pairs}, new ${split.pairsNew}; popular control exclude-bought: ${pc['recall@feed'].toFixed(4)} / new ${pc['recall@feed_new'].toFixed(4)}`);
    const tables: [string, LookupTable][] = [];
    const spread = new Map<string, Record<string, string>>();
    if (want.has('cooc-count')) tables.push(['cooc-count', cooccurrenceLookupTable(ds, t0, set, { k: K, normalise: 0 })]);
    if (want.has('cooc-cos')) tables.push(['cooc-cos', cooccurrenceLookupTable(ds, t0, set, { k: K, normalise: 0.5 })]);
    if (want.has('itemknn-p3')) {
      const p3 = p3Split(ds, { seed: 42, before: t0 });
      tables.push(['itemknn-p3', await buildLookupTable(ds, p3ItemKnnEmbeddings(p3, ds.items.length, supportedRelations(ds)), set, { k: K, cutoff: t0 })]);
    }
    const cache: { pinsage?: Promise<PinSageMatrix> } = {};
    const pinsage = (d: Dataset, b: number): Promise<PinSageMatrix> => (cache.pinsage ??= budgetPinSage(d, b, (l) => console.log(l), process.env.P4_DIAG_PINSAGE_CONFIG ? (JSON.parse(process.env.P4_DIAG_PINSAGE_CONFIG) as PinSageConfigInput) : undefined));
    if (want.has('pinsage')) tables.push(['pinsage', await buildLookupTable(ds, pinSageRoleEmbeddings(await pinsage(ds, t0), ds.items.length), set, { k: K, cutoff: t0 })]);
    if (want.has('simo')) {
      const emb = await simoEmbedder(JSON.parse(process.env.FEEDS_SIMO_CONFIG ?? '{}'), (l) => console.log(l), process.env.P4_DIAG_PINSAGE === '1' ? pinsage : undefined)(ds, t0);
      tables.push(['simo', await buildLookupTable(ds, emb, set, { k: K, cutoff: t0 })]);
      const mrl = (m: Float32Array): string => meanResultantLength(m, emb.dim, emb.items).toFixed(3);
      const psDim = cache.pinsage ? (await cache.pinsage).dim : 0;
      const share: Record<string, string> = emb.source.endsWith('concat') ? { concat_content_share: concatContentShare(emb.buyQuery, emb.dim, emb.items, psDim).toFixed(3) } : {};
      spread.set('simo', { mrl_buy_query: mrl(emb.buyQuery), mrl_target: mrl(emb.target), ...share });
      tables.push(['simo-centred', await buildLookupTable(ds, centredRoleEmbeddings(emb), set, { k: K, cutoff: t0 })]);
    }
    const feedCfgs = JSON.parse(process.env.P4_DIAG_FEEDS ?? '[{}]') as Record<string, unknown>[];
    const weights = (process.env.P4_DIAG_WEIGHTS ?? '0,0.1,0.2,0.3,0.5,0.7,0.9').split(',').map(Number);
    const rows: Record<string, string | number>[] = [];
    for (const [name, table] of tables) {
      const rc = reach(split, table, events, bought, K);
      const bt = table.roles['buy-query'];
      const freq = new Map<number, number>();
      for (const x of bt.targets) if (x >= 0) freq.set(x, (freq.get(x) ?? 0) + 1);
      const top = [...freq.values()].sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0);
      const row: Record<string, string | number> = {
        table: name,
        reach: rc.reach.toFixed(4),
        reach_new: rc.reachNew.toFixed(4),
        union: rc.union.toFixed(0),
        distinct_targets: freq.size,
        top10_target_share: (top / Math.max(1, bt.targets.length)).toFixed(3),
        ...spread.get(name),
      };
      for (const [c, fc] of feedCfgs.entries()) {
        for (const w of weights) {
          const composer = new FeedComposer(table, ds.items, { targetsPerQuery: Math.min(K, 100), ...fc, popularityWeight: w }, null, pop);
          let shown = 0;
          let unexplained = 0;
          const lists = Array.from(split.shoppers, (s) => {
            const items = composer.compose(s, events.history(s), t0).items;
            shown += items.length;
            for (const x of items) if (x.because.length === 0) unexplained++;
            return items.map((x) => x.item);
          });
          const sc = scoreP4(split, (r) => lists[r]);
          const vs = p4PairedDifference(split, (r) => lists[r], (r) => excl[r]);
          row[`f${c}w${w}`] =
            `${sc['recall@feed'].toFixed(4)}/${sc['recall@feed_new'].toFixed(4)} hits ${sc.hits} len ${(shown / Math.max(1, lists.length)).toFixed(1)} unexpl ${(unexplained / Math.max(1, shown)).toFixed(3)}` +
            ` vs control ${vs.diff >= 0 ? '+' : ''}${vs.diff.toFixed(4)} se ${vs.se.toFixed(4)} ci95 ${vs.ci95.map((x) => x.toFixed(4)).join('..')}`;
        }
      }
      if (process.env.P4_DIAG_HUBS === '1') {
        const hubs = [...freq.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10);
        const popRank = new Map(Array.from(ranking, (it, r) => [it, r] as const));
        for (const [it, f] of hubs) console.log(`hub ${name}: ${ds.items.ids[it]} "${ds.items.title[it]}" in ${f} rows; purchases 14 d before t0 ${pop[it]}, popularity rank ${popRank.get(it) ?? '—'}`);
      }
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    console.table(rows);
    expect(rows.length).toBe(tables.length);
  }, 3_600_000);
});
