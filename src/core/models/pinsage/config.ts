/**
 * PinSage configuration (zod v4): every field has a default; the schema drives the UI form,
 * CLI validation and docs. `parsePinSageConfig(partial)` fills the defaults.
 */
import { z } from 'zod';

/** The variants PROTOCOLS.md names for P1 (`metrics.json` `variant`). */
export const PINSAGE_VARIANTS = ['importance-pooling', 'mean-pooling', 'max-pooling', 'no-hard-negatives', 'content-only'] as const;
export type PinSageVariant = (typeof PINSAGE_VARIANTS)[number];

export const pinSageConfigSchema = z.object({
  variant: z.enum(PINSAGE_VARIANTS).default('importance-pooling').describe('Which P1 variant to train'),
  /** Convolution layers K (the paper uses 2). */
  layers: z.number().int().min(1).max(3).default(2).describe('Convolution layers K'),
  hidden: z.number().int().min(8).max(2048).default(256).describe('Hidden size of every convolution'),
  output: z.number().int().min(8).max(2048).default(256).describe('Embedding size'),
  /** Neighbourhood size T (top-T walk neighbours). */
  topT: z.number().int().min(1).max(50).default(10).describe('Neighbours per node (T)'),
  /**
   * Neighbour ranking: 0 = the walks' visit counts (the paper); β > 0 re-ranks the 5·T most visited
   * items by visits / degree^β before keeping T. Default 0.5 (item KNN's cosine normalisation): on
   * Online Retail 50 hub items filled 68 % of the visit-count neighbourhoods, and β = 0.5 raised
   * validation and P1 Recall@10 of importance pooling (docs/pinsage.md, quality pass 2).
   */
  neighbourDegreeNorm: z.number().min(0).max(2).default(0.5).describe('Neighbour ranking: visits / degree^β (0 = plain visit counts)'),
  walks: z.number().int().min(1).max(10_000).default(100).describe('Walks per item (N)'),
  walkLength: z.number().int().min(1).max(1000).default(30).describe('Steps per walk (L)'),
  alpha: z.number().min(0).max(0.95).default(0.3).describe('Walk restart probability'),
  batchSize: z.number().int().min(1).max(8192).default(512).describe('Pairs per minibatch'),
  /** Shared negatives per minibatch; scaled down to ⌊items / 8⌋ on small catalogues. */
  sharedNegatives: z.number().int().min(1).max(10_000).default(500).describe('Negatives shared across the minibatch'),
  /** Curriculum: epoch n adds n − 1 hard negatives per query, at most this many. */
  hardNegativeCap: z.number().int().min(0).max(64).default(6).describe('Max hard negatives per query'),
  /**
   * Share of a minibatch's pairs (q, i) whose own edge is removed from their sampled neighbourhoods
   * (the paper removes it always, so the model cannot learn "i is in q's neighbourhood"; but on
   * P1 many test pairs repeat a train co-engagement, so adjacency is signal: see docs/pinsage.md).
   */
  pairEdgeRemoval: z.number().min(0).max(1).default(0.5).describe("Share of pairs whose own edge is removed from their neighbourhoods"),
  /**
   * Training pairs on basket data: 'per-epoch' redraws the P1 rule's 20-pairs-per-basket cap every
   * epoch and keeps duplicates across baskets (a pair is trained as often as it co-occurs; the
   * epochs cover many more of the train period's pairs); 'fixed' is one deduplicated P1 draw.
   * Sequence data always uses the fixed pairs. See docs/pinsage.md.
   */
  pairDraw: z.enum(['per-epoch', 'fixed']).default('per-epoch').describe('Training pairs: basket cap redrawn every epoch (duplicates kept) or one fixed P1 draw'),
  /** Hard negatives are drawn from the ranks [start, end) × (items the query's walks reach), by visit count. */
  hardBandStart: z.number().min(0).max(0.99).default(0.05).describe('Hard-negative band start (fraction of reached items)'),
  hardBandEnd: z.number().min(0.01).max(1).default(0.15).describe('Hard-negative band end (fraction of reached items)'),
  margin: z.number().positive().max(10).default(0.1).describe('Max-margin Δ'),
  /**
   * The peak rate of the schedule. 2e-3 with the cosine decay over 3 epochs (train-to-best pass,
   * docs/pinsage.md "Train to best"); earlier with a constant rate: 3e-4 was still far from
   * converged on the synthetic world, 1e-3 and 3e-3 rose faster on validation Recall@10 (held-out
   * train pairs, never the test split), 1e-2 was worse on Online Retail.
   */
  learningRate: z.number().positive().max(1).default(0.002).describe('Adam learning rate (the peak of the schedule)'),
  /**
   * The rate over the run (train/pinsage-lr.ts): a linear warm-up over `warmupSteps`, then constant,
   * or a cosine / linear decay to 0 at the last step of `epochs` epochs, so the run ends where its
   * schedule ends. See docs/pinsage.md "Train to best".
   */
  lrSchedule: z.enum(['cosine', 'linear', 'constant']).default('cosine').describe('Learning-rate schedule after the warm-up (decays to 0 at the last epoch)'),
  warmupSteps: z.number().int().min(0).max(1e6).default(100).describe('Linear learning-rate warm-up steps'),
  /** 3: the whole default run fits the ≤ 10 min train-to-best target (docs/pinsage.md "Train to best"). */
  epochs: z.number().int().min(1).max(1000).default(3).describe('Max epochs'),
  /** Stop after this many epochs without a better validation Recall@10. */
  patience: z.number().int().min(1).max(100).default(2).describe('Early-stop patience (epochs)'),
  /** 0 = every pair once per epoch. */
  maxStepsPerEpoch: z.number().int().min(0).max(1e7).default(0).describe('Cap on steps per epoch (0 = all pairs)'),
  /**
   * Validate (Recall@10 on held-out train pairs) every this many steps, and at every epoch end.
   * 250: two points per Online Retail epoch (541 steps) besides the epoch end, for the live chart.
   */
  validateEvery: z.number().int().min(1).max(1e6).default(250).describe('Validation every N steps'),
  validationPairs: z.number().int().min(10).max(100_000).default(2000).describe('Held-out train pairs for validation'),
  tokenBuckets: z.number().int().min(16).max(1 << 20).default(8192).describe('Hashed text token buckets'),
  maxTokens: z.number().int().min(1).max(128).default(16).describe('Tokens kept per title'),
  tokenDim: z.number().int().min(1).max(512).default(64).describe('Token embedding size'),
  categoryDim: z.number().int().min(1).max(256).default(16).describe('Category embedding size'),
  brandDim: z.number().int().min(1).max(256).default(16).describe('Brand embedding size'),
  /** Learned per-item ID embedding for items with train events (DGL's example); content alone for the rest. */
  idEmbedding: z.boolean().default(true).describe('Learned ID embedding for items seen in training'),
  idDim: z.number().int().min(1).max(512).default(32).describe('ID embedding size'),
  seed: z.number().int().default(42).describe('Seed'),
});

export type PinSageConfig = z.infer<typeof pinSageConfigSchema>;
export type PinSageConfigInput = z.input<typeof pinSageConfigSchema>;

export function parsePinSageConfig(input: PinSageConfigInput = {}): PinSageConfig {
  return pinSageConfigSchema.parse(input);
}

export type Pooling = 'importance' | 'mean' | 'max' | 'none';

/** What a variant changes: the pooling of neighbours, whether hard negatives are used. */
export function variantSettings(v: PinSageVariant): { pooling: Pooling; hardNegatives: boolean } {
  switch (v) {
    case 'importance-pooling':
      return { pooling: 'importance', hardNegatives: true };
    case 'mean-pooling':
      return { pooling: 'mean', hardNegatives: true };
    case 'max-pooling':
      return { pooling: 'max', hardNegatives: true };
    case 'no-hard-negatives':
      return { pooling: 'importance', hardNegatives: false };
    case 'content-only':
      return { pooling: 'none', hardNegatives: false };
  }
}

/** Shared negatives for a catalogue: the configured count, at most ⌊items / 8⌋ (at least 1). */
export function sharedNegativeCount(cfg: PinSageConfig, nItems: number): number {
  return Math.max(1, Math.min(cfg.sharedNegatives, Math.floor(nItems / 8)));
}

/** Hard negatives per query in (1-based) epoch n: none in epoch 1, n − 1 after, capped. */
export function hardNegativesForEpoch(cfg: PinSageConfig, epoch: number): number {
  if (!variantSettings(cfg.variant).hardNegatives) return 0;
  return Math.max(0, Math.min(cfg.hardNegativeCap, epoch - 1));
}
