// Diagnostics of the P1 training pairs vs the test / validation pairs (not CI):
// PINSAGE_PAIRS=online-retail|synthetic-small npx vitest run src/core/train/pinsage-pairs.run.test.ts
// Prints how many test pairs repeat a training pair, how the basket cap thins the pairs, and the
// non-learned baselines on the VALIDATION pairs (so PinSage's validation Recall@10 has a reference).
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { evaluateP1 } from '../eval/p1';
import { itemKnnScorer, popularityCounts, popularityScorer, pprWalkScorer } from '../eval/p1-baselines';
import { coEngagementPairs } from '../eval/splits/co-engagement';
import { PairSet, type ItemPairs } from '../eval/splits/pairs';
import { parsePinSageConfig } from '../models/pinsage/config';
import { preparePinSageData } from './pinsage-data';

const which = process.env.PINSAGE_PAIRS;

function share(p: ItemPairs, set: PairSet): number {
  let hit = 0;
  for (let k = 0; k < p.q.length; k++) if (set.has(p.q[k], p.i[k])) hit++;
  return p.q.length ? hit / p.q.length : 0;
}

describe.skipIf(!which)('P1 pair diagnostics', () => {
  it(`pairs of ${which}`, async () => {
    const ds: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const cfg = parsePinSageConfig({});
    const d = preparePinSageData(ds, cfg);
    const set = (p: ItemPairs): PairSet => {
      const s = new PairSet(d.nItems, p.q.length);
      for (let k = 0; k < p.q.length; k++) s.add(p.q[k], p.i[k]);
      return s;
    };
    const train = set(d.trainPairs);
    const test = d.split.testPairs;
    console.log(`[pairs ${which}] mode ${d.split.mode}, train pairs ${d.trainPairs.q.length}, val ${d.valPairs.q.length}, test ${test.q.length}`);
    console.log(`[pairs ${which}] test pairs that are training pairs: ${share(test, train).toFixed(3)}`);
    if (d.split.mode === 'basket') {
      const uncapped = coEngagementPairs(ds, 0, d.split.trainEnd, { mode: 'basket', basketCap: 1e9 });
      const all = set(uncapped);
      console.log(`[pairs ${which}] uncapped distinct train pairs ${uncapped.q.length}; test pairs among them ${share(test, all).toFixed(3)}; val pairs among capped-train ${share(d.valPairs, train).toFixed(3)}`);
      for (const seed of [1, 2, 3]) {
        const other = coEngagementPairs(ds, 0, d.split.trainEnd, { mode: 'basket', basketCap: 20, seed });
        const u = set(d.trainPairs);
        for (let k = 0; k < other.q.length; k++) u.add(other.q[k], other.i[k]);
        console.log(`[pairs ${which}] + cap draw seed ${seed}: union ${u.size}, test pairs in union ${share(test, u).toFixed(3)}`);
      }
    }
    const nb = d.neighbourhoods;
    let inNb = 0;
    for (let k = 0; k < test.q.length; k++) {
      const q = test.q[k];
      for (let j = 0; j < Math.min(nb.sizes[q], cfg.topT); j++) if (nb.items[q * nb.topT + j] === test.i[k]) inNb++;
    }
    console.log(`[pairs ${which}] test pairs with i in q's top-${cfg.topT} walk neighbourhood: ${(inNb / test.q.length).toFixed(3)}`);
    // hubs: how many distinct items fill the neighbourhoods, and how popular they are
    const deg = new Float64Array(d.nItems);
    for (let i = 0; i < d.nItems; i++) deg[i] = d.graph.itemOffsets[i + 1] - d.graph.itemOffsets[i];
    const times = new Uint32Array(d.nItems);
    let slots = 0;
    let degSum = 0;
    let withNb = 0;
    let itemDegSum = 0;
    for (let v = 0; v < d.nItems; v++) {
      const size = Math.min(nb.sizes[v], cfg.topT);
      if (size > 0) (withNb++, (itemDegSum += deg[v]));
      for (let j = 0; j < size; j++) {
        const u = nb.items[v * nb.topT + j];
        times[u]++;
        slots++;
        degSum += deg[u];
      }
    }
    const counts = Array.from(times).filter((x) => x > 0).sort((a, b) => b - a);
    const top50 = counts.slice(0, 50).reduce((a, b) => a + b, 0);
    console.log(`[pairs ${which}] neighbourhood slots ${slots}: ${counts.length} distinct items fill them; the 50 most used fill ${(top50 / slots).toFixed(3)}; mean train degree of a neighbour ${(degSum / slots).toFixed(1)} vs of an item with neighbours ${(itemDegSum / withNb).toFixed(1)}`);
    for (const [name, scorer] of [
      ['popularity', popularityScorer(popularityCounts(ds, d.split.trainEnd))],
      ['itemknn', itemKnnScorer(d.graph)],
      ['ppr', pprWalkScorer(d.graph, { ...d.walk, topT: cfg.topT })],
    ] as const) {
      const v = await evaluateP1(d.valPairs, d.nItems, scorer);
      console.log(`[pairs ${which}] ${name} on validation pairs: R@10 ${v.metrics['recall@10'].toFixed(4)}`);
    }
    expect(d.trainPairs.q.length).toBeGreaterThan(0);
  }, 1_800_000);
});
