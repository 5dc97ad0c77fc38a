// The Feeds panel's role embeddings: SIMO trained on a small synthetic world with a tiny step budget
// (three unit-norm role matrices, the steps asked for, the relations of the data), the stand-in only
// when asked or when SIMO cannot be trained (with the reason), and an abort is never a fallback.
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasmOrCpu } from '../compute/node-test-backend';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import { tinyDataset } from '../eval/splits/tiny-dataset';
import { feedEncoder } from './feed-encoder';
import { restoreSimoEncoder } from '../export/model-restore';
import { embedCatalogue } from '../models/simo/embed';
import { STANDIN_SOURCE } from './standin-embeddings';

beforeAll(async () => {
  await useWasmOrCpu();
});

const DAY = 86_400_000;

describe('feedEncoder', () => {
  const ds = generateSyntheticSync(syntheticPreset('small', { events: 6_000, items: 200, shoppers: 150 })).dataset;

  it('trains SIMO with the step budget and reports it', async () => {
    const notes: string[] = [];
    const validations: number[] = [];
    const r = await feedEncoder(ds, { kind: 'simo', steps: 6 }, { onProgress: (_d, _t, note) => note && notes.push(note), onEvent: (e) => e.type === 'validation' && validations.push(e.recall10) });
    expect(r.info.kind).toBe('simo');
    expect(r.info.fallbackReason).toBe('');
    expect(r.info.steps).toBe(6);
    expect(r.info.relations).toEqual(['view-buy', 'buy-buy']);
    expect(r.embeddings.source).toBe('simo');
    expect(r.embeddings.items).toBe(ds.items.length);
    const { dim } = r.embeddings;
    for (const m of [r.embeddings.viewQuery, r.embeddings.buyQuery, r.embeddings.target]) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += m[k] * m[k];
      expect(s).toBeCloseTo(1, 4);
    }
    expect(notes.some((n) => n.startsWith('SIMO: training'))).toBe(true);
    // the training events reach the caller, and the config and the P3 split it trained with come back (P3 is scored on its test pairs)
    expect(validations.length).toBe(r.info.epochs);
    expect(validations.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(r.simo?.config.hidden).toBe(32);
    expect(r.simo?.config.maxStepsPerEpoch).toBe(2);
    expect(r.simo?.split.relations['buy-buy'].test.q.length).toBeGreaterThan(0);
    // the weights load back (as the batch export's models/simo/weights.*): the same role embeddings
    const enc = restoreSimoEncoder({ model: 'simo', config: r.simo?.config, tensors: r.simo?.weights ?? [] }, ds);
    try {
      const { embeddings } = await embedCatalogue(enc);
      expect(embeddings.buyQuery).toEqual(r.embeddings.buyQuery);
      expect(embeddings.target).toEqual(r.embeddings.target);
    } finally {
      enc.dispose();
    }
  }, 60_000);

  it('the stand-in only when asked, or when SIMO cannot be trained, with the reason', async () => {
    expect((await feedEncoder(ds, { kind: 'standin' })).info).toMatchObject({ kind: 'standin', fallbackReason: 'requested' });
    // one purchase per shopper: no buy-buy pair, no views: no P3 pairs at all
    const lonely = tinyDataset([
      { s: 'a', i: 'x', a: 'purchase', t: 1 * DAY },
      { s: 'b', i: 'y', a: 'purchase', t: 2 * DAY },
    ]);
    const r = await feedEncoder(lonely, { kind: 'simo', steps: 5 });
    expect(r.info.kind).toBe('standin');
    expect(r.info.fallbackReason).toMatch(/^SIMO could not be trained here: .*no P3 train pairs/);
    expect(r.embeddings.source).toBe(STANDIN_SOURCE);
    expect(r.simo).toBeUndefined();
  });

  it('an abort stays an abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(feedEncoder(ds, { kind: 'simo', steps: 5 }, { signal: ac.signal })).rejects.toThrow();
  });
});
