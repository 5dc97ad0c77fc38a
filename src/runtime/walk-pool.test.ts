import { describe, expect, it } from 'vitest';
import { exposeJobs } from '../../workers/runtime';
import { buildBipartiteGraph } from '../core/graph/build-csr';
import { randomShopperItemDataset } from '../core/graph/test-graphs';
import type { WalkParams } from '../core/graph/types';
import { walkNeighbourhoods } from '../core/graph/walks';
import { createWalkJobs } from './walk-pool-jobs';
import { WalkPool } from './walk-pool';
import type { WorkerLike } from './worker-client';

/** A walk worker double: its jobs run on one end of a MessageChannel in this thread. */
function spawnFake(): WorkerLike {
  const channel = new MessageChannel();
  exposeJobs(createWalkJobs(), channel.port1 as unknown as Parameters<typeof exposeJobs>[1]);
  const port = channel.port2;
  return {
    postMessage: (m: unknown, t?: Transferable[]) => port.postMessage(m, t ?? []),
    addEventListener: ((type: string, l: EventListener) => {
      if (type !== 'error') port.addEventListener(type, l);
    }) as WorkerLike['addEventListener'],
    removeEventListener: port.removeEventListener.bind(port) as WorkerLike['removeEventListener'],
    start: () => port.start(),
    terminate: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

describe('WalkPool (workers sharing one graph)', () => {
  const ds = randomShopperItemDataset(900, 1500, 10, 21);
  const columns = { shopper: ds.events.shopper, item: ds.events.item, action: ds.events.action };
  const params: WalkParams = { walks: 40, length: 15, alpha: 0.3, topT: 10, seed: 7 };

  it('builds on shared memory, merges chunks from 1 or 2 workers into the same neighbourhoods as a direct run', async () => {
    const pool = new WalkPool({ size: 2, spawn: spawnFake, chunkItems: 64 });
    const built = await pool.build({ columns, nItems: ds.items.length, nShoppers: ds.shoppers.length, shared: true });
    expect(built.graph.shared).toBe(true);
    expect(built.graph.itemEntries.buffer).toBeInstanceOf(SharedArrayBuffer);
    const direct = walkNeighbourhoods(buildBipartiteGraph(ds.events, { nItems: 900, nShoppers: ds.shoppers.length, shared: false }), params, 0, 900);
    const seen: number[] = [];
    const one = await pool.neighbourhoods(params, { workers: 1 });
    const two = await pool.neighbourhoods(params, { workers: 2, onProgress: (d, t) => seen.push(d / t) });
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    for (const r of [one, two]) {
      expect(Array.from(r.items)).toEqual(Array.from(direct.items));
      expect(Array.from(r.weights)).toEqual(Array.from(direct.weights));
      expect(r.steps).toBe(direct.steps);
    }
    expect(seen[seen.length - 1]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1] - 1e-12);
    const e = await pool.explain(5, params);
    expect(Array.from(e.items)).toEqual(Array.from(direct.items.subarray(50, 50 + direct.sizes[5])));
    const band = await pool.hardNegatives(5, 0.3);
    expect(band.length).toBeGreaterThan(0);
    expect(Array.from(band)).not.toContain(5);
    pool.terminate();
  });

  it('cancels a run with AbortError and stays usable', async () => {
    const pool = new WalkPool({ size: 2, spawn: spawnFake, chunkItems: 16 });
    await pool.build({ columns, nItems: ds.items.length, nShoppers: ds.shoppers.length, shared: false });
    const ac = new AbortController();
    const heavy: WalkParams = { ...params, walks: 400, length: 50 };
    const p = pool.neighbourhoods(heavy, { signal: ac.signal, onProgress: (d) => d > 0 && ac.abort() });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const ok = await pool.neighbourhoods(params);
    expect(ok.count).toBe(900);
    pool.terminate();
  });

  it('refuses to walk before a graph is built', async () => {
    const pool = new WalkPool({ size: 1, spawn: spawnFake });
    await expect(pool.neighbourhoods(params)).rejects.toThrow(/build one first/);
    pool.terminate();
  });
});
