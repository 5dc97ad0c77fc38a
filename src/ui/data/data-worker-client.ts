/** The page's one client of the data worker (workers/data.worker.ts), started on first use. */
import { WorkerClient } from '../../runtime/worker-client';
import type { DataJobs } from '../../../workers/data.worker';

let client: WorkerClient<DataJobs> | null = null;

export function dataWorker(): WorkerClient<DataJobs> {
  client ??= new WorkerClient<DataJobs>(
    () => new Worker(new URL('../../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'data' }),
    { name: 'data' },
  );
  return client;
}
