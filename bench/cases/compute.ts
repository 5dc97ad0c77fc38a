// Compute benchmarks per backend, run in the compute worker (as training runs): matmul GFLOP/s at
// 256–2048, gather + segment-sum GB/s against a plain JS loop, one training step of a small GCN
// and a small transformer. `npm run bench -- --filter compute`.
import type { BenchCase, BenchEntry } from '../types';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { ComputeJobs } from '../../workers/compute.worker';
import type { ComputeBenchOptions } from '../../src/core/compute/diagnostics';

const RUNS: ComputeBenchOptions[] = [
  { backend: 'wasm' },
  // The same matmul on one thread, to show what the second thread buys.
  { backend: 'wasm', wasmThreads: 1, label: 'wasm-1thread', matmulSizes: [1024], segmentSum: false, trainSteps: false },
  { backend: 'cpu' },
  // SwiftShader WebGPU (no GPU here) is slow: first-run timings at the large sizes.
  { backend: 'webgpu', budgetS: 1 },
];

export const cases: BenchCase[] = [
  {
    id: 'compute',
    async run(log) {
      const client = new WorkerClient<ComputeJobs>(
        () => new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute-bench' }),
        { name: 'compute' },
      );
      const entries: BenchEntry[] = [];
      try {
        for (const options of RUNS) {
          const label = options.label ?? options.backend;
          log(`  compute on ${label}…`);
          try {
            const { info, entries: got } = await client.run('bench', options);
            const adapter = info.adapter ? `${info.adapter.vendor}/${info.adapter.architecture}` : 'none';
            log(`  ${label}: adapter ${adapter}${info.wasm ? `, wasm threads ${info.wasm.threads}, simd ${info.wasm.simd}` : ''}`);
            entries.push(...got);
          } catch (err) {
            log(`  ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
            if (options.backend !== 'webgpu') throw err;
          }
        }
      } finally {
        client.terminate();
      }
      return entries;
    },
  },
];
