// PinSage speed (../shared/PROTOCOLS.md "Benchmarks"), default config on Online Retail, in the
// PinSage worker as the Train panel runs it:
//   pinsage.train.pairs_per_s [wasm, cpu]  — steady-state training pairs/s (target ≥ 2,000 on WASM, 2 cores)
//   pinsage.epoch_s.online-retail          — one full epoch, projected from the measured pairs/s
//   pinsage.infer.items_per_s              — all-item layer-by-layer inference
//   pinsage.train_to_best.online-retail    — a whole default run to the best validation Recall@10
//                                            (case `pinsage.train_to_best`, minutes; target ≤ 10 min)
import type { BenchCase, BenchEntry } from '../types';
import { loadBundledRetail } from '../shared';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { PinSageJobs } from '../../workers/pinsage.worker';



function client(): WorkerClient<PinSageJobs> {
  return new WorkerClient<PinSageJobs>(() => new Worker(new URL('../../workers/pinsage.worker.ts', import.meta.url), { type: 'module', name: 'pinsage-bench' }), {
    name: 'pinsage',
  });
}

export const cases: BenchCase[] = [
  {
    id: 'pinsage.speed',
    async run(log) {
      const ds = await loadBundledRetail();
      const entries: BenchEntry[] = [];
      for (const [backend, steps] of [['wasm', 40], ['cpu', 4]] as const) {
        const c = client();
        try {
          log(`  pinsage on ${backend}, ${steps} steps…`);
          entries.push(...(await c.run('bench', { dataset: ds, backend, steps })));
        } finally {
          c.terminate();
        }
      }
      // inference and epoch time are reported for WASM only
      return entries.filter((e) => e.name === 'pinsage.train.pairs_per_s' || e.backend === 'wasm');
    },
  },
  {
    id: 'pinsage.train_to_best',
    async run(log) {
      const ds = await loadBundledRetail();
      const c = client();
      try {
        log('  pinsage default run to best validation on wasm…');
        return await c.run('bench', { dataset: ds, backend: 'wasm', steps: 0, toBest: true });
      } finally {
        c.terminate();
      }
    },
  },
];
