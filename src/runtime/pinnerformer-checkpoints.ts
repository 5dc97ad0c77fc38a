/**
 * PinnerFormer checkpoints in the browser (IndexedDB, one record per run id), so a training run
 * resumes after a cancel, a reload or a crash. For use in the PinnerFormer worker.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { PinnerFormerCheckpoint, PinnerFormerCheckpointStore } from '../core/train/pinnerformer/checkpoints';

const DB = 'kloa-pinnerformer-checkpoints';
const STORE = 'runs';

export class IdbPinnerFormerCheckpointStore implements PinnerFormerCheckpointStore {
  private db: Promise<IDBPDatabase> | null = null;

  private open(): Promise<IDBPDatabase> {
    this.db ??= openDB(DB, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      },
    });
    return this.db;
  }

  async load(runId: string): Promise<PinnerFormerCheckpoint | null> {
    return ((await (await this.open()).get(STORE, runId)) as PinnerFormerCheckpoint | undefined) ?? null;
  }

  async save(c: PinnerFormerCheckpoint): Promise<void> {
    await (await this.open()).put(STORE, c, c.runId);
  }

  async remove(runId: string): Promise<void> {
    await (await this.open()).delete(STORE, runId);
  }

  async list(): Promise<string[]> {
    return (await (await this.open()).getAllKeys(STORE)).map(String);
  }
}
