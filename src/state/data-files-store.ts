/**
 * UI state of "Your files" in the Data panel: the staged files, the chosen format, the preview
 * and the column mapping being edited. File objects are handles (their bytes are not read here).
 */
import { create } from 'zustand';
import type { ActionKind } from '../core/data/types';
import type { ColumnMapping, FilePreview, GenericFormat, PresetId, PresetOptions, TimestampFormat } from '../core/data/load';

/** 'generic' = CSV / TSV / JSONL / Parquet with a column mapping; otherwise a known dataset format. */
export type FileFormatChoice = { kind: 'generic'; format: GenericFormat } | { kind: 'preset'; preset: PresetId };

export interface DataFilesState {
  files: File[];
  choice: FileFormatChoice;
  preview: FilePreview | null;
  previewing: boolean;
  previewError: string | null;
  /** The mapping being edited ('' = not mapped). */
  mapping: Partial<Record<keyof ColumnMapping, string>>;
  defaultAction: ActionKind;
  timestampFormat: TimestampFormat;
  /** A known format the file names suggest (offered, not applied). */
  suggestedPreset: PresetId | null;
  /** Options of the chosen known format (only the keys the user changed). */
  presetOptions: PresetOptions;
}

export const initialFilesState: DataFilesState = {
  files: [],
  choice: { kind: 'generic', format: 'csv' },
  preview: null,
  previewing: false,
  previewError: null,
  mapping: {},
  defaultAction: 'view',
  timestampFormat: 'auto',
  suggestedPreset: null,
  presetOptions: {},
};

export const useDataFilesStore = create<DataFilesState>()(() => ({ ...initialFilesState }));
