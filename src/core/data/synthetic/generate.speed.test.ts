// Speed of the generator in Node. Runs a 200k-event world always (a loose guard), and the
// 1M-event medium preset only with SYNTH_SPEED=1 (e.g. `SYNTH_SPEED=1 npx vitest run src/core/data/synthetic/generate.speed`).
import { describe, expect, it } from 'vitest';
import { generateSyntheticSync } from './generate';
import { SYNTHETIC_PRESETS } from './presets';

describe('synthetic generator speed (Node)', () => {
  // Loose floor (≥ 25k events/s, ~25× below the unloaded speed): the 2-core CI machine is shared, so this only
  // catches order-of-magnitude regressions; the real number is the `data.synthetic.1m` benchmark.
  it('generates 200k events at ≥ 25k events/s', () => {
    const cfg = { ...SYNTHETIC_PRESETS.medium, events: 200_000 };
    generateSyntheticSync({ ...cfg, events: 20_000 }); // warm-up
    const t0 = performance.now();
    const { dataset } = generateSyntheticSync(cfg);
    const s = (performance.now() - t0) / 1000;
    console.log(`synthetic 200k: ${s.toFixed(3)} s (${Math.round(dataset.events.length / s)} events/s)`);
    expect(dataset.events.length / s).toBeGreaterThan(25_000);
  });

  it.runIf(process.env.SYNTH_SPEED === '1')('medium preset (1M events)', () => {
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      const { dataset } = generateSyntheticSync(SYNTHETIC_PRESETS.medium);
      const s = (performance.now() - t0) / 1000;
      console.log(`synthetic 1M run ${rep + 1}: ${s.toFixed(3)} s, ${dataset.events.length} events`);
      expect(s).toBeLessThan(5);
    }
  });
});
