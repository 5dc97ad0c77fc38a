/**
 * PinnerFormer (Pancha et al. 2022, arXiv 2205.04507): one embedding per shopper that predicts
 * what the shopper engages with over the next K = 14 days. Public API (see docs/pinnerformer.md).
 *
 * Config
 *   pinnerFormerConfigSchema, parsePinnerFormerConfig(partial) → PinnerFormerConfig (zod; defaults:
 *   dense-all-action, M 64, hidden 128, 2 layers, 4 heads, ffn 256, output = item dim, batch 128,
 *   4 positions / sequence, in-batch + 256 random negatives, logQ on, learned τ ≥ 0.01, Adam 1e-3).
 *   PINNERFORMER_OBJECTIVES ('dense-all-action' | 'all-action' | 'next-action' | 'sasrec'),
 *   ACTION_FEATURE_GROUPS ('item' | 'action' | 'device' | 'duration' | 'time'; `dropFeatures`
 *   leaves groups out for the ablation table).
 *
 * Features
 *   featureAvailability(ds) → FeatureAvailability[] (which groups the dataset carries; missing
 *   ones are constants). ItemEmbeddings = { vectors: Float32Array (N × dim), dim }: any item matrix
 *   (PinSage's, or a content / random one in tests).
 *
 * Training (src/core/train/pinnerformer)
 *   preparePinnerFormerData(ds, cfg, { split?, variant? }) → PinnerFormerData (P2 split; only
 *   events before t0; disjoint held-out shoppers removed; validation shoppers cut at t0 − K).
 *   trainPinnerFormer(cfg, data, items, { runId, store, onEvent, signal, gate, validate, maxSeconds })
 *   → { model, state, trainSeconds, seqsPerSecond, stoppedEarly }; events: loss (with τ),
 *   throughput (seqsPerSecond, eta), validation (recall10), epoch, checkpoint, resumed, early-stop.
 *   Checkpoints: PinnerFormerCheckpointStore / MemoryPinnerFormerCheckpointStore; loadPinnerFormer(c, items).
 *   NaN / divergence → PinnerFormerDivergenceError (last good checkpoint kept).
 *
 * Inference
 *   inferShopperEmbeddings(model, ds, shoppers, t) → { shoppers, vectors, dim, hasHistory } from each
 *   shopper's last M events before t; inferItemEmbeddings(model) → nItems × dim (item tower).
 *   pinnerFormerP2Scorer(model, ds, split) → P2Scorer for src/core/eval/p2.ts (cosine, full catalogue).
 *
 * Daily incremental inference
 *   fullSnapshot(model, ds, asOf) → ShopperSnapshot { ids, vectors, dim, asOf };
 *   incrementalUpdate(model, ds, prev, dayStart, dayEnd) → { snapshot, report: { recomputed, kept,
 *   added, active, seconds } }; snapshotToKeyValue(snapshot) → Map<shopper id, Float32Array>.
 *
 * Worker (workers/pinnerformer.worker.ts, type PinnerFormerJobs), jobs:
 *   init(InitOptions) → BackendInfo
 *   train({ dataset, config, runId, items?, pinsage? }) → { runId, entries (P2 metrics), shopperIds,
 *     shopperVectors, itemVectors, dim, backend, seqsPerSecond, availability }; progress notes are
 *     JSON PinnerFormerLive (phase, epoch, step, totalSteps, seqsPerSecond, losses, validations)
 *   pause(null) / resume(null) / forget({ runId })
 *   infer({ dataset, shoppers?, t? }) → { ids, vectors, dim } with the last trained model
 *   lookup({ dataset, shopper, k? }) → { recent: event indices, items: top-k, scores }
 *   incremental({ dataset, snapshot, dayStart, dayEnd }) → { snapshot, report }
 *   bench({ dataset, backend, steps }) → BenchEntry-shaped entries
 */
export * from './config';
export {
  featureAvailability,
  denseDim,
  timePeriods,
  encodeTime,
  groupShopperEvents,
  type FeatureAvailability,
  type ItemEmbeddings,
  type ShopperEvents,
} from './features';
export { buildPinnerFormerModel, type PinnerFormerModel } from './model';
export { sampledSoftmaxLoss, sampledSoftmaxLogits } from './loss';
export { inferShopperEmbeddings, inferItemEmbeddings, eventsBefore, type ShopperEmbeddings, type InferOptions } from './infer';
export { pinnerFormerP2Scorer } from './scorer';
export { fullSnapshot, incrementalUpdate, snapshotToKeyValue, type ShopperSnapshot, type IncrementalReport } from './incremental';
