// Data benchmarks (../shared/PROTOCOLS.md "Benchmarks"):
//   data.load.online-retail — the bundled Online Retail Parquet, fetched as bytes from this origin →
//                             tables, in the browser; median of 3 runs (target ≤ 3 s)
//   data.bytes_per_event    — typed-array bytes of the event table / events after that load (target ≤ 40 B)
import type { BenchCase, BenchEntry } from '../types';
import { loadBundledRetail, median } from '../shared';
import { eventTableBytes } from '../../src/core/data/event-builder';
import type { Dataset } from '../../src/core/data/types';

const RUNS = 3;



async function loadRetail(): Promise<{ dataset: Dataset; seconds: number }> {
  const t0 = performance.now();
  const dataset = await loadBundledRetail();
  return { dataset, seconds: (performance.now() - t0) / 1000 };
}

let lastLoaded: Dataset | null = null;

function bytesPerEvent(ds: Dataset): BenchEntry {
  return {
    name: 'data.bytes_per_event',
    value: eventTableBytes(ds.events) / ds.events.length,
    unit: 'B',
    dataset: 'online-retail',
    note: `event table typed arrays ${eventTableBytes(ds.events)} B / ${ds.events.length} events; target ≤ 40`,
  };
}

export const cases: BenchCase[] = [
  {
    id: 'data.load',
    async run(log) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { dataset, seconds } = await loadRetail();
        times.push(seconds);
        lastLoaded = dataset;
        log(`  run ${i + 1}: ${seconds.toFixed(3)} s, ${dataset.events.length} events`);
      }
      return [
        {
          name: 'data.load.online-retail',
          value: median(times),
          unit: 's',
          dataset: 'online-retail',
          note: `median of ${RUNS} (runs: ${times.map((t) => t.toFixed(2)).join(', ')} s); fetch + Parquet decode + tables, page main thread; target ≤ 3 s`,
        },
        // Reported with the load (`--filter data.load` gives both numbers).
        bytesPerEvent(lastLoaded!),
      ];
    },
  },
  {
    id: 'data.bytes_per_event',
    async run() {
      // Only when asked for alone: otherwise data.load already reported it.
      if (lastLoaded) return [];
      lastLoaded = (await loadRetail()).dataset;
      return [bytesPerEvent(lastLoaded)];
    },
  },
];
