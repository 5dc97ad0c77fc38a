/**
 * The export contract: what a run produced (`ArtifactInput`) and the files made from it
 * (`ArtifactFile`). Pure data, no DOM: the batch CLI writes the files to disk, the Export panel
 * offers them as downloads. Layouts of every file: docs/export.md.
 */
import type { MetricsJson } from '../eval/metrics-json';

/** One output file. `path` is relative and '/'-separated (e.g. 'embeddings/items.npy'); it never contains '..'. */
export interface ArtifactFile {
  path: string;
  bytes: Uint8Array;
  mediaType: string;
}

/** The dataset a run used (`hash` from core/data/content-hash.ts datasetHash). */
export interface ExportDatasetInfo {
  name: string;
  /** 'sha256:…' */
  hash: string;
  events: number;
  items: number;
  shoppers: number;
  /** Provenance (Dataset.meta), copied into manifest.json. */
  meta?: Readonly<Record<string, string | number | boolean>>;
}

/** N row vectors of size `dim`, row-major (`vectors.length === ids.length * dim`). */
export interface EmbeddingSet {
  ids: readonly string[];
  vectors: Float32Array;
  dim: number;
  /** What produced them, e.g. 'pinsage/importance-pooling', 'pinnerformer'. */
  source?: string;
}

/** Item embeddings, with optional per-row metadata for the projector, Parquet and search documents. */
export interface ItemEmbeddingSet extends EmbeddingSet {
  /** `titles[i]` of row i ('' when unknown). */
  titles?: readonly string[];
  /** `categories[i]` of row i ('' when unknown). */
  categories?: readonly string[];
}

export type ShopperEmbeddingSet = EmbeddingSet;

/**
 * A Pfeed lookup table: for each query item (in one query role), its top `k` target items.
 * `targetIds` and `scores` are row-major, `queryIds.length * k` long; an empty target id marks
 * an unused slot (fewer than k candidates) and is left out of every file.
 */
export interface LookupTableExport {
  /** 'view-query' | 'buy-query' (core/models/simo/roles.ts QueryRole), or another label. */
  role: string;
  queryIds: readonly string[];
  k: number;
  targetIds: readonly string[];
  scores: Float32Array;
}

/** One slot of one shopper's feed. `rank` is 1-based. */
export interface FeedRow {
  shopperId: string;
  rank: number;
  itemId: string;
  score: number;
  /** The query items (ids) whose lookup rows brought this item into the feed. */
  explanation: readonly string[];
}

export interface FeedsExport {
  /** The target set, e.g. 'all', 'promo', 'new'. */
  targetSet: string;
  /** ISO time the feeds were composed at (t0 in P4). */
  composedAt?: string;
  rows: readonly FeedRow[];
}

/** The shopper key-value snapshot of the daily inference: shopper id → embedding, as of `asOf`. */
export interface ShopperSnapshot extends EmbeddingSet {
  /** ISO 8601 time of the last event the snapshot includes. */
  asOf: string;
}

/** One named weight tensor, row-major float32. */
export interface WeightTensor {
  name: string;
  shape: readonly number[];
  values: Float32Array;
}

/** A trained model's weights and the config that rebuilds the model around them. */
export interface ModelWeights {
  /** 'pinsage', 'pinnerformer', 'simo', … (sanitised into the folder name). */
  model: string;
  /** The model config, JSON-serialisable. */
  config: unknown;
  tensors: readonly WeightTensor[];
}

export interface StageTiming {
  stage: string;
  seconds: number;
}

/** manifest.json fields that are not derived from the files themselves. */
export interface ManifestFields {
  /** Run name or id (sanitised where it becomes a file or folder name). */
  runName: string;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** The pipeline config that produced the run, JSON-serialisable. */
  config: unknown;
  seed: number;
  /** 'webgpu' | 'wasm' | 'cpu' … */
  backend: string;
  /** Adapter / device summary (e.g. core/compute AdapterSummary), JSON-serialisable; null when none. */
  adapter?: unknown;
  /** Library name → version, passed in by the caller (package.json, navigator, tfjs.version…). */
  libraries: Readonly<Record<string, string>>;
  stages: readonly StageTiming[];
  /** Anything else worth recording (JSON-serialisable). */
  extra?: Readonly<Record<string, unknown>>;
}

export interface ArtifactInput {
  dataset: ExportDatasetInfo;
  items?: ItemEmbeddingSet;
  shoppers?: ShopperEmbeddingSet;
  lookupTables?: readonly LookupTableExport[];
  feeds?: FeedsExport;
  snapshot?: ShopperSnapshot;
  weights?: readonly ModelWeights[];
  metrics?: MetricsJson;
  manifest: ManifestFields;
}

/** The formats `buildArtifacts` can write; a missing input simply yields no file of that kind. */
export const EXPORT_FORMATS = [
  'npy',
  'parquet',
  'jsonl',
  'es-bulk',
  'opensearch-bulk',
  'projector',
  'kv-snapshot',
  'weights',
  'metrics',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface BuildOptions {
  /** Which formats to write (default: all). manifest.json is always written, last. */
  formats?: readonly ExportFormat[];
  /** Search index name for the bulk files (default: derived from the dataset name, sanitised). */
  indexName?: string;
  /** Similarity written into the search mappings (default 'cosine'). */
  similarity?: 'cosine' | 'dot_product' | 'l2_norm';
  signal?: AbortSignal;
  /** Called after each file: done of total files, and the path just written. */
  onProgress?: (done: number, total: number, path: string) => void;
}

/**
 * buildArtifacts(input, options?) → Promise<ArtifactFile[]> (src/core/export/build.ts): async
 * because manifest.json lists each file's sha256 (WebCrypto digests are async).
 */
export type BuildArtifacts = (input: ArtifactInput, options?: BuildOptions) => Promise<ArtifactFile[]>;
