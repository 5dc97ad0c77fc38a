// data.synthetic.1m: generate the 1M-event synthetic world (the `medium` preset) in this browser.
// Median of 3 runs after a small warm-up; target ≤ 5 s on the 2-core CPU machine.
import { eventTableChecksum, generateSynthetic, SYNTHETIC_PRESETS } from '../../src/core/data/synthetic';
import type { BenchCase } from '../types';

const RUNS = 3;

export const cases: BenchCase[] = [
  {
    id: 'data.synthetic.1m',
    async run(log) {
      const config = { ...SYNTHETIC_PRESETS.medium, events: 1_000_000 };
      await generateSynthetic({ ...config, events: 50_000 }); // warm-up (JIT)
      const times: number[] = [];
      let events = 0;
      let checksum = '';
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const { dataset } = await generateSynthetic(config);
        const s = (performance.now() - t0) / 1000;
        events = dataset.events.length;
        checksum = eventTableChecksum(dataset.events);
        times.push(s);
        log(`  run ${r + 1}: ${s.toFixed(3)} s, ${events} events, ${dataset.baskets.length} sessions`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      return [
        {
          name: 'data.synthetic.1m',
          value: sorted[RUNS >> 1],
          unit: 's',
          dataset: 'synthetic',
          note: `median of ${RUNS} (min ${sorted[0].toFixed(3)}, max ${sorted[RUNS - 1].toFixed(3)}), ${events} events, medium preset, checksum ${checksum}, target ≤ 5 s`,
        },
      ];
    },
  },
];
