// How strong is the planted complementary signal of the synthetic world for PinSage (not CI)?
// PINSAGE_PLANTED=1 npx vitest run src/core/train/pinsage-planted.run.test.ts
// Train period only (and the P1 test pairs' membership, counted, never ranked): how often each planted
// (anchor, partner) pair is a consecutive co-engagement (the P1 sequence rule with multiplicity), in
// how many shoppers' sequences, whether the deduplicated P1 training pairs / validation pairs keep it,
// where the partner ranks among the anchor's successors and in its walk visits.
import { describe, expect, it } from 'vitest';
import { complementPartners, generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import { isPositiveEvent, NO_SHOPPER } from '../data/types';
import { eventsByShopper, groupCount } from '../eval/splits/groups';
import { walkNeighbourhoods } from '../graph/walks';
import { parsePinSageConfig } from '../models/pinsage/config';
import { preparePinSageData } from './pinsage-data';

const quantiles = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (f: number): number => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return `n ${s.length}, mean ${(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)).toFixed(2)}, p25 ${at(0.25)}, median ${at(0.5)}, p75 ${at(0.75)}, p90 ${at(0.9)}, max ${s[s.length - 1]}`;
};

describe.skipIf(!process.env.PINSAGE_PLANTED)('planted partners: signal strength (synthetic small)', () => {
  it('counts planted co-engagements in the train period', () => {
    const g = generateSyntheticSync(syntheticPreset('small'));
    const ds = g.dataset;
    const ev = ds.events;
    const nItems = ds.items.length;
    const cfg = parsePinSageConfig({});
    const d = preparePinSageData(ds, cfg);
    const trainEnd = d.split.trainEnd;
    const anchors = g.truth.complements.anchors;
    const key = (a: number, b: number): number => a * nItems + b;
    const planted = new Set<number>();
    for (const a of anchors) for (const p of complementPartners(g.truth, a)) planted.add(key(a, p));

    // consecutive distinct positive items per shopper within 24 h (the P1 sequence rule), with multiplicity
    const keep = (e: number): boolean => ev.item[e] < nItems && isPositiveEvent(ev.action[e], ev.value[e]);
    const groups = eventsByShopper(ev, groupCount(ev.shopper, NO_SHOPPER, ds.shoppers.length), 0, trainEnd, keep);
    const count = new Map<number, number>();
    const shoppers = new Map<number, Set<number>>();
    const succ = new Map<number, Map<number, number>>();
    let transitions = 0;
    for (let s = 0; s + 1 < groups.offsets.length; s++) {
      let prev = -1;
      let prevT = 0;
      for (let k = groups.offsets[s]; k < groups.offsets[s + 1]; k++) {
        const e = groups.events[k];
        const it = ev.item[e];
        const t = ev.timestamp[e];
        if (it !== prev && prev !== -1 && t - prevT <= d.split.windowMs) {
          transitions++;
          const kk = key(prev, it);
          count.set(kk, (count.get(kk) ?? 0) + 1);
          let sh = shoppers.get(kk);
          if (!sh) shoppers.set(kk, (sh = new Set()));
          sh.add(s);
          let m = succ.get(prev);
          if (!m) succ.set(prev, (m = new Map()));
          m.set(it, (m.get(it) ?? 0) + 1);
        }
        prev = it;
        prevT = t;
      }
    }
    const trainSet = new Set<number>();
    for (let k = 0; k < d.trainPairs.q.length; k++) trainSet.add(key(d.trainPairs.q[k], d.trainPairs.i[k]));
    const valSet = new Set<number>();
    for (let k = 0; k < d.valPairs.q.length; k++) valSet.add(key(d.valPairs.q[k], d.valPairs.i[k]));
    const testSet = new Set<number>();
    for (let k = 0; k < d.split.testPairs.q.length; k++) testSet.add(key(d.split.testPairs.q[k], d.split.testPairs.i[k]));

    // anchor activity in the train period
    const anchorEvents = new Map<number, number>();
    for (let e = 0; e < trainEnd; e++) if (g.truth.complements.anchorIndex[ev.item[e]] >= 0) anchorEvents.set(ev.item[e], (anchorEvents.get(ev.item[e]) ?? 0) + 1);

    const plantedCounts: number[] = [];
    const plantedShoppers: number[] = [];
    let seen = 0, inTrain = 0, inVal = 0, inTest = 0, reverseSeen = 0, topSucc = 0, top3Succ = 0;
    const succRanks: number[] = [];
    for (const kk of planted) {
      const a = Math.floor(kk / nItems);
      const p = kk % nItems;
      const c = count.get(kk) ?? 0;
      plantedCounts.push(c);
      plantedShoppers.push(shoppers.get(kk)?.size ?? 0);
      if (c > 0) seen++;
      if (trainSet.has(kk)) inTrain++;
      if (valSet.has(kk)) inVal++;
      if (testSet.has(kk)) inTest++;
      if ((count.get(key(p, a)) ?? 0) > 0) reverseSeen++;
      if (c > 0) {
        const m = succ.get(a)!;
        let rank = 1;
        for (const [, v] of m) if (v > c) rank++;
        succRanks.push(rank);
        if (rank === 1) topSucc++;
        if (rank <= 3) top3Succ++;
      }
    }
    const pairCounts = [...count.values()];
    console.log(`train events ${trainEnd} of ${ev.length}, transitions ${transitions}, distinct pairs ${count.size}, P1 train pairs ${d.trainPairs.q.length} + val ${d.valPairs.q.length}, test pairs ${d.split.testPairs.q.length}`);
    console.log(`all co-engagement pairs, occurrences per distinct pair: ${quantiles(pairCounts)}`);
    console.log(`planted pairs ${planted.size} (anchors ${anchors.length}): occurrences ${quantiles(plantedCounts)}`);
    console.log(`planted pairs: distinct shoppers ${quantiles(plantedShoppers)}`);
    console.log(`planted seen ≥ 1 in train ${seen}, ≥ 2 ${plantedCounts.filter((c) => c >= 2).length}, ≥ 3 ${plantedCounts.filter((c) => c >= 3).length}; in P1 train pairs ${inTrain}, in val ${inVal}, in test pairs ${inTest}; reverse (p, a) seen ${reverseSeen}`);
    console.log(`planted occurrences in all transitions: ${plantedCounts.reduce((a, b) => a + b, 0)} of ${transitions}`);
    console.log(`partner's rank among the anchor's successors by count (seen pairs): ${quantiles(succRanks)}; top-1 ${topSucc}, top-3 ${top3Succ}`);
    const succTotals = anchors.length ? [...anchors].map((a) => [...(succ.get(a)?.values() ?? [])].reduce((x, y) => x + y, 0)) : [];
    console.log(`anchor: train events ${quantiles([...anchors].map((a) => anchorEvents.get(a) ?? 0))}; successor transitions ${quantiles(succTotals)}`);

    // walk visits: partner's rank in the anchor's 50 most visited items (plain visit counts)
    const wide = walkNeighbourhoods(d.graph, { ...d.walk, topT: 50 }, 0, nItems);
    const visitRanks: number[] = [];
    let in10 = 0, in50 = 0;
    for (const kk of planted) {
      const a = Math.floor(kk / nItems);
      const p = kk % nItems;
      let r = 0;
      for (let j = 0; j < wide.sizes[a]; j++) if (wide.items[a * 50 + j] === p) r = j + 1;
      if (r > 0) visitRanks.push(r);
      if (r > 0 && r <= 10) in10++;
      if (r > 0) in50++;
    }
    let inNb = 0;
    const nb = d.neighbourhoods;
    for (const kk of planted) {
      const a = Math.floor(kk / nItems);
      const p = kk % nItems;
      for (let j = 0; j < nb.sizes[a]; j++) if (nb.items[a * nb.topT + j] === p) inNb++;
    }
    console.log(`partner in anchor's visit top-10 ${in10}, top-50 ${in50} (ranks ${quantiles(visitRanks)}); in the default (β ${cfg.neighbourDegreeNorm}) top-${cfg.topT} ${inNb}`);
    expect(planted.size).toBeGreaterThan(0);
  });
});
