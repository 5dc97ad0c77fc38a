/**
 * PinSage checkpoints in the browser (IndexedDB, one record per run id), so a training run resumes
 * after a reload or a crash. Runs in the PinSage worker.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { CheckpointStore, PinSageCheckpoint } from '../core/train/checkpoint-store';

const DB = 'kloa-pinsage-checkpoints';
const STORE = 'runs';

export class IdbCheckpointStore implements CheckpointStore {
  private db: Promise<IDBPDatabase> | null = null;

  private open(): Promise<IDBPDatabase> {
    this.db ??= openDB(DB, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      },
    });
    return this.db;
  }

  async load(runId: string): Promise<PinSageCheckpoint | null> {
    return ((await (await this.open()).get(STORE, runId)) as PinSageCheckpoint | undefined) ?? null;
  }

  async save(c: PinSageCheckpoint): Promise<void> {
    await (await this.open()).put(STORE, c, c.runId);
  }

  async remove(runId: string): Promise<void> {
    await (await this.open()).delete(STORE, runId);
  }

  async list(): Promise<string[]> {
    return (await (await this.open()).getAllKeys(STORE)).map(String);
  }
}
