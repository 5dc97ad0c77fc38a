// Real data: the graph of UCI Online Retail (P1 train period), its memory, and walks over all items.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load';
import { shared } from '../data/loaders/test-files';
import type { Dataset } from '../data/types';
import { buildBipartiteGraph, graphBytes, graphEdgeBytes } from './build-csr';
import { DEFAULT_WALK_PARAMS } from './params';
import { p1TrainEventEnd } from './train-period';
import { neighboursOf, walkNeighbourhoods } from './walks';

describe('Online Retail graph (real data)', () => {
  let ds: Dataset | null = null;
  const get = async (): Promise<Dataset> => {
    ds ??= (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!;
    return ds;
  };

  it('builds from the train period within 12 bytes per edge (row offsets included), and walks every item', async () => {
    const d = await get();
    const end = p1TrainEventEnd(d.events.timestamp);
    const t0 = performance.now();
    const g = buildBipartiteGraph(d.events, { nItems: d.items.length, nShoppers: d.shoppers.length, eventEnd: end, shared: false });
    const buildMs = performance.now() - t0;
    const perEdge = graphBytes(g) / g.nEdges;
    console.log(
      `online-retail graph: ${g.nEdges} edges from ${g.eventsUsed} of ${end} train events, ${graphEdgeBytes(g) / g.nEdges} B/edge in edge arrays, ${perEdge.toFixed(3)} B/edge with offsets, built in ${buildMs.toFixed(0)} ms`,
    );
    expect(end).toBeGreaterThan(400_000);
    expect(end).toBeLessThan(d.events.length);
    expect(g.nEdges).toBeGreaterThan(200_000);
    // Uint16 ids + Uint16 cumulative weights per entry and direction, a Uint16 guide entry per two
    // entries and direction: 10 B per edge; Uint32 row offsets add 4 B per node (≈ 0.15 B/edge)
    expect(graphEdgeBytes(g) / g.nEdges).toBeLessThanOrEqual(10);
    expect(perEdge).toBeLessThanOrEqual(12);

    const t1 = performance.now();
    const nb = walkNeighbourhoods(g, DEFAULT_WALK_PARAMS, 0, g.nItems);
    const s = (performance.now() - t1) / 1000;
    console.log(`online-retail walks: ${nb.steps} steps + ${nb.restarts} restarts over ${g.nItems} items in ${s.toFixed(2)} s = ${(nb.steps / s / 1e6).toFixed(1)} M steps/s (Node, 1 thread)`);
    // the best-selling item has a full neighbourhood of real co-purchased items
    const heart = d.items.ids.indexOf('85123A');
    expect(heart).toBeGreaterThanOrEqual(0);
    const n = neighboursOf(nb, heart);
    expect(n.items.length).toBe(DEFAULT_WALK_PARAMS.topT);
    expect(Math.abs(n.weights.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-6);
    console.log('85123A neighbours: ' + Array.from(n.items.slice(0, 5), (i) => d.items.title[i]).join(' | '));
  });
});
