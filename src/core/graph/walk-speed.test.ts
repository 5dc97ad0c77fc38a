// Walk speed and graph memory in Node (one thread), on Online Retail and the synthetic medium and
// large presets. Only with WALK_SPEED=1 (`WALK_SPEED=1 npx vitest run src/core/graph/walk-speed`):
// it takes a minute and its numbers depend on the machine's load, which it prints.
import { loadavg } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import { generateSyntheticSync } from '../data/synthetic/generate';
import { SYNTHETIC_PRESETS } from '../data/synthetic/presets';
import type { Dataset } from '../data/types';
import { buildBipartiteGraph, graphBytes } from './build-csr';
import { DEFAULT_WALK_PARAMS } from './params';
import { p1TrainEventEnd } from './train-period';
import { walkNeighbourhoods } from './walks';

const RUNS = Number(process.env.WALK_RUNS ?? 7);

function speed(name: string, ds: Dataset, walks: number, items: number): void {
  const end = p1TrainEventEnd(ds.events.timestamp);
  const g = buildBipartiteGraph(ds.events, { nItems: ds.items.length, nShoppers: ds.shoppers.length, eventEnd: end, shared: false });
  const perEdge = graphBytes(g) / g.nEdges;
  console.log(`${name}: ${g.nItems} items, ${g.nShoppers} shoppers, ${g.nEdges} edges, ${perEdge.toFixed(3)} B/edge total`);
  const p = { ...DEFAULT_WALK_PARAMS, walks };
  const n = Math.min(items, g.nItems);
  walkNeighbourhoods(g, { ...p, walks: Math.max(1, walks >> 2) }, 0, n); // warm-up
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const nb = walkNeighbourhoods(g, p, 0, n);
    rates.push(nb.steps / ((performance.now() - t0) / 1000));
  }
  const s = [...rates].sort((a, b) => a - b);
  const fmt = (x: number): string => (x / 1e6).toFixed(2);
  console.log(
    `${name}: steps/s best ${fmt(s[s.length - 1])} M, median ${fmt(s[s.length >> 1])} M (runs ${rates.map(fmt).join(', ')}); load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
  expect(perEdge).toBeLessThanOrEqual(12);
}

describe.runIf(process.env.WALK_SPEED === '1')('walk speed (Node, 1 thread)', () => {
  it('online retail', async () => {
    const ds = (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    speed('online-retail', ds, DEFAULT_WALK_PARAMS.walks, 1000);
  }, 600_000);
  it('synthetic medium', () => {
    speed('synthetic-medium', generateSyntheticSync(SYNTHETIC_PRESETS.medium).dataset, 25, 4000);
  }, 600_000);
  it.runIf(process.env.WALK_LARGE === '1')('synthetic large', () => {
    speed('synthetic-large', generateSyntheticSync(SYNTHETIC_PRESETS.large).dataset, 10, 4000);
  }, 600_000);
});
