/** Runs panel state (zustand): the kept run records (small; src/core/run-records/types.ts) and the comparison choice. */
import { create } from 'zustand';
import type { RunRecord } from '../core/run-records/types';
import type { ConfigProblem } from '../core/pipeline/format-issues';

export interface RunsState {
  runs: RunRecord[];
  /** Whether the records were read from IndexedDB. */
  loaded: boolean;
  /** Run ids chosen for the comparison (2 or more compare). */
  selected: string[];
  /** A storage failure or a refused action. */
  error: string | null;
  /** What the last action did ('config loaded into the Train panel' …). */
  notice: string | null;
  /** The notice offers a button to the Train panel (a config file was loaded into its form). */
  offerTrain: boolean;
  /** The notice offers a button to the Feeds panel (a config file's pfeed stage was loaded there). */
  offerFeeds: boolean;
  /** Problems of the last config file opened (null: none opened or it was valid). */
  configProblems: { file: string; problems: ConfigProblem[] } | null;
}

export const useRunsStore = create<RunsState>()(() => ({
  runs: [],
  loaded: false,
  selected: [],
  error: null,
  notice: null,
  offerTrain: false,
  offerFeeds: false,
  configProblems: null,
}));

/** Adds or replaces a record in the list (kept in start order). */
export function upsertRunInStore(r: RunRecord): void {
  useRunsStore.setState((s) => {
    const i = s.runs.findIndex((x) => x.id === r.id);
    if (i < 0) return { runs: [...s.runs, r].sort((a, b) => a.timings.startedAt - b.timings.startedAt) };
    const runs = s.runs.slice();
    runs[i] = r;
    return { runs };
  });
}
