// Pfeed encoder speed (../shared/PROTOCOLS.md "Benchmarks"), default config on Online Retail, WASM,
// in the SIMO worker:
//   pfeed.embed_catalogue.simo — whole catalogue, 3 roles, one pass per chunk
//   pfeed.embed_catalogue.siso — whole catalogue, 3 roles, three passes per chunk
// (issue #7 target: SIMO ≥ 2.5× faster than SISO). Median of 3 after a warm-up.
import type { BenchCase } from '../types';
import { loadBundledRetail } from '../shared';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { SimoJobs } from '../../workers/simo.worker';

export const cases: BenchCase[] = [
  {
    id: 'pfeed.embed_catalogue',
    async run(log) {
      const ds = await loadBundledRetail();
      const c = new WorkerClient<SimoJobs>(() => new Worker(new URL('../../workers/simo.worker.ts', import.meta.url), { type: 'module', name: 'simo-bench' }), { name: 'simo' });
      try {
        log('  simo / siso catalogue embedding on wasm…');
        return await c.run('bench', { dataset: ds, backend: 'wasm' });
      } finally {
        c.terminate();
      }
    },
  },
];
