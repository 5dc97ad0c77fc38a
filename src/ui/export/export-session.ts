/**
 * What the Export panel gathered in this page session: the chosen
 * run's item embeddings and weights (re-materialised from its checkpoint) and the built files.
 * Held outside React state: the arrays are large.
 */
import type { ArtifactFile, ModelWeights } from '../../core/export/types';

export interface LoadedRun {
  runId: string;
  dataset: string;
  embeddings: Float32Array;
  dim: number;
  weights: ModelWeights | null;
  /** Seconds the re-materialisation took (infer + P1), recorded as a stage in the manifest. */
  seconds: number;
}

/** A PinnerFormer run's shopper embeddings at the dataset's last event (the daily snapshot). */
export interface LoadedShoppers {
  runId: string;
  dataset: string;
  ids: string[];
  vectors: Float32Array;
  dim: number;
  asOf: string;
  seconds: number;
  /** The session's trained PinnerFormer (variables + input item table), null when the worker could not give it. */
  weights: ModelWeights | null;
}

export const exportSession: {
  run: LoadedRun | null;
  shoppers: LoadedShoppers | null;
  files: ArtifactFile[];
} = { run: null, shoppers: null, files: [] };
