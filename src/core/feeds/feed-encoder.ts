/**
 * The role embeddings behind the Feeds panel: the SIMO encoder trained on the dataset's P3 train
 * pairs with a small step budget (so the panel is usable within about a minute on WASM), or — only
 * when asked, or when SIMO cannot be trained on the data — the stand-in co-engagement embeddings,
 * always with the reason, so the panel can say which one it shows. Progress per step, AbortSignal
 * (an abort is never turned into a fallback).
 */
import type { Dataset, ProgressFn } from '../data/types';
import { p3Split } from '../eval/splits/p3-split';
import { parseSimoConfig, simoVariant, type SimoConfig, type SimoConfigInput } from '../models/simo/config';
import type { P3Split } from '../eval/splits/p3-split';
import { modelLocalName } from '../export/model-restore';
import type { WeightTensor } from '../export/types';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { prepareSimoData } from '../train/simo/data';
import { trainSimo, type SimoTrainEvent } from '../train/simo/train';
import { standInRoleEmbeddings } from './standin-embeddings';
import { FEED_SIMO_DEFAULTS, FEED_SIMO_STEPS, type FeedEncoderRequest } from './feed-encoder-defaults';

export { FEED_SIMO_DEFAULTS, FEED_SIMO_STEPS, type FeedEncoderRequest };

export interface FeedEncoderInfo {
  /** What produced the embeddings. */
  kind: 'simo' | 'standin';
  /** Why the stand-in is used ('requested', or the error that stopped SIMO). Empty for SIMO. */
  fallbackReason: string;
  variant?: string;
  steps?: number;
  epochs?: number;
  bestEpoch?: number;
  /** Mean validation Recall@10 over the relations at the kept epoch. */
  validationRecall10?: number;
  relations?: string[];
  seconds: number;
}

export interface FeedEncoderResult {
  embeddings: ItemRoleEmbeddings;
  info: FeedEncoderInfo;
  /**
   * SIMO only: the config it trained with, the P3 split (its test pairs were held out: P3 can be
   * scored on them) and the trained weights, named as the batch export names them
   * (models/simo/weights.*; restoreSimoEncoder loads them back).
   */
  simo?: { config: SimoConfig; split: P3Split; weights: WeightTensor[] };
}

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

/** Trains the panel's SIMO encoder on every event before `before` (default: all). */
export async function trainFeedSimo(
  ds: Dataset,
  opts: { steps?: number; config?: SimoConfigInput; before?: number; signal?: AbortSignal; onProgress?: ProgressFn; onEvent?: (e: SimoTrainEvent) => void } = {},
): Promise<FeedEncoderResult> {
  const t0 = performance.now();
  const steps = Math.max(1, Math.round(opts.steps ?? FEED_SIMO_STEPS));
  const base = parseSimoConfig({ ...FEED_SIMO_DEFAULTS, ...opts.config });
  const cfg = parseSimoConfig({ ...base, maxStepsPerEpoch: Math.max(1, Math.ceil(steps / base.epochs)) });
  opts.onProgress?.(0, 1, 'SIMO: building the P3 pairs');
  const split = p3Split(ds, { seed: cfg.seed, ...(opts.before !== undefined ? { before: opts.before } : {}) });
  opts.signal?.throwIfAborted();
  const data = prepareSimoData(ds, cfg, { split });
  const r = await trainSimo(cfg, data, {
    signal: opts.signal,
    onEvent: (e) => {
      opts.onEvent?.(e);
      if (e.type === 'throughput') opts.onProgress?.(e.step, e.totalSteps, `SIMO: training, epoch ${e.epoch} of ${cfg.epochs}`);
      else if (e.type === 'validation') opts.onProgress?.(e.epoch, cfg.epochs, `SIMO: epoch ${e.epoch} validation Recall@10 ${e.recall10.toFixed(3)}`);
    },
  });
  const weights: WeightTensor[] = [];
  try {
    for (const v of r.encoder.variables) weights.push({ name: modelLocalName(v.name), shape: v.shape.slice(), values: Float32Array.from(await v.data()) });
  } finally {
    r.encoder.dispose();
  }
  return {
    embeddings: r.embeddings,
    info: {
      kind: 'simo',
      fallbackReason: '',
      variant: simoVariant(cfg),
      steps: r.state.steps,
      epochs: r.state.epoch,
      bestEpoch: r.state.bestEpoch,
      validationRecall10: r.state.bestRecall10,
      relations: [...data.relations],
      seconds: (performance.now() - t0) / 1000,
    },
    simo: { config: cfg, split, weights },
  };
}

/** The panel's role embeddings: SIMO as requested, the stand-in when asked or when SIMO fails (with the reason). */
export async function feedEncoder(
  ds: Dataset,
  req: FeedEncoderRequest,
  opts: { before?: number; signal?: AbortSignal; onProgress?: ProgressFn; onEvent?: (e: SimoTrainEvent) => void } = {},
): Promise<FeedEncoderResult> {
  const standin = (reason: string): FeedEncoderResult => {
    const t0 = performance.now();
    const embeddings = standInRoleEmbeddings(ds, opts.before !== undefined ? { before: opts.before } : {});
    return { embeddings, info: { kind: 'standin', fallbackReason: reason, seconds: (performance.now() - t0) / 1000 } };
  };
  if (req.kind === 'standin') return standin('requested');
  try {
    return await trainFeedSimo(ds, { steps: req.steps, config: req.config, ...opts });
  } catch (e) {
    if (isAbort(e) || opts.signal?.aborted) throw e;
    return standin(`SIMO could not be trained here: ${e instanceof Error ? e.message : String(e)}`);
  }
}
