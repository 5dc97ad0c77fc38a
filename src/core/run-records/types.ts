/**
 * A persisted training / evaluation run of the UI (the Runs panel, docs/runs.md): small on purpose —
 * config, metrics, curves, timings, backend, dataset identity and status; never embeddings (they
 * are re-materialised from the run's checkpoint by the Export panel).
 */
import type { MetricsEntry } from '../eval/metrics-json';
import type { DatasetConfig } from '../pipeline/config';

/** 'simo': the Feeds panel's SIMO encoder run (its lookup tables and feeds are composed with it). */
export const RUN_MODELS = ['pinsage', 'pinnerformer', 'simo'] as const;
export type RunModel = (typeof RUN_MODELS)[number];

/** `interrupted`: the page that ran it went away (reload, closed tab) before it ended. */
export const RUN_STATUSES = ['running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** (global step, value) pairs. */
export type CurvePoints = [number, number][];

export interface RunCurves {
  loss: CurvePoints;
  /** Validation Recall@10 by step. */
  validation: CurvePoints;
}

export interface RunDatasetRef {
  name: string;
  /** datasetHash (src/core/data/content-hash.ts); null while it is being computed or when it failed. */
  hash: string | null;
  events: number;
  items: number;
  shoppers: number;
  /** Where it came from ('Bundled: UCI Online Retail', 'Synthetic: small preset' …). */
  source: string;
  /** The dataset as a pipeline config section, when it can be expressed as one. */
  config: DatasetConfig | null;
}

export interface RunBackend {
  /** What the training worker reported (webgpu / wasm / cpu), or what was requested while running. */
  name: string;
  /** Adapter / WASM details from the compute worker, when known. */
  detail?: string;
}

export interface RunTimings {
  startedAt: number;
  endedAt: number | null;
  wallSeconds: number | null;
  /** Seconds per stage reported by the worker (train / infer / eval …). */
  stages: Record<string, number>;
}

export interface RunRecord {
  /** Unique per run (a repeated config gets a new id). */
  id: string;
  name: string;
  model: RunModel;
  /** The training worker's run id (its checkpoint key): the same dataset + config share it. */
  trainRunId: string;
  status: RunStatus;
  error?: string;
  /**
   * The model's full (parsed) config. SIMO runs: the SimoConfig plus the Feeds panel's `steps`
   * (all epochs together), `k` and `targetSets` (the "X for you" set the feeds were composed for).
   */
  config: Record<string, unknown>;
  /** PinnerFormer only: overrides of the budgeted PinSage run that gives its item embeddings. */
  itemOverrides?: Record<string, unknown>;
  dataset: RunDatasetRef;
  backend: RunBackend;
  entries: MetricsEntry[];
  curves: RunCurves;
  timings: RunTimings;
  /** Throughput of the last progress note (pairs/s or seqs/s). */
  throughput?: { value: number; unit: string };
  version: 1;
}

/** Keeps at most `max` points (evenly spaced, last one kept): records stay small on long runs. */
export function thinCurve(points: CurvePoints, max = 400): CurvePoints {
  if (points.length <= max) return points.map(([a, b]) => [a, b]);
  const out: CurvePoints = [];
  const stride = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const p = points[Math.round(i * stride)];
    out.push([p[0], p[1]]);
  }
  return out;
}

export const RUN_MODEL_NAMES: Record<RunModel, string> = { pinsage: 'PinSage', pinnerformer: 'PinnerFormer', simo: 'SIMO (Pfeed)' };

/** The entry of the run's own model (not a baseline), for the list's key metrics. */
export function mainEntry(r: Pick<RunRecord, 'model' | 'entries'>): MetricsEntry | undefined {
  return r.entries.find((e) => e.model === r.model) ?? r.entries.find((e) => e.model.startsWith(r.model));
}
