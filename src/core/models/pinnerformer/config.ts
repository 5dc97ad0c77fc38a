/**
 * PinnerFormer configuration (zod v4): every field has a default suited to a browser; the schema
 * drives the UI form, CLI validation and docs. `parsePinnerFormerConfig(partial)` fills defaults.
 */
import { z } from 'zod';

/** The objectives PROTOCOLS.md names for P2 (`metrics.json` `variant`). */
export const PINNERFORMER_OBJECTIVES = ['dense-all-action', 'all-action', 'next-action', 'sasrec'] as const;
export type PinnerFormerObjective = (typeof PINNERFORMER_OBJECTIVES)[number];

/** Feature groups of an action (leave-one-feature-out switches). */
export const ACTION_FEATURE_GROUPS = ['item', 'action', 'device', 'duration', 'time'] as const;
export type ActionFeatureGroup = (typeof ACTION_FEATURE_GROUPS)[number];

export const pinnerFormerConfigSchema = z.object({
  objective: z.enum(PINNERFORMER_OBJECTIVES).default('dense-all-action').describe('Training objective'),
  /** M: the last M actions of a shopper form the sequence. */
  historyLength: z.number().int().min(2).max(256).default(64).describe('Actions per sequence (M)'),
  hidden: z.number().int().min(8).max(1024).default(128).describe('Transformer hidden size'),
  layers: z.number().int().min(1).max(8).default(2).describe('Transformer layers'),
  heads: z.number().int().min(1).max(16).default(4).describe('Attention heads'),
  /** Feed-forward inner size. */
  ffn: z.number().int().min(8).max(4096).default(256).describe('Feed-forward size'),
  /** Output embedding size; 0 = the item embedding's dimension. */
  output: z.number().int().min(0).max(2048).default(0).describe('Embedding size (0 = item dim)'),
  actionDim: z.number().int().min(1).max(128).default(16).describe('Action-kind embedding size'),
  deviceDim: z.number().int().min(1).max(128).default(8).describe('Device embedding size'),
  /** P: fixed periods of the sin / cos time encoding (on log-transformed time). */
  timePeriods: z.number().int().min(1).max(32).default(8).describe('Time encoding periods (P)'),
  /**
   * Where "time to the latest action" is measured to. 'query' (default): to the queried position —
   * the time from each action to the query, encoded like the other time features, becomes a learned
   * per-head bias of the last layer's attention (TiSASRec-style), so a dense query at position z sees
   * what the last position sees at inference. 'window-end': a per-action feature measured to the
   * window's last action (the paper's literal reading); at a dense query z < M − 1 it tells the model
   * how far the window end lies after z, which inference never knows (docs/pinnerformer.md).
   */
  timeToLatest: z.enum(['query', 'window-end']).default('query').describe('Time to latest action: to the query (attention bias) or to the window end (feature)'),
  /** Feature groups left out (replaced by a constant): the leave-one-feature-out ablation. */
  dropFeatures: z.array(z.enum(ACTION_FEATURE_GROUPS)).default([]).describe('Feature groups left out'),
  /**
   * Skip connection: the shopper embedding adds the mean of the item-tower embeddings of the last
   * `skipWindow` actions up to the queried position (0 = off) to the transformer head's output, so
   * a fresh model starts at the mean-embedding baseline and training learns the difference.
   */
  skipWindow: z.number().int().min(0).max(256).default(16).describe('Skip: mean of the last N items (0 = off)'),
  /** Item tower: L2-normalised input embedding + MLP (residual) instead of the MLP alone. */
  itemResidual: z.boolean().default(true).describe('Item tower keeps the input embedding (residual)'),
  /** A learned per-item ID embedding added in the item tower (memorises items the input embedding blurs). */
  itemIdEmbedding: z.boolean().default(false).describe('Learned item-ID embedding in the item tower'),
  /** K: the future window of the all-action objectives, days. */
  windowDays: z.number().positive().max(365).default(14).describe('Future window K (days)'),
  /**
   * Where the future window of the all-action objectives starts. 'next-action': right after the
   * queried action (t_z, t_z + K]. 'next-session': at the shopper's next session (the first action
   * after an inactivity gap of `sessionGapMinutes`), still ending at t_z + K — the batch setting the
   * embedding serves: it is computed once, after the session, so the rest of the queried session is
   * never a target at inference (P2 ranks the window after t0). Next-action and SASRec ignore it.
   */
  windowStart: z.enum(['next-action', 'next-session']).default('next-action').describe('Future window starts at the next action or the next session'),
  sessionGapMinutes: z.number().positive().max(10_080).default(30).describe('Inactivity gap that ends a session (minutes)'),
  /**
   * How the all-action objectives draw a query's one target from its window: 'action' — a random
   * positive action (the paper; an item engaged with several times in the window is drawn more
   * often); 'item' — a random distinct item of the window's positives, the unit P2 counts (its
   * targets are the window's distinct items).
   */
  windowTarget: z.enum(['action', 'item']).default('action').describe('All-action target: a random positive action or a random distinct item of the window'),
  /** Dense all-action / SASRec: query positions sampled per sequence. */
  positionsPerSequence: z.number().int().min(1).max(64).default(4).describe('Positions per sequence (dense)'),
  batchSize: z.number().int().min(2).max(2048).default(128).describe('Sequences per batch'),
  inBatchNegatives: z.boolean().default(true).describe("In-batch negatives (other rows' positives)"),
  randomNegatives: z.number().int().min(0).max(8192).default(256).describe('Uniform random negatives per batch (0 = off)'),
  logQ: z.boolean().default(true).describe('logQ correction of every logit'),
  learnTemperature: z.boolean().default(true).describe('Learned temperature'),
  temperature: z.number().positive().max(10).default(0.1).describe('Initial (or fixed) temperature'),
  minTemperature: z.number().positive().max(1).default(0.01).describe('Temperature clamp from below'),
  learningRate: z.number().positive().max(1).default(0.001).describe('Adam learning rate'),
  epochs: z.number().int().min(1).max(1000).default(20).describe('Max epochs (one sequence per training shopper each)'),
  /** 0 = one step per batch of training shoppers. */
  maxStepsPerEpoch: z.number().int().min(0).max(1e7).default(0).describe('Cap on steps per epoch (0 = all)'),
  /** Stop after this many epochs without a better validation Recall@10. */
  patience: z.number().int().min(1).max(100).default(3).describe('Early-stop patience (epochs)'),
  /** Shoppers whose last K days before t0 are kept out of training and used for validation Recall@10. */
  validationShoppers: z.number().int().min(0).max(100_000).default(500).describe('Validation shoppers'),
  seed: z.number().int().default(42).describe('Seed'),
});

export type PinnerFormerConfig = z.infer<typeof pinnerFormerConfigSchema>;
export type PinnerFormerConfigInput = z.input<typeof pinnerFormerConfigSchema>;

export function parsePinnerFormerConfig(input: PinnerFormerConfigInput = {}): PinnerFormerConfig {
  const cfg = pinnerFormerConfigSchema.parse(input);
  if (cfg.hidden % cfg.heads !== 0) throw new Error(`hidden (${cfg.hidden}) must be a multiple of heads (${cfg.heads})`);
  return cfg;
}

/** Query positions per sequence the objective trains on (last-position objectives: 1). */
export function queriesPerSequence(cfg: PinnerFormerConfig): number {
  return cfg.objective === 'dense-all-action' || cfg.objective === 'sasrec' ? cfg.positionsPerSequence : 1;
}

/** Output size for an item embedding of dimension `itemDim`. */
export function outputDim(cfg: PinnerFormerConfig, itemDim: number): number {
  return cfg.output > 0 ? cfg.output : itemDim;
}

export function uses(cfg: PinnerFormerConfig, g: ActionFeatureGroup): boolean {
  return !cfg.dropFeatures.includes(g);
}

/**
 * True when time to the latest action is measured to the query (the attention bias). Checkpoints
 * saved before the option existed carry no `timeToLatest` and were trained with the window-end
 * feature, so only an explicit 'query' counts.
 */
export function queryRelativeTime(cfg: Pick<PinnerFormerConfig, 'timeToLatest'>): boolean {
  return cfg.timeToLatest === 'query';
}
