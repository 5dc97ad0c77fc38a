/**
 * Browser storage of the loaded dataset (IndexedDB through `idb`): the serialised tables
 * (src/core/data/serialize.ts) plus small JSON extras (validation report, statistics), so the
 * workbench comes back with the same dataset after a reload. Browser only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { deserializeDataset, serializeDataset, serializedBytes, type SerializedDataset } from '../core/data/serialize';
import type { Dataset } from '../core/data/types';

const DB_NAME = 'kloa-workbench';
const DB_VERSION = 1;
const CURRENT = 'current';

/** Small, JSON-like facts stored beside the tables. */
export interface StoredExtras<R, S> {
  report: R;
  stats: S;
  /** Where the dataset came from, shown in the UI ('preset online-retail', 'file events.csv' …). */
  source: string;
  savedAt: number;
}

interface WorkbenchDB<R, S> extends DBSchema {
  datasets: { key: string; value: SerializedDataset };
  extras: { key: string; value: StoredExtras<R, S> };
}

export class StorageQuotaError extends Error {
  constructor(readonly bytes: number, cause: unknown) {
    super(
      `The browser refused to store this dataset (${formatMB(bytes)}): the storage quota for this site is used up. ` +
        'The dataset stays loaded for this session, but will not be restored after a reload. ' +
        'Free space by clearing this site’s data, or load a smaller dataset.',
    );
    this.name = 'StorageQuotaError';
    this.cause = cause;
  }
}

function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(e instanceof DOMException)) return false;
  const name = (e as { name?: string }).name ?? '';
  const msg = (e as { message?: string }).message ?? '';
  return name === 'QuotaExceededError' || /quota/i.test(msg);
}

let dbPromise: Promise<IDBPDatabase<WorkbenchDB<unknown, unknown>>> | null = null;

function db<R, S>(): Promise<IDBPDatabase<WorkbenchDB<R, S>>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser has no IndexedDB; datasets cannot be kept across reloads.'));
  dbPromise ??= openDB<WorkbenchDB<unknown, unknown>>(DB_NAME, DB_VERSION, {
    upgrade(d) {
      if (!d.objectStoreNames.contains('datasets')) d.createObjectStore('datasets');
      if (!d.objectStoreNames.contains('extras')) d.createObjectStore('extras');
    },
  });
  return dbPromise as unknown as Promise<IDBPDatabase<WorkbenchDB<R, S>>>;
}

export interface SaveResult {
  bytes: number;
  /** Whether the browser granted persistent storage (not evicted under pressure). */
  persistent: boolean;
}

/**
 * Keeps `dataset` (replacing the one kept before). Throws `StorageQuotaError` when the browser's
 * quota is exceeded; the caller keeps using the dataset in memory.
 */
export async function saveDataset<R, S>(dataset: Dataset, extras: Omit<StoredExtras<R, S>, 'savedAt'>): Promise<SaveResult> {
  const serialized = serializeDataset(dataset);
  const bytes = serializedBytes(serialized);
  let persistent = false;
  try {
    persistent = (await navigator.storage?.persist?.()) ?? false;
  } catch {
    persistent = false;
  }
  const d = await db<R, S>();
  try {
    const tx = d.transaction(['datasets', 'extras'], 'readwrite');
    // Delete first, so the old copy does not count against the quota while the new one is written.
    await tx.objectStore('datasets').delete(CURRENT);
    await tx.objectStore('datasets').put(serialized, CURRENT);
    await tx.objectStore('extras').put({ ...extras, savedAt: Date.now() }, CURRENT);
    await tx.done;
  } catch (e) {
    if (isQuotaError(e)) {
      await clearDataset().catch(() => undefined);
      throw new StorageQuotaError(bytes, e);
    }
    throw e;
  }
  return { bytes, persistent };
}

export interface RestoredDataset<R, S> {
  dataset: Dataset;
  extras: StoredExtras<R, S>;
  bytes: number;
}

/** The kept dataset, or null when none is kept. Throws when a stored one cannot be read. */
export async function restoreDataset<R, S>(): Promise<RestoredDataset<R, S> | null> {
  const d = await db<R, S>();
  const tx = d.transaction(['datasets', 'extras'], 'readonly');
  const [serialized, extras] = await Promise.all([tx.objectStore('datasets').get(CURRENT), tx.objectStore('extras').get(CURRENT)]);
  await tx.done;
  if (!serialized || !extras) return null;
  return { dataset: deserializeDataset(serialized), extras, bytes: serializedBytes(serialized) };
}

export async function clearDataset(): Promise<void> {
  const d = await db();
  const tx = d.transaction(['datasets', 'extras'], 'readwrite');
  await Promise.all([tx.objectStore('datasets').delete(CURRENT), tx.objectStore('extras').delete(CURRENT)]);
  await tx.done;
}

/** Usage and quota of this origin's storage, when the browser says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await navigator.storage?.estimate?.();
    return e && e.quota !== undefined ? { usage: e.usage ?? 0, quota: e.quota } : null;
  } catch {
    return null;
  }
}
