/** Export panel state (UI only: embeddings and built files live in export-session.ts, not in the store). */
import { create } from 'zustand';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/export/types';
import type { PfeedExportCounts } from '../../core/feeds/session-export';

export interface BuiltFileInfo {
  path: string;
  bytes: number;
  /** The download name: run folder and path flattened with '__'. */
  downloadName: string;
}

export type EmbeddingsState =
  | { kind: 'none' }
  | { kind: 'loading'; note: string }
  | { kind: 'ready'; runId: string; items: number; dim: number; weights: boolean }
  | { kind: 'error'; message: string };

export type ShoppersState =
  | { kind: 'none' }
  | { kind: 'loading'; note: string }
  | { kind: 'ready'; runId: string; shoppers: number; dim: number; asOf: string; weights: boolean }
  | { kind: 'error'; message: string };

interface ExportState {
  runName: string;
  formats: ExportFormat[];
  /** Train-panel run id chosen as the source (null: dataset only). */
  runId: string | null;
  embeddings: EmbeddingsState;
  /** PinnerFormer run chosen for the shopper embeddings and snapshot (null: none). */
  shopperRunId: string | null;
  shoppers: ShoppersState;
  /** Include the Feeds panel's lookup tables and feeds (pfeed/*) when it has composed feeds for this dataset. */
  includePfeed: boolean;
  /** Rows of the pfeed files of the last build (null: none in it). */
  pfeedCounts: PfeedExportCounts | null;
  building: boolean;
  progress: { done: number; total: number; path: string } | null;
  files: BuiltFileInfo[];
  /** Folder the files went to with the directory picker, or a note about the downloads. */
  saved: string | null;
  error: string | null;
  set(p: Partial<Omit<ExportState, 'set'>>): void;
}

export const useExportStore = create<ExportState>((set) => ({
  runName: '',
  formats: [...EXPORT_FORMATS],
  runId: null,
  embeddings: { kind: 'none' },
  shopperRunId: null,
  shoppers: { kind: 'none' },
  includePfeed: true,
  pfeedCounts: null,
  building: false,
  progress: null,
  files: [],
  saved: null,
  error: null,
  set(p) {
    set(p);
  },
}));
