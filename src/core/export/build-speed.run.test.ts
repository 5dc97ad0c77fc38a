/**
 * Export speed, env-gated: KLOA_EXPORT_SPEED=N (items, default 50000 when set to 1) × 64 dims,
 * the same number of shoppers; each format timed alone (median of 3), then buildArtifacts whole.
 *   KLOA_EXPORT_SPEED=50000 npx vitest run src/core/export/build-speed.run.test.ts
 */
import { describe, expect, it } from 'vitest';
import { buildArtifacts } from './build';
import { unitVectors } from './test-fixture';
import { EXPORT_FORMATS, type ArtifactInput, type ExportFormat } from './types';

const ENV = process.env.KLOA_EXPORT_SPEED;

describe.skipIf(!ENV)('export speed', () => {
  it('times each format and the whole build', async () => {
    const n = ENV === '1' ? 50_000 : Number(ENV);
    const dim = 64;
    const ids = Array.from({ length: n }, (_, i) => `item-${i}`);
    const sids = Array.from({ length: n }, (_, i) => `shopper-${i}`);
    const input: ArtifactInput = {
      dataset: { name: 'speed', hash: 'sha256:0', events: 0, items: n, shoppers: n },
      items: { ids, vectors: unitVectors(n, dim, 1), dim, titles: ids.map((s) => `title of ${s}`), categories: ids.map((_, i) => `c${i % 40}`) },
      shoppers: { ids: sids, vectors: unitVectors(n, dim, 2), dim },
      snapshot: { ids: sids, vectors: unitVectors(n, dim, 2), dim, asOf: '2026-01-01T00:00:00Z' },
      manifest: { runName: 'speed', createdAt: '', config: {}, seed: 0, backend: 'cpu', libraries: {}, stages: [] },
    };
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const lines: string[] = [];
    for (const f of EXPORT_FORMATS.filter((x) => !['jsonl', 'weights', 'metrics'].includes(x)) as ExportFormat[]) {
      const times: number[] = [];
      let bytes = 0;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const files = await buildArtifacts(input, { formats: [f] });
        times.push((performance.now() - t0) / 1000);
        bytes = files.reduce((a, x) => a + x.bytes.length, 0);
      }
      lines.push(`${f}: ${median(times).toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB`);
    }
    const t0 = performance.now();
    const all = await buildArtifacts(input);
    lines.push(`all: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${all.length} files, ${(all.reduce((a, x) => a + x.bytes.length, 0) / 1e6).toFixed(1)} MB`);
    console.log(`export speed, ${n} items + ${n} shoppers × ${dim}:\n${lines.join('\n')}`);
    expect(all.length).toBeGreaterThan(10);
  }, 600_000);
});
