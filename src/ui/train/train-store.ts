/** Train panel state (UI only: embeddings and datasets stay in the worker / data-current). */
import { create } from 'zustand';
import type { MetricsEntry } from '../../core/eval/metrics-json';
import type { PinSageConfigInput } from '../../core/models/pinsage/config';
import type { PinSageLive } from '../../runtime/pinsage-live';

export interface RunRecord {
  runId: string;
  dataset: string;
  backend: string;
  config: PinSageConfigInput;
  entries: MetricsEntry[];
  finishedAt: string;
}

interface TrainState {
  config: PinSageConfigInput;
  runId: string | null;
  running: boolean;
  paused: boolean;
  live: PinSageLive | null;
  error: string | null;
  runs: RunRecord[];
  setConfig(c: PinSageConfigInput): void;
}

export const useTrainStore = create<TrainState>((set) => ({
  config: {},
  runId: null,
  running: false,
  paused: false,
  live: null,
  error: null,
  runs: [],
  setConfig(c) {
    set({ config: c });
  },
}));
