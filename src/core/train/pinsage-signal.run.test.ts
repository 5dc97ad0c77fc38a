// Graph signal of the synthetic world for PinSage (not CI): do the anchors' top-T walk neighbourhoods
// contain their planted partners, are (anchor, partner) pairs among the training positives, how
// many P1 test pairs have i in q's top-T? PINSAGE_SIGNAL=1 npx vitest run src/core/train/pinsage-signal.run.test.ts
import { describe, expect, it } from 'vitest';
import { generateSyntheticSync, syntheticPreset, complementPartners } from '../data/synthetic';
import { parsePinSageConfig } from '../models/pinsage/config';
import { preparePinSageData } from './pinsage-data';

describe.skipIf(!process.env.PINSAGE_SIGNAL)('PinSage graph signal (synthetic small)', () => {
  it('counts planted partners in walk neighbourhoods and training pairs', () => {
    const r = generateSyntheticSync(syntheticPreset('small'));
    const ds = r.dataset;
    const cfg = parsePinSageConfig({});
    const d = preparePinSageData(ds, cfg);
    const anchors = r.truth.complements.anchors;
    console.log('items', d.nItems, 'events', ds.events.length, 'train pairs', d.trainPairs.q.length, 'test', d.split.testPairs.q.length, 'anchors', anchors.length, 'mode', d.split.mode);
    const pairSet = new Set<string>();
    for (let k = 0; k < d.trainPairs.q.length; k++) pairSet.add(d.trainPairs.q[k] + ':' + d.trainPairs.i[k]);
    let tot = 0, inNb = 0, inPairs = 0, inPairsRev = 0;
    const nb = d.neighbourhoods;
    let sizes = 0;
    for (const a of anchors) {
      const ps = complementPartners(r.truth, a);
      for (const p of ps) {
        tot++;
        for (let j = 0; j < nb.sizes[a]; j++) if (nb.items[a * nb.topT + j] === p) inNb++;
        if (pairSet.has(a + ':' + p)) inPairs++;
        if (pairSet.has(p + ':' + a)) inPairsRev++;
      }
      sizes += nb.sizes[a];
    }
    console.log({ tot, inNb, inPairs, inPairsRev, meanSize: sizes / anchors.length });
    // pair stats
    const deg = new Map<number, number>();
    for (let k = 0; k < d.trainPairs.q.length; k++) deg.set(d.trainPairs.q[k], (deg.get(d.trainPairs.q[k]) ?? 0) + 1);
    console.log('distinct q', deg.size);
    // how many test pairs (q,i) have i in q's top-T neighbourhood
    let tIn = 0;
    const tp = d.split.testPairs;
    for (let k = 0; k < tp.q.length; k++) { const q = tp.q[k]; for (let j = 0; j < nb.sizes[q]; j++) if (nb.items[q * nb.topT + j] === tp.i[k]) tIn++; }
    console.log('test pairs with i in top-T of q', tIn / tp.q.length);
    let sym = 0, both = 0;
    for (let k = 0; k < d.trainPairs.q.length; k++) { both++; if (pairSet.has(d.trainPairs.i[k] + ':' + d.trainPairs.q[k])) sym++; }
    console.log('share of train pairs whose reverse is also a train pair', sym / both);
    expect(tot).toBeGreaterThan(0);
  });
});
