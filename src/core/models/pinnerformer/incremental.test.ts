// Daily incremental inference, replaying five days of the synthetic small world: untouched
// shoppers keep bit-identical vectors, active ones change and equal a full recomputation, new
// shoppers are added, and the key-value form maps ids to the snapshot's vectors.
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_SHOPPER, type Dataset } from '../../data/types';
import { DAY_MS, firstIndexAtOrAfter } from '../../eval/splits/time';
import { contentItemEmbeddings, smallWorld, useTestBackend } from '../../train/pinnerformer/test-world';
import { parsePinnerFormerConfig } from './config';
import { fullSnapshot, incrementalUpdate, snapshotToKeyValue, type ShopperSnapshot } from './incremental';
import { inferShopperEmbeddings } from './infer';
import { buildPinnerFormerModel, type PinnerFormerModel } from './model';

let ds: Dataset;
let model: PinnerFormerModel;

beforeAll(async () => {
  await useTestBackend();
  ds = smallWorld();
  model = buildPinnerFormerModel(parsePinnerFormerConfig({ historyLength: 16, hidden: 32, ffn: 64, heads: 2, layers: 1 }), contentItemEmbeddings(ds, 16));
});

function vectorOf(s: ShopperSnapshot, id: string): Float32Array | null {
  const k = s.ids.indexOf(id);
  return k < 0 ? null : s.vectors.slice(k * s.dim, (k + 1) * s.dim);
}

describe('daily incremental inference', () => {
  it('recomputes only the day’s active shoppers, keeps the rest bit for bit, adds new ones', async () => {
    const ev = ds.events;
    const end = ev.timestamp[ev.length - 1];
    const day0 = Math.floor((end - 6 * DAY_MS) / DAY_MS) * DAY_MS;
    let snap = await fullSnapshot(model, ds, day0);
    expect(snap.ids.length).toBeGreaterThan(100);
    let totalAdded = 0;
    for (let d = 0; d < 5; d++) {
      const a = day0 + d * DAY_MS;
      const b = a + DAY_MS;
      const active = new Set<number>();
      for (let e = firstIndexAtOrAfter(ev.timestamp, a); e < firstIndexAtOrAfter(ev.timestamp, b); e++) if (ev.shopper[e] !== NO_SHOPPER) active.add(ev.shopper[e]);
      const { snapshot, report } = await incrementalUpdate(model, ds, snap, a, b);
      expect(report.active).toBe(active.size);
      expect(report.recomputed + report.added).toBe(active.size);
      expect(report.kept + report.recomputed).toBe(snap.ids.length);
      expect(snapshot.ids.length).toBe(snap.ids.length + report.added);
      expect(snapshot.asOf).toBe(b);
      totalAdded += report.added;
      // an untouched shopper: bit-identical; an active one seen before: changed, and equal to a full recomputation
      const untouched = snap.ids.find((id) => !active.has(ds.shoppers.indexOf(id)))!;
      expect(vectorOf(snapshot, untouched)).toEqual(vectorOf(snap, untouched));
      const activeOld = [...active].map((s) => ds.shoppers[s]).find((id) => snap.ids.includes(id));
      if (activeOld) {
        expect(vectorOf(snapshot, activeOld)).not.toEqual(vectorOf(snap, activeOld));
        const fresh = await inferShopperEmbeddings(model, ds, [ds.shoppers.indexOf(activeOld)], b);
        expect(vectorOf(snapshot, activeOld)).toEqual(fresh.vectors);
      }
      snap = snapshot;
    }
    // after the replay, every shopper active up to the last day is in the snapshot
    const full = await fullSnapshot(model, ds, day0 + 5 * DAY_MS);
    expect(new Set(snap.ids)).toEqual(new Set(full.ids));
    expect(totalAdded).toBe(full.ids.length - (await fullSnapshot(model, ds, day0)).ids.length);
    const kv = snapshotToKeyValue(snap);
    expect(kv.size).toBe(snap.ids.length);
    expect(kv.get(snap.ids[3])).toEqual(vectorOf(snap, snap.ids[3]));
  }, 60_000);

  it('refuses a day that starts before the snapshot', async () => {
    const snap: ShopperSnapshot = { ids: [], vectors: new Float32Array(0), dim: model.outDim, asOf: 1000 };
    await expect(incrementalUpdate(model, ds, snap, 0, 2000)).rejects.toThrow(/before the snapshot/);
  });
});
