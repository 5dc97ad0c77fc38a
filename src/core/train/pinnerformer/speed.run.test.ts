// PinnerFormer speed in Node (not part of CI; the browser numbers come from `npm run bench -- --filter pinnerformer`):
//   PF_SPEED=online-retail|synthetic-small [PF_BACKEND=wasm|cpu] [PF_STEPS=12] npx vitest run src/core/train/pinnerformer/speed.run.test.ts
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import { measurePinnerFormerSpeed } from './speed';

const which = process.env.PF_SPEED;

describe.skipIf(!which)('PinnerFormer speed (Node)', () => {
  it(`measures on ${which}`, async () => {
    const backend = process.env.PF_BACKEND ?? 'wasm';
    await useNodeBackend(backend);
    const ds =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const entries = await measurePinnerFormerSpeed(ds, { backend, steps: Number(process.env.PF_STEPS ?? 12), log: (l) => console.log(`[${which}/${backend}] ${l}`) });
    console.log(JSON.stringify(entries, null, 2));
    expect(entries.length).toBe(2);
  }, 3_600_000);
});
