/** Starts a real walk worker (module worker bundled by Vite). */
import type { WorkerLike } from './worker-client';

export function spawnWalkWorker(i: number): WorkerLike {
  return new Worker(new URL('../../workers/walks.worker.ts', import.meta.url), { type: 'module', name: `walks-${i + 1}` });
}
