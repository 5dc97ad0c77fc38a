/**
 * Browser storage of the loaded dataset (IndexedDB through `idb`): the serialised tables
 * (src/core/data/serialize.ts) plus small JSON extras (validation report, statistics), so the
 * workbench comes back with the same dataset after a reload. Browser only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { deserializeDataset, serializeDataset, serializedBytes, type SerializedDataset } from '../core/data/serialize';
import type { Dataset } from '../core/data/types';

const DB_NAME = 'kloa-workbench';
const DB_VERSION = 2;
const CURRENT = 'current';
/**
 * Chromium refuses single IndexedDB values above ~128 MB ("The serialized keys and/or value are
 * too large"), which one column of a 5M-event dataset nearly reaches: every buffer is stored as
 * records of at most this many bytes.
 */
export const CHUNK_BYTES = 64 * 1024 * 1024;

/** The stored form of a dataset: its header, and where each buffer's chunks are. */
interface StoredTables {
  header: SerializedDataset['header'];
  buffers: { byteLength: number; chunks: number }[];
}

function chunkKey(buffer: number, chunk: number): string {
  return `${CURRENT}:${buffer}:${chunk}`;
}

/** Small, JSON-like facts stored beside the tables. */
export interface StoredExtras<R, S> {
  report: R;
  stats: S;
  /** Where the dataset came from, shown in the UI ('preset online-retail', 'file events.csv' …). */
  source: string;
  savedAt: number;
}

interface WorkbenchDB<R, S> extends DBSchema {
  datasets: { key: string; value: StoredTables };
  chunks: { key: string; value: ArrayBuffer };
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
    upgrade(d, oldVersion) {
      // Version 1 kept whole buffers in one record; its records are dropped (load the dataset again).
      if (oldVersion < 2) for (const name of [...d.objectStoreNames]) d.deleteObjectStore(name);
      d.createObjectStore('datasets');
      d.createObjectStore('chunks');
      d.createObjectStore('extras');
    },
    // Another tab opens a newer schema: let it (this tab reopens on its next save / restore).
    blocking() {
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
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
  // Remove the old copy first (its own transaction), so it does not count against the quota.
  await clearDataset();
  try {
    const tx = d.transaction(['datasets', 'chunks', 'extras'], 'readwrite');
    const chunks = tx.objectStore('chunks');
    const layout: StoredTables['buffers'] = [];
    const puts: Promise<unknown>[] = [];
    serialized.buffers.forEach((b, i) => {
      const n = Math.max(1, Math.ceil(b.byteLength / CHUNK_BYTES));
      layout.push({ byteLength: b.byteLength, chunks: n });
      for (let c = 0; c < n; c++) {
        const part = n === 1 ? b : b.slice(c * CHUNK_BYTES, Math.min(b.byteLength, (c + 1) * CHUNK_BYTES));
        puts.push(chunks.put(part, chunkKey(i, c)));
      }
    });
    puts.push(tx.objectStore('datasets').put({ header: serialized.header, buffers: layout }, CURRENT));
    puts.push(tx.objectStore('extras').put({ ...extras, savedAt: Date.now() }, CURRENT));
    await Promise.all([...puts, tx.done]);
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
  const tx = d.transaction(['datasets', 'chunks', 'extras'], 'readonly');
  const [tables, extras] = await Promise.all([tx.objectStore('datasets').get(CURRENT), tx.objectStore('extras').get(CURRENT)]);
  if (!tables || !extras) {
    await tx.done;
    return null;
  }
  const chunks = tx.objectStore('chunks');
  const buffers = await Promise.all(
    tables.buffers.map(async ({ byteLength, chunks: n }, i) => {
      const parts = await Promise.all(Array.from({ length: n }, (_, c) => chunks.get(chunkKey(i, c))));
      if (parts.some((p) => p === undefined)) throw new Error(`part of column buffer ${i} is missing from browser storage`);
      if (n === 1) return parts[0]!;
      const whole = new Uint8Array(byteLength);
      let off = 0;
      for (const p of parts) {
        whole.set(new Uint8Array(p!), off);
        off += p!.byteLength;
      }
      return whole.buffer;
    }),
  );
  await tx.done;
  const serialized: SerializedDataset = { header: tables.header, buffers };
  return { dataset: deserializeDataset(serialized), extras, bytes: serializedBytes(serialized) };
}

export async function clearDataset(): Promise<void> {
  const d = await db();
  const tx = d.transaction(['datasets', 'chunks', 'extras'], 'readwrite');
  // One dataset is kept at a time, so every chunk belongs to it.
  await Promise.all([tx.objectStore('datasets').delete(CURRENT), tx.objectStore('chunks').clear(), tx.objectStore('extras').delete(CURRENT), tx.done]);
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
