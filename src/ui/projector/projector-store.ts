/** UI state of the Projector panel (zustand). Vectors, attributes and coordinates live in projector-session.ts. */
import { create } from 'zustand';
import type { ColourMode, Neighbour, SelectionStats } from '../../core/projector';

export type Method = 'pca' | 'umap';

export interface LoadedSource {
  key: string;
  label: string;
  kind: 'item' | 'shopper';
  points: number;
  dim: number;
}

export interface ProjectionInfo {
  method: Method;
  note: string;
  seconds: number;
  /** Points drawn (a UMAP sample may draw fewer than loaded). */
  drawn: number;
}

export interface ProjectorState {
  sourceKey: string;
  loaded: LoadedSource | null;
  method: Method;
  projection: ProjectionInfo | null;
  /** Bumps when the session's coordinates or attributes change (the scatter redraws). */
  version: number;
  colour: ColourMode;
  busy: string | null;
  progress: { done: number; total: number; note?: string } | null;
  error: string | null;
  hover: { point: number; title: string } | null;
  clicked: { point: number; neighbours: (Neighbour & { drawn: boolean })[] } | null;
  selection: { how: 'lasso' | 'search'; stats: SelectionStats; drawn: number } | null;
  search: string;
  /** Milliseconds of the last full draw (points uploaded and rendered). */
  drawMs: number | null;
  set: (p: Partial<ProjectorState>) => void;
}

export const useProjectorStore = create<ProjectorState>()((set) => ({
  sourceKey: 'standin',
  loaded: null,
  method: 'pca',
  projection: null,
  version: 0,
  colour: 'category',
  busy: null,
  progress: null,
  error: null,
  hover: null,
  clicked: null,
  selection: null,
  search: '',
  drawMs: null,
  set: (p) => set(p),
}));
