/** Types shared by the pipeline runner, its stages and the batch page / CLI. */
import type { ArtifactFile } from '../export/types';
import type { InputFile } from '../data/loaders/input';
import type { Dataset, ValidationReport } from '../data/types';
import type { MetricsDatasetInfo, MetricsEntry, MetricsJson } from '../eval/metrics-json';
import type { P1Split } from '../eval/splits/p1-item-to-item';
import type { ItemPairs } from '../eval/splits/pairs';
import type { BipartiteGraph, Neighbourhoods, WalkParams } from '../graph/types';
import type { SavedTensor } from '../compute/checkpoint';
import type { PinSageConfig } from '../models/pinsage/config';
import type { ItemFeatures } from '../models/pinsage/features';
import type { PinnerFormerConfig } from '../models/pinnerformer/config';
import type { PinnerFormerModel } from '../models/pinnerformer/model';
import type { ShopperSnapshot } from '../models/pinnerformer/incremental';
import type { PipelineConfig, StageId } from './config';
import type { SimoConfig } from '../models/simo/config';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import type { P3Split } from '../eval/splits/p3-split';
import type { P3Relation } from '../eval/splits/p3-pairs';
import type { LookupTable } from '../retrieval/lookup-table';
import type { Feed } from '../feeds/composer';
import type { FeedConfig } from '../feeds/config';
import type { TargetSetRule } from '../feeds/target-sets';
import type { WeightTensor } from '../export/types';

/** What the run records about the compute backend (BackendInfo from src/core/compute, or less in Node tests). */
export interface PipelineBackendInfo {
  backend: string;
  [detail: string]: unknown;
}

export type PipelineEvent =
  | { type: 'stage-start'; stage: StageId; index: number; count: number }
  | { type: 'progress'; stage: StageId; done: number; total: number; note?: string }
  | { type: 'stage-end'; stage: StageId; seconds: number; summary: Record<string, string | number> }
  | { type: 'metrics'; stage: StageId; entries: MetricsEntry[] }
  | { type: 'log'; stage: StageId; message: string };

export interface PipelineContext {
  /** The dataset's files (preset / generic datasets), in the order of `dataset.files`. */
  files?: InputFile[];
  signal?: AbortSignal;
  onEvent?(e: PipelineEvent): void;
  /** The initialised backend (the caller runs initCompute / tf.setBackend first). */
  backend: PipelineBackendInfo;
  /** Library versions for the manifest (tfjs, app version, …). */
  versions?: Record<string, string>;
}

export interface StageTiming {
  stage: StageId;
  seconds: number;
}

export interface LoadOutput {
  dataset: Dataset;
  info: MetricsDatasetInfo;
  report: ValidationReport | null;
}

export interface WalksOutput {
  split: P1Split;
  graph: BipartiteGraph;
  walk: WalkParams;
  neighbourhoods: Neighbourhoods;
}

export interface PinSageOutput {
  config: PinSageConfig;
  /** Item embeddings [items × dim], row i = item index i, best-validation weights. */
  embeddings: Float32Array;
  dim: number;
  weights: SavedTensor[];
  features: ItemFeatures;
  valPairs: ItemPairs;
  training: { epochs: number; best_epoch: number; best_val_recall10: number; pairs_per_s: number; steps: number };
  seconds: { train: number; infer: number };
}

export interface PinnerFormerOutput {
  config: PinnerFormerConfig;
  /** Alive until the pipeline ends (the evaluate stage scores P2 with it); runPipeline disposes it. */
  model: PinnerFormerModel;
  itemSource: string;
  itemVectors: Float32Array;
  itemDim: number;
  /** Every shopper's embedding from all its events (the daily inference), asOf = last event + 1 ms. */
  snapshot: ShopperSnapshot;
  weights: { name: string; shape: number[]; values: Float32Array }[];
  training: { epochs: number; best_epoch: number; seqs_per_s: number };
  seconds: { train: number; infer: number };
}

export interface PfeedOutput {
  simo: SimoConfig;
  feed: FeedConfig;
  k: number;
  targetSets: TargetSetRule[];
  windowDays: number;
  /** P4 cut-off: SIMO saw only the P3 pairs of events before it. */
  t0: number;
  /** The three role embeddings of every item (best-validation weights). */
  embeddings: ItemRoleEmbeddings;
  /** The P3 split of the events before t0 the encoder trained on (P3 evaluates its test pairs). */
  split: P3Split;
  relations: readonly P3Relation[];
  weights: WeightTensor[];
  training: { epochs: number; best_epoch: number; best_val_recall10: number; steps: number; pairs_per_s: number };
  seconds: { train: number; infer: number };
  /** The first target set's lookup table over every event (the exported one). */
  table: LookupTable;
  /** Every shopper's feed at `composedAt` (the last event + 1 ms), from that table. */
  feeds: Feed[];
  composedAt: number;
}

/** Everything the stages produced; later stages and the export read it. */
export interface PipelineState {
  config: PipelineConfig;
  backend: PipelineBackendInfo;
  versions: Record<string, string>;
  load?: LoadOutput;
  walks?: WalksOutput;
  pinsage?: PinSageOutput;
  pinnerformer?: PinnerFormerOutput;
  pfeed?: PfeedOutput;
  /** Protocol entries of the evaluate stage. */
  metrics?: MetricsJson;
  timings: StageTiming[];
  startedAt: string;
}

export interface PipelineResult {
  state: PipelineState;
  metrics: MetricsJson | null;
  /** The export stage's files (src/core/export ArtifactFile), manifest.json last; empty without an export stage. */
  artifacts: ArtifactFile[];
  timings: StageTiming[];
}
