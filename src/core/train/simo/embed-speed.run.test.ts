// Catalogue-embedding speed, SIMO vs SISO, in CPU seconds (not part of CI):
//   SIMO_SPEED=online-retail|synthetic-small npx vitest run src/core/train/simo/embed-speed.run.test.ts
// WASM in Node (one thread): every run is timed in wall seconds and in CPU seconds of this process
// (process.cpuUsage), SIMO and SISO interleaved after a warm-up each, so a loaded machine slows
// both alike and the CPU-second ratio is the fair one. Env: SIMO_SPEED_SIZES (hidden sizes,
// default 64), SIMO_SPEED_REPEATS (default 5), SIMO_CONFIG (JSON encoder overrides), SIMO_SPEED_OUT
// (default docs/pfeed/embed-speed-<dataset>.json; bench-shaped entries with the PROTOCOLS names).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import type { SimoConfigInput } from '../../models/simo/config';
import { timeCatalogueEmbedding } from './embed-bench';

const which = process.env.SIMO_SPEED;
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

describe.skipIf(!which)('SIMO / SISO catalogue embedding speed (CPU seconds)', () => {
  it(`times ${which}`, async () => {
    await useNodeBackend('wasm');
    const ds: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const base: SimoConfigInput = JSON.parse(process.env.SIMO_CONFIG ?? '{}');
    const repeats = Number(process.env.SIMO_SPEED_REPEATS ?? 5);
    const out: Record<string, unknown>[] = [];
    for (const hidden of (process.env.SIMO_SPEED_SIZES ?? '64').split(',').map(Number)) {
      const load0 = loadavg()[0];
      const t = await timeCatalogueEmbedding(ds, { ...base, hidden }, repeats, undefined, undefined, cpuSeconds);
      const [simo, siso] = t;
      const line = {
        hidden,
        items: ds.items.length,
        load: [+load0.toFixed(1), +loadavg()[0].toFixed(1)],
        simo_cpu_s: simo.cpuRuns,
        siso_cpu_s: siso.cpuRuns,
        simo_wall_s: simo.runs,
        siso_wall_s: siso.runs,
        speedup_cpu: siso.cpuSeconds! / simo.cpuSeconds!,
        speedup_wall: siso.seconds / simo.seconds,
      };
      console.log(JSON.stringify(line));
      for (const m of t) {
        out.push({ name: `pfeed.embed_catalogue.${m.mode}`, value: m.cpuSeconds, unit: 'cpu-s', backend: 'wasm-node', dataset: ds.name, hidden, runs_cpu_s: m.cpuRuns, runs_wall_s: m.runs, wall_s: m.seconds, load: line.load });
      }
      out.push({ name: 'pfeed.embed_catalogue.speedup', value: line.speedup_cpu, unit: 'x (cpu-s)', backend: 'wasm-node', dataset: ds.name, hidden, wall_speedup: line.speedup_wall });
      expect(simo.cpuSeconds).toBeGreaterThan(0);
    }
    const path = process.env.SIMO_SPEED_OUT ?? `docs/pfeed/embed-speed-${which}.json`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
  }, 3_600_000);
});
