import { describe, expect, it } from 'vitest';
import { datasetHash } from './content-hash';
import { generateSyntheticSync, syntheticPreset } from './synthetic';
import { tinyDataset } from '../eval/splits/tiny-dataset';

describe('datasetHash', () => {
  it('is stable for equal content, ignores meta and changes with one event', async () => {
    const a = tinyDataset([
      { s: 'u1', i: 'a', a: 'purchase', t: 1000 },
      { s: 'u1', i: 'b', a: 'view', t: 2000 },
    ]);
    const b = tinyDataset([
      { s: 'u1', i: 'a', a: 'purchase', t: 1000 },
      { s: 'u1', i: 'b', a: 'view', t: 2000 },
    ]);
    const h = await datasetHash(a);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await datasetHash(b)).toBe(h);
    expect(await datasetHash({ ...b, meta: { ...b.meta, loadedAt: 'later' } })).toBe(h);
    const c = tinyDataset([
      { s: 'u1', i: 'a', a: 'purchase', t: 1000 },
      { s: 'u1', i: 'b', a: 'view', t: 2001 },
    ]);
    expect(await datasetHash(c)).not.toBe(h);
  });

  it('hashes the seeded synthetic world the same twice', async () => {
    const cfg = { ...syntheticPreset('small'), seed: 7 };
    const x = generateSyntheticSync(cfg);
    const y = generateSyntheticSync(cfg);
    expect(await datasetHash(x.dataset)).toBe(await datasetHash(y.dataset));
  });
});
