/**
 * UI state of the Graph panel (zustand). The graph and the neighbourhood tables live in the walk
 * workers (src/runtime/walk-pool.ts); this store keeps only what the views show.
 */
import { create } from 'zustand';
import type { ItemNeighbourhood } from '../core/graph/explain';
import { DEFAULT_WALK_PARAMS } from '../core/graph/params';
import type { WalkParams } from '../core/graph/types';

export interface GraphInfo {
  /** datasetVersion (data store) the graph was built from. */
  datasetVersion: number;
  trainOnly: boolean;
  nItems: number;
  nShoppers: number;
  nEdges: number;
  eventsUsed: number;
  eventEnd: number;
  bytes: number;
  shared: boolean;
  buildMs: number;
}

export interface AllItemsRun {
  seconds: number;
  steps: number;
  workers: number;
  itemsWithNeighbours: number;
  params: WalkParams;
}

export interface GraphUiState {
  params: WalkParams;
  /** Build the graph from the P1 train period only. */
  trainOnly: boolean;
  graph: GraphInfo | null;
  building: boolean;
  /** The item the explorer is centred on. */
  selected: number | null;
  explain: ItemNeighbourhood | null;
  explaining: boolean;
  /** Milliseconds of the last explain walk. */
  explainMs: number | null;
  allItems: { done: number; total: number } | null;
  lastAllItems: AllItemsRun | null;
  error: string | null;
}

export const useGraphStore = create<GraphUiState>()(() => ({
  params: { ...DEFAULT_WALK_PARAMS },
  trainOnly: true,
  graph: null,
  building: false,
  selected: null,
  explain: null,
  explaining: false,
  explainMs: null,
  allItems: null,
  lastAllItems: null,
  error: null,
}));
