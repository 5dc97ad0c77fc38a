// Random-walk benchmarks (../shared/PROTOCOLS.md "Benchmarks"):
//   walks.steps_per_s.1w / .2w          — item → shopper → item steps per second (restarts not
//                                          counted) computing the neighbourhoods of every item on
//                                          1 and 2 walk workers sharing the graph; on Online Retail
//                                          and on the 1M-event synthetic world (and, slower, the
//                                          synthetic large preset: 5M events, 100k × 100k)
//   walks.neighbourhoods_all.online-retail — seconds for all items' top-T neighbourhoods (default
//                                          parameters, 2 workers)
//   walks.graph_bytes_per_edge             — all graph arrays (row offsets included) per (item,
//                                          shopper) edge; target ≤ 12
// Graphs are built from the P1 train period, as PinSage uses them. Target ≥ 10 M steps/s per worker.
import type { BenchCase, BenchEntry } from '../types';
import { loadBundledRetail, median } from '../shared';
import type { Dataset } from '../../src/core/data/types';
import { generateSynthetic, SYNTHETIC_PRESETS } from '../../src/core/data/synthetic';
import { graphBytes } from '../../src/core/graph/build-csr';
import { DEFAULT_WALK_PARAMS } from '../../src/core/graph/params';
import type { BipartiteGraph } from '../../src/core/graph/types';
import { p1TrainEventEnd } from '../../src/core/graph/train-period';
import type { WalkParams } from '../../src/core/graph/types';
import { WalkPool } from '../../src/runtime/walk-pool';
import { spawnWalkWorker } from '../../src/runtime/walk-pool-spawn';

const RUNS = 3;



async function poolFor(ds: Dataset, log: (m: string) => void): Promise<{ pool: WalkPool; graph: BipartiteGraph }> {
  const pool = new WalkPool({ size: 2, spawn: spawnWalkWorker });
  const end = p1TrainEventEnd(ds.events.timestamp);
  const ev = ds.events;
  const columns = { shopper: ev.shopper.slice(0, end), item: ev.item.slice(0, end), action: ev.action.slice(0, end) };
  const res = await pool.build(
    { columns, nItems: ds.items.length, nShoppers: ds.shoppers.length, eventEnd: end },
    { transfer: [columns.shopper.buffer, columns.item.buffer, columns.action.buffer] },
  );
  const g = res.graph;
  log(`  graph: ${g.nEdges} edges, ${g.nItems} items, ${g.nShoppers} shoppers, ${(graphBytes(g) / g.nEdges).toFixed(3)} B/edge, shared=${g.shared}, built in ${res.ms.toFixed(0)} ms`);
  return { pool, graph: g };
}

/** Median steps/s (and seconds) of all-item neighbourhoods on k workers. */
async function measure(pool: WalkPool, params: WalkParams, workers: number, log: (m: string) => void): Promise<{ stepsPerS: number; seconds: number; runs: string }> {
  await pool.neighbourhoods({ ...params, walks: Math.max(1, params.walks >> 3) }, { workers }); // warm-up (JIT, attach)
  const rates: number[] = [];
  const secs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const res = await pool.neighbourhoods(params, { workers });
    const s = res.ms / 1000;
    rates.push(res.steps / s);
    secs.push(s);
    log(`  ${workers}w run ${r + 1}: ${res.steps} steps + ${res.restarts} restarts in ${s.toFixed(3)} s = ${(res.steps / s / 1e6).toFixed(2)} M steps/s`);
  }
  return { stepsPerS: median(rates), seconds: median(secs), runs: rates.map((x) => (x / 1e6).toFixed(2)).join(', ') };
}

function stepEntries(dataset: string, g: BipartiteGraph, one: { stepsPerS: number; runs: string }, two: { stepsPerS: number; runs: string }, params: WalkParams): BenchEntry[] {
  const p = `N=${params.walks} L=${params.length} α=${params.alpha} T=${params.topT}`;
  return [
    {
      name: 'walks.graph_bytes_per_edge',
      value: graphBytes(g) / g.nEdges,
      unit: 'B/edge',
      dataset,
      note: `${g.nEdges} edges, ${g.nItems} items, ${g.nShoppers} shoppers; packed Uint32 entries (id bits ${g.itemIdBits}/${g.shopperIdBits}, weight bits ${g.itemWeightBits}/${g.shopperWeightBits}), guide shift ${g.itemGuideShift}; offsets included; target ≤ 12`,
    },
    { name: 'walks.steps_per_s.1w', value: one.stepsPerS, unit: 'steps/s', dataset, note: `median of ${RUNS} (M: ${one.runs}); ${p}; target ≥ 10M per worker` },
    { name: 'walks.steps_per_s.2w', value: two.stepsPerS, unit: 'steps/s', dataset, note: `median of ${RUNS} (M: ${two.runs}); ${p}` },
  ];
}

export const cases: BenchCase[] = [
  {
    id: 'walks.online-retail',
    async run(log) {
      const ds = await loadBundledRetail();
      const { pool, graph } = await poolFor(ds, log);
      try {
        const params = { ...DEFAULT_WALK_PARAMS };
        const one = await measure(pool, params, 1, log);
        const two = await measure(pool, params, 2, log);
        return [
          ...stepEntries('online-retail', graph, one, two, params),
          {
            name: 'walks.neighbourhoods_all.online-retail',
            value: two.seconds,
            unit: 's',
            dataset: 'online-retail',
            note: `all ${ds.items.length} items, default N=${params.walks} L=${params.length} α=${params.alpha} T=${params.topT}, 2 workers, median of ${RUNS}`,
          },
        ];
      } finally {
        pool.terminate();
      }
    },
  },
  {
    id: 'walks.synthetic-1m',
    async run(log) {
      const { dataset } = await generateSynthetic({ ...SYNTHETIC_PRESETS.medium, events: 1_000_000 });
      log(`  synthetic: ${dataset.events.length} events, ${dataset.items.length} items, ${dataset.shoppers.length} shoppers`);
      const { pool, graph } = await poolFor(dataset, log);
      try {
        // fewer walks per item than the default: 20,000 items; steps/s does not depend on N
        const params = { ...DEFAULT_WALK_PARAMS, walks: 25 };
        const one = await measure(pool, params, 1, log);
        const two = await measure(pool, params, 2, log);
        return stepEntries('synthetic-1m', graph, one, two, params);
      } finally {
        pool.terminate();
      }
    },
  },
  {
    id: 'walks.synthetic-large',
    async run(log) {
      const { dataset } = await generateSynthetic(SYNTHETIC_PRESETS.large);
      log(`  synthetic large: ${dataset.events.length} events, ${dataset.items.length} items, ${dataset.shoppers.length} shoppers`);
      const { pool, graph } = await poolFor(dataset, log);
      try {
        // 100,000 items: few walks per item (steps/s does not depend on N)
        const params = { ...DEFAULT_WALK_PARAMS, walks: 8 };
        const one = await measure(pool, params, 1, log);
        const two = await measure(pool, params, 2, log);
        return stepEntries('synthetic-large', graph, one, two, params);
      } finally {
        pool.terminate();
      }
    },
  },
];
