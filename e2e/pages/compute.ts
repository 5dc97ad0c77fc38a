// Browser test page for the compute core: drives workers/compute.worker.ts through the runtime's
// WorkerClient. The Playwright spec (e2e/compute.spec.ts) calls window.__compute.run(job, input).
import { WorkerClient } from '../../src/runtime/worker-client';
import type { ComputeJobs } from '../../workers/compute.worker';

const client = new WorkerClient<ComputeJobs>(
  () => new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  { name: 'compute' },
);
const logEl = document.getElementById('log')!;

async function run<K extends keyof ComputeJobs & string>(job: K, input: Parameters<ComputeJobs[K]>[0]): Promise<unknown> {
  logEl.textContent += `\n${job} ${JSON.stringify(input)}…`;
  const out = await client.run(job, input as never);
  logEl.textContent += ' done';
  return out;
}

declare global {
  interface Window {
    __compute: { run: typeof run; restart(): void; ready: true };
  }
}
window.__compute = { run, restart: () => client.restart('test'), ready: true };
