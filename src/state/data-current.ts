/**
 * The current dataset object, held once for the page (its typed arrays are large and must not be
 * copied into a store or React state). Views subscribe to `useDataStore(s => s.datasetVersion)`
 * and read it from here.
 */
import type { Dataset } from '../core/data/types';

let current: Dataset | null = null;

export function currentDataset(): Dataset | null {
  return current;
}

export function setCurrentDataset(ds: Dataset | null): void {
  current = ds;
}
