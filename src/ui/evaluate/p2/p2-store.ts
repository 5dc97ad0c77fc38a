/**
 * P2 results of this session (UI state only): metrics.json entries per dataset — the baselines
 * computed here and the PinnerFormer runs the Train panel adds — and the model lookup the last
 * PinnerFormer run registers for the shopper lookup.
 */
import { create } from 'zustand';
import type { MetricsEntry } from '../../../core/eval/metrics-json';

export interface P2Row {
  dataset: string;
  backend: string;
  entry: MetricsEntry;
}

/** Top-k items of a shopper (shopper index) by a trained model, best first. */
export type ShopperModelLookup = (shopper: number, k: number) => Promise<{ item: number; score: number }[]>;

export interface P2ModelSource {
  dataset: string;
  label: string;
  lookup: ShopperModelLookup;
}

interface P2State {
  rows: P2Row[];
  running: boolean;
  progress: string | null;
  error: string | null;
  model: P2ModelSource | null;
  /** Adds entries, replacing those with the same (dataset, model, variant, split). */
  addEntries(dataset: string, backend: string, entries: MetricsEntry[]): void;
  setModel(m: P2ModelSource | null): void;
}

const key = (r: P2Row): string => `${r.dataset}|${r.entry.model}|${r.entry.variant ?? ''}|${String(r.entry.split ?? '')}`;

export const useP2Store = create<P2State>((set) => ({
  rows: [],
  running: false,
  progress: null,
  error: null,
  model: null,
  addEntries(dataset, backend, entries) {
    set((s) => {
      const fresh = entries.map((entry) => ({ dataset, backend, entry }));
      const keys = new Set(fresh.map(key));
      return { rows: [...s.rows.filter((r) => !keys.has(key(r))), ...fresh] };
    });
  },
  setModel(model) {
    set({ model });
  },
}));
