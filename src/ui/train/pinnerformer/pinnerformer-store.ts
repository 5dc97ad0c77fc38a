/** PinnerFormer Train view state (UI only: models, embeddings and datasets stay in the worker / data-current). */
import { create } from 'zustand';
import type { MetricsEntry } from '../../../core/eval/metrics-json';
import type { PinnerFormerConfigInput } from '../../../core/models/pinnerformer/config';
import type { PinSageConfigInput } from '../../../core/models/pinsage/config';
import type { PinnerFormerLive } from '../../../runtime/pinnerformer-live';

export interface PinnerFormerRunRecord {
  runId: string;
  dataset: string;
  backend: string;
  config: PinnerFormerConfigInput;
  entries: MetricsEntry[];
  seqsPerSecond: number;
  finishedAt: string;
  /** Overrides of the budgeted PinSage run its item embeddings came from (to restore it after a reload). */
  pinsage?: PinSageConfigInput;
}

interface PinnerFormerTrainState {
  config: PinnerFormerConfigInput;
  /** Overrides of the budgeted PinSage run that gives the item embeddings (events before t0). */
  pinsage: PinSageConfigInput;
  runId: string | null;
  running: boolean;
  paused: boolean;
  live: PinnerFormerLive | null;
  error: string | null;
  runs: PinnerFormerRunRecord[];
  setConfig(c: PinnerFormerConfigInput): void;
  setPinSage(c: PinSageConfigInput): void;
}

export const usePinnerFormerStore = create<PinnerFormerTrainState>((set) => ({
  config: {},
  pinsage: {},
  runId: null,
  running: false,
  paused: false,
  live: null,
  error: null,
  runs: [],
  setConfig(c) {
    set({ config: c });
  },
  setPinSage(c) {
    set({ pinsage: c });
  },
}));
