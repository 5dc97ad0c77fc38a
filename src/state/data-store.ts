/**
 * UI state of the Data panel and the header's dataset badge (zustand). The heavy `Dataset`
 * object is not kept here: see src/state/data-current.ts.
 */
import { create } from 'zustand';
import type { DatasetFields, ValidationReport } from '../core/data/types';
import type { DataStats } from '../ui/data/stats-adapter';

/** What the header and other panels need to know about the loaded dataset. */
export interface DatasetSummary {
  name: string;
  /** Where it came from, e.g. 'Bundled: UCI Online Retail' or 'Files: events.csv'. */
  source: string;
  events: number;
  items: number;
  shoppers: number;
  baskets: number;
  /** Typed-array bytes of the event table. */
  eventBytes: number;
  loadedAt: number;
  /** Milliseconds the load / generation took (null when restored). */
  loadMs: number | null;
  /** Which optional fields the dataset carries. */
  fields: DatasetFields;
  /** Provenance (source, licence, loader options …). */
  meta: Readonly<Record<string, string | number | boolean>>;
}

export type JobKind = 'load' | 'generate' | 'restore' | 'preview';

export interface RunningJob {
  kind: JobKind;
  /** What is being loaded, e.g. 'UCI Online Retail'. */
  label: string;
  done: number;
  total: number;
  note?: string;
  startedAt: number;
}

export type PersistenceState =
  | { state: 'none' }
  | { state: 'saving' }
  | { state: 'saved'; bytes: number; persistent: boolean; restored: boolean }
  | { state: 'failed'; message: string };

export interface DataUiState {
  job: RunningJob | null;
  summary: DatasetSummary | null;
  /** Increases each time a new dataset becomes current (lets views re-read data-current). */
  datasetVersion: number;
  report: ValidationReport | null;
  stats: DataStats | null;
  /** The last job's failure (not a validation problem: those are in `report`). */
  error: string | null;
  persistence: PersistenceState;
}

export const useDataStore = create<DataUiState>()(() => ({
  job: null,
  summary: null,
  datasetVersion: 0,
  report: null,
  stats: null,
  error: null,
  persistence: { state: 'none' },
}));
