/**
 * Content hashes of the datasets this page holds (`metrics.json` / `manifest.json` `dataset.hash`).
 * The data worker hashes a dataset it loads or generates and sends the hash with it, so the main
 * thread does not serialise and hash tens of MB when a run starts or an export is built; a dataset
 * that arrived another way (restored from IndexedDB) is hashed here once, on first use.
 */
import { datasetHash } from '../core/data/content-hash';
import type { Dataset } from '../core/data/types';

const hashes = new WeakMap<Dataset, Promise<string>>();

/** Records the hash the data worker computed for `ds`. */
export function rememberDatasetHash(ds: Dataset, hash: string): void {
  hashes.set(ds, Promise.resolve(hash));
}

/** The content hash of `ds` (recorded, or computed once and kept). */
export function datasetHashOf(ds: Dataset): Promise<string> {
  let h = hashes.get(ds);
  if (!h) {
    h = datasetHash(ds);
    hashes.set(ds, h);
  }
  return h;
}
