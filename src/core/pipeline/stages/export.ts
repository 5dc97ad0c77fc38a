/**
 * Stage "export": maps what the stages produced onto the export contract (src/core/export/types.ts)
 * and builds the artifact files (npy, Parquet, JSONL, search bulk + mappings, projector, weights,
 * metrics.json, manifest.json) with the export module's buildArtifacts.
 */
import type { ArtifactFile, ArtifactInput, BuildArtifacts, ModelWeights } from '../../export/types';
import { localWeightName } from '../../export/pinsage-weights';
import { modelLocalName, PINNERFORMER_ITEM_TABLE } from '../../export/model-restore';
import type { StageConfigOf } from '../config';
import { feedsExport, lookupTableExports } from '../pfeed-export';
import type { PipelineContext, PipelineState, StageTiming } from '../types';
import type { StageProgress } from './progress';

/** The ArtifactInput of a finished (or partly finished) run. */
export function artifactInput(state: PipelineState, timings: readonly StageTiming[], createdAt: string): ArtifactInput {
  const load = state.load;
  if (!load) throw new Error('export needs the load stage');
  const ds = load.dataset;
  const p = state.pinsage;
  const weights: ModelWeights[] = [];
  if (p) {
    weights.push({
      model: 'pinsage',
      config: p.config,
      tensors: p.weights.map((w) => ({ name: localWeightName(w.name), shape: w.shape, values: w.values instanceof Float32Array ? w.values : Float32Array.from(w.values) })),
    });
  }
  const pf = state.pinnerformer;
  if (pf) {
    // the input item table travels with the weights: the model is rebuilt from both (restorePinnerFormer)
    weights.push({
      model: 'pinnerformer',
      config: pf.config,
      tensors: [
        ...pf.weights.map((w) => ({ name: modelLocalName(w.name), shape: w.shape, values: w.values })),
        { name: PINNERFORMER_ITEM_TABLE, shape: [pf.itemVectors.length / pf.itemDim, pf.itemDim], values: pf.itemVectors },
      ],
    });
  }
  const pd = state.pfeed;
  if (pd) weights.push({ model: 'simo', config: pd.simo, tensors: pd.weights });
  const backend = state.backend;
  return {
    dataset: { ...load.info, meta: ds.meta },
    ...(p
      ? {
          items: {
            ids: ds.items.ids,
            vectors: p.embeddings,
            dim: p.dim,
            source: `pinsage/${p.config.variant}`,
            titles: ds.items.title,
            categories: Array.from(ds.items.category, (c) => ds.items.categories[c] ?? ''),
          },
        }
      : {}),
    ...(pf
      ? {
          shoppers: { ids: pf.snapshot.ids, vectors: pf.snapshot.vectors, dim: pf.snapshot.dim, source: `pinnerformer/${pf.config.objective}` },
          snapshot: { ids: pf.snapshot.ids, vectors: pf.snapshot.vectors, dim: pf.snapshot.dim, source: `pinnerformer/${pf.config.objective}`, asOf: new Date(pf.snapshot.asOf).toISOString() },
        }
      : {}),
    ...(pd
      ? {
          lookupTables: lookupTableExports(pd.table, ds.items.ids),
          feeds: feedsExport(pd.feeds, ds, pd.table.targetSetName, pd.composedAt),
        }
      : {}),
    weights,
    ...(state.metrics ? { metrics: state.metrics } : {}),
    manifest: {
      runName: state.config.name,
      createdAt,
      config: state.config,
      seed: state.config.seed,
      backend: backend.backend,
      adapter: (backend as { adapter?: unknown }).adapter ?? null,
      libraries: state.versions,
      stages: timings.map((t) => ({ stage: t.stage, seconds: t.seconds })),
      extra: {
        backendInfo: backend,
        startedAt: state.startedAt,
        ...(load.report ? { loadReport: { rowsRead: load.report.rowsRead, rowsAccepted: load.report.rowsAccepted, rowsRejected: load.report.rowsRejected } } : {}),
        ...(p ? { training: p.training } : {}),
        ...(pf ? { pinnerformer: { training: pf.training, item_embeddings: pf.itemSource, snapshotAsOf: new Date(pf.snapshot.asOf).toISOString() } } : {}),
        ...(pd
          ? {
              pfeed: {
                training: pd.training,
                t0: new Date(pd.t0).toISOString(),
                targetSet: pd.table.targetSetName,
                composedAt: new Date(pd.composedAt).toISOString(),
                feeds: pd.feeds.length,
                viewQueries: pd.table.roles['view-query'].queries.length,
                buyQueries: pd.table.roles['buy-query'].queries.length,
              },
            }
          : {}),
      },
    },
  };
}

export async function runExport(
  stage: StageConfigOf<'export'>,
  state: PipelineState,
  build: BuildArtifacts,
  ctx: PipelineContext,
  progress: StageProgress,
): Promise<ArtifactFile[]> {
  const input = artifactInput(state, state.timings, new Date().toISOString());
  const chosen = stage.formats?.length ? stage.formats : undefined;
  const files = await build(stage.weights ? input : { ...input, weights: [] }, {
    ...(chosen ? { formats: chosen } : {}),
    similarity: stage.similarity,
    ...(stage.indexName ? { indexName: stage.indexName } : {}),
    signal: ctx.signal,
    onProgress: (done, total, path) => progress(done, total, path),
  });
  return files;
}
