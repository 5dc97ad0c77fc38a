/**
 * Browser storage of the UI's run records (IndexedDB through `idb`, its own database so it never
 * clashes with the dataset store's versions). Records are small (src/core/run-records/types.ts): no
 * embeddings. Browser only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../core/run-records/types';

export const RUNS_DB = 'kloa-runs';
const VERSION = 1;

interface RunsDB extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { startedAt: number } };
}

let dbPromise: Promise<IDBPDatabase<RunsDB>> | null = null;

function db(): Promise<IDBPDatabase<RunsDB>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser has no IndexedDB; runs cannot be kept across reloads.'));
  dbPromise ??= openDB<RunsDB>(RUNS_DB, VERSION, {
    upgrade(d) {
      const s = d.createObjectStore('runs', { keyPath: 'id' });
      s.createIndex('startedAt', 'timings.startedAt');
    },
    blocking() {
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** Every kept run, oldest first. */
export async function listRuns(): Promise<RunRecord[]> {
  return (await db()).getAllFromIndex('runs', 'startedAt');
}

export async function putRun(r: RunRecord): Promise<void> {
  await (await db()).put('runs', r);
}

export async function deleteRun(id: string): Promise<void> {
  await (await db()).delete('runs', id);
}
