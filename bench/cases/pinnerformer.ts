// PinnerFormer speed (../shared/PROTOCOLS.md "Benchmarks"), default config on Online Retail, in the
// PinnerFormer worker as the Train panel runs it:
//   pinnerformer.train.seqs_per_s [wasm, cpu] — steady-state training sequences/s (dense all-action,
//                                               M 64, hidden 128, 2 layers, batch 128; target ≥ 100 on WASM)
//   pinnerformer.infer.shoppers_per_s [wasm]  — every Online Retail shopper with history before t0
//                                               (target: all of them ≤ 10 s)
//   pinnerformer.train_to_best.online-retail  — a whole default run to the best validation Recall@10
//                                               on a budgeted PinSage run's item embeddings
//                                               (case `pinnerformer.train_to_best`; target ≤ 5 min)
import type { BenchCase, BenchEntry } from '../types';
import { loadBundledRetail } from '../shared';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { PinnerFormerJobs } from '../../workers/pinnerformer.worker';

function client(): WorkerClient<PinnerFormerJobs> {
  return new WorkerClient<PinnerFormerJobs>(
    () => new Worker(new URL('../../workers/pinnerformer.worker.ts', import.meta.url), { type: 'module', name: 'pinnerformer-bench' }),
    { name: 'pinnerformer' },
  );
}

export const cases: BenchCase[] = [
  {
    id: 'pinnerformer.speed',
    async run(log) {
      const ds = await loadBundledRetail();
      const entries: BenchEntry[] = [];
      for (const [backend, steps] of [['wasm', 12], ['cpu', 4]] as const) {
        const c = client();
        try {
          log(`  pinnerformer on ${backend}, ${steps} steps…`);
          entries.push(...(await c.run('bench', { dataset: ds, backend, steps })));
        } finally {
          c.terminate();
        }
      }
      // inference is reported for WASM only
      return entries.filter((e) => e.name === 'pinnerformer.train.seqs_per_s' || e.backend === 'wasm');
    },
  },
  {
    id: 'pinnerformer.train_to_best',
    async run(log) {
      const ds = await loadBundledRetail();
      const c = client();
      try {
        log('  pinnerformer default run to best validation on wasm (after a budgeted PinSage run for its item embeddings)…');
        return await c.run('bench', { dataset: ds, backend: 'wasm', steps: 0, toBest: true });
      } finally {
        c.terminate();
      }
    },
  },
];
