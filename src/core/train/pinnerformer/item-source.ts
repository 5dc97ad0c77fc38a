/**
 * Item embeddings for PinnerFormer from a (budgeted) PinSage run that sees only events before the
 * P2 cut-off t0: the P1 split's test share is widened so that PinSage's train period ends at or
 * before t0. Returns the N × dim matrix PinnerFormer takes as its item feature.
 */
import type { Dataset } from '../../data/types';
import { p1Split } from '../../eval/splits/p1-item-to-item';
import { parsePinSageConfig, type PinSageConfigInput } from '../../models/pinsage/config';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { preparePinSageData } from '../pinsage-data';
import { trainPinSage, type TrainEvent } from '../pinsage-train';

/** Default budget: no-hard-negatives (the best PinSage variant measured on both datasets), 2 epochs of ≤ 150 steps. */
export const PINSAGE_FOR_PINNERFORMER: PinSageConfigInput = { variant: 'no-hard-negatives', epochs: 2, maxStepsPerEpoch: 150, validateEvery: 1_000_000 };

export interface PinSageItemEmbeddings extends ItemEmbeddings {
  /** Human description for metrics.json and the UI. */
  source: string;
  trainSeconds: number;
}

export async function pinSageItemEmbeddings(
  ds: Dataset,
  t0: number,
  config: PinSageConfigInput = PINSAGE_FOR_PINNERFORMER,
  opts: { signal?: AbortSignal; onEvent?(e: TrainEvent): void } = {},
): Promise<PinSageItemEmbeddings> {
  const cfg = parsePinSageConfig({ ...PINSAGE_FOR_PINNERFORMER, ...config });
  const ts = ds.events.timestamp;
  const start = ts[0];
  const end = ts[ts.length - 1];
  const span = Math.max(1, end - start);
  const testFraction = Math.min(0.9, Math.max(0.1, (end - t0) / span + 1e-9));
  const split = p1Split(ds, { seed: cfg.seed, testFraction });
  if (split.trainEnd > 0 && ts[split.trainEnd - 1] >= t0) throw new Error('PinSage train period would reach past the P2 cut-off');
  const d = preparePinSageData(ds, cfg, { split });
  const r = await trainPinSage(cfg, d, { signal: opts.signal, onEvent: opts.onEvent, runId: `pinsage-for-pinnerformer-${cfg.seed}` });
  r.model.dispose();
  return {
    vectors: r.embeddings,
    dim: cfg.output,
    trainSeconds: r.trainSeconds,
    source: `pinsage ${cfg.variant}, ${cfg.epochs} epochs × ≤ ${cfg.maxStepsPerEpoch || 'all'} steps, events before t0 (val R@10 ${r.state.bestRecall10.toFixed(4)})`,
  };
}
