/**
 * Graph panel actions: one walk pool for the page, the graph built from the current dataset
 * (train period or all events), live explain walks for the selected item, and the all-items run.
 */
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { useGraphStore } from '../../state/graph-store';
import { p1TrainEventEnd } from '../../core/graph/train-period';
import { graphBytes } from '../../core/graph/build-csr';
import { checkWalkParams } from '../../core/graph/params';
import type { WalkParams } from '../../core/graph/types';
import { WalkPool } from '../../runtime/walk-pool';
import { spawnWalkWorker } from '../../runtime/walk-pool-spawn';

let pool: WalkPool | null = null;
let building: Promise<void> | null = null;
let explainAbort: AbortController | null = null;
let allAbort: AbortController | null = null;

export function walkPool(): WalkPool {
  pool ??= new WalkPool({ size: Math.max(1, Math.min(2, navigator.hardwareConcurrency || 2)), spawn: spawnWalkWorker });
  return pool;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

/** Builds the graph of the current dataset unless the one held is already for it. */
export function ensureGraph(): Promise<void> {
  const ds = currentDataset();
  const version = useDataStore.getState().datasetVersion;
  const { graph, trainOnly } = useGraphStore.getState();
  if (!ds) return Promise.resolve();
  if (graph && graph.datasetVersion === version && graph.trainOnly === trainOnly) return Promise.resolve();
  if (building) return building.then(ensureGraph);
  building = (async () => {
    const sameData = graph?.datasetVersion === version;
    // another dataset: the selected item index means nothing there
    useGraphStore.setState({ building: true, error: null, lastAllItems: null, ...(sameData ? {} : { selected: null, explain: null }) });
    try {
      const ev = ds.events;
      const end = trainOnly ? p1TrainEventEnd(ev.timestamp) : ev.length;
      // One copy of the three columns the graph needs, moved (not copied again) into the worker.
      const columns = { shopper: ev.shopper.slice(0, end), item: ev.item.slice(0, end), action: ev.action.slice(0, end) };
      const res = await walkPool().build(
        { columns, nItems: ds.items.length, nShoppers: ds.shoppers.length, eventEnd: end },
        { transfer: [columns.shopper.buffer, columns.item.buffer, columns.action.buffer] },
      );
      const g = res.graph;
      useGraphStore.setState({
        graph: {
          datasetVersion: version,
          trainOnly,
          nItems: g.nItems,
          nShoppers: g.nShoppers,
          nEdges: g.nEdges,
          eventsUsed: g.eventsUsed,
          eventEnd: g.eventEnd,
          bytes: graphBytes(g),
          shared: g.shared,
          buildMs: res.ms,
        },
      });
    } catch (e) {
      useGraphStore.setState({ error: `The graph could not be built: ${message(e)}` });
    } finally {
      useGraphStore.setState({ building: false });
      building = null;
    }
  })();
  return building;
}

/** Re-runs the selected item's walks with the current parameters (the previous run is cancelled). */
export async function explainSelected(): Promise<void> {
  const { selected, params } = useGraphStore.getState();
  if (selected === null) return;
  await ensureGraph();
  if (!useGraphStore.getState().graph) return;
  explainAbort?.abort();
  const ac = new AbortController();
  explainAbort = ac;
  useGraphStore.setState({ explaining: true });
  const t0 = performance.now();
  try {
    const res = await walkPool().explain(selected, params, 40, ac.signal);
    if (ac.signal.aborted) return;
    useGraphStore.setState({ explain: res, explainMs: performance.now() - t0, error: null });
  } catch (e) {
    if (!isAbort(e)) useGraphStore.setState({ error: `Walks failed: ${message(e)}` });
  } finally {
    if (explainAbort === ac) useGraphStore.setState({ explaining: false });
  }
}

export function selectItem(item: number): void {
  useGraphStore.setState({ selected: item });
  void explainSelected();
}

/** Sets walk parameters (validated) and re-runs the walks of the selected item. */
export function setParams(patch: Partial<WalkParams>): void {
  const next = { ...useGraphStore.getState().params, ...patch };
  try {
    checkWalkParams(next);
  } catch (e) {
    useGraphStore.setState({ error: message(e) });
    return;
  }
  useGraphStore.setState({ params: next, error: null });
  void explainSelected();
}

export function setTrainOnly(trainOnly: boolean): void {
  useGraphStore.setState({ trainOnly });
  void ensureGraph().then(explainSelected);
}

/** Neighbourhoods of every item on all workers (what PinSage trains with), with progress. */
export async function runAllItems(): Promise<void> {
  await ensureGraph();
  if (!useGraphStore.getState().graph) return;
  allAbort?.abort();
  const ac = new AbortController();
  allAbort = ac;
  const params = useGraphStore.getState().params;
  useGraphStore.setState({ allItems: { done: 0, total: useGraphStore.getState().graph?.nItems ?? 0 } });
  try {
    const r = await walkPool().neighbourhoods(params, { signal: ac.signal, onProgress: (done, total) => useGraphStore.setState({ allItems: { done, total } }) });
    let withNb = 0;
    for (let k = 0; k < r.count; k++) if (r.sizes[k] > 0) withNb++;
    useGraphStore.setState({ lastAllItems: { seconds: r.ms / 1000, steps: r.steps, workers: r.workers, itemsWithNeighbours: withNb, params } });
  } catch (e) {
    if (!isAbort(e)) useGraphStore.setState({ error: `All-item walks failed: ${message(e)}` });
  } finally {
    if (allAbort === ac) {
      allAbort = null;
      useGraphStore.setState({ allItems: null });
    }
  }
}

export function cancelAllItems(): void {
  allAbort?.abort();
}
