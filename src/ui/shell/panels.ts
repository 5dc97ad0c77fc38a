/**
 * The workbench's panels, in navigation order. Data and Graph are built so far. A built panel is mounted in
 * src/ui/App.tsx (VIEWS) and its root element carries data-testid="panel-<id>" (e2e/app.spec.ts).
 */
export type PanelId = 'data' | 'graph' | 'train' | 'evaluate' | 'projector' | 'feeds' | 'export' | 'runs';

export interface PanelInfo {
  id: PanelId;
  label: string;
  /** One line: what the panel is for (shown in the nav tooltip and the placeholder). */
  purpose: string;
  /** Built panels render their view; the others render an honest placeholder. */
  built: boolean;
  /** Which piece of work brings the panel (shown on the placeholder). */
  comesWith?: string;
}

export const PANELS: readonly PanelInfo[] = [
  { id: 'data', label: 'Data', purpose: 'Load a dataset, check the validation report and its statistics.', built: true },
  {
    id: 'graph',
    label: 'Graph',
    purpose: 'Shopper–item bipartite graph, random walks and item neighbourhoods.',
    built: true,
  },
  {
    id: 'train',
    label: 'Train',
    purpose: 'Train PinSage item embeddings and PinnerFormer shopper embeddings.',
    built: true,
    comesWith: 'issues #5 (PinSage) and #6 (PinnerFormer)',
  },
  {
    id: 'evaluate',
    label: 'Evaluate',
    purpose: 'Offline evaluation with protocols P1–P3 and their metrics.',
    built: true,
    comesWith: 'issues #5–#7 (P1–P4 tables per model)',
  },
  {
    id: 'projector',
    label: 'Projector',
    purpose: 'Item and shopper embeddings in 2-D (PCA, UMAP): colours, neighbours, selections.',
    built: true,
    comesWith: 'issue #9 (embedding projector)',
  },
  {
    id: 'feeds',
    label: 'Feeds',
    purpose: 'Pfeed: compose personalised feeds from item roles and shopper embeddings.',
    built: true,
    comesWith: 'issue #7 (Pfeed feeds)',
  },
  {
    id: 'export',
    label: 'Export',
    purpose: 'Export embeddings and lookup tables (npy, Parquet, ES bulk, projector, KV) with a manifest.',
    built: true,
    comesWith: 'issue #8 (batch mode and exports)',
  },
  {
    id: 'runs',
    label: 'Runs',
    purpose: 'Run records: configs, backends, metrics and checkpoints of past runs.',
    built: true,
    comesWith: 'issue #8 (persisted runs)',
  },
];

export const DEFAULT_PANEL: PanelId = 'data';

export function isPanelId(s: string): s is PanelId {
  return PANELS.some((p) => p.id === s);
}

export function panelInfo(id: PanelId): PanelInfo {
  return PANELS.find((p) => p.id === id) ?? PANELS[0];
}
