/**
 * SIMO / SISO item encoder configuration (zod v4): every field has a default; the schema drives
 * the UI form, CLI validation and docs. `parseSimoConfig(partial)` fills the defaults.
 */
import { z } from 'zod';

/** 'simo': one pass, three role tokens; 'siso': the same encoder run once per role token. */
export const SIMO_MODES = ['simo', 'siso'] as const;
export type SimoMode = (typeof SIMO_MODES)[number];

/**
 * PinSage embeddings (an N × D matrix, item table order):
 * 'off' — content only; 'init' — a learned per-item token whose embedding starts from the PinSage
 * vector (seeded random projection to `hidden` when D ≠ hidden); 'concat' — the frozen PinSage
 * vector is concatenated to every role embedding (learned mixing weight), D + hidden wide.
 */
export const PINSAGE_USES = ['off', 'init', 'concat'] as const;
export type PinSageUse = (typeof PINSAGE_USES)[number];

/**
 * 'full': every token attends to every other token (role tokens see each other; content tokens see
 * the role tokens). 'isolated': a role token attends to itself and the content only, and content
 * tokens to content only — the content is encoded once and each role token reads it, so a SIMO
 * pass gives exactly what three SISO passes with the same weights give. Default 'isolated': with
 * 'full', the three item-independent role tokens dominate every role output at the start and
 * SIMO trained far slower (synthetic CI world, 6 epochs: view-buy R@10 0.06 vs 0.21).
 */
export const ROLE_ATTENTION = ['full', 'isolated'] as const;
export type RoleAttention = (typeof ROLE_ATTENTION)[number];

export const simoConfigSchema = z
  .object({
    mode: z.enum(SIMO_MODES).default('simo').describe('SIMO (one pass, three role tokens) or SISO (one pass per role)'),
    hidden: z.number().int().min(8).max(1024).default(64).describe('Hidden size d (= embedding size); sweep 32 / 64 / 128 / 256'),
    layers: z.number().int().min(1).max(8).default(2).describe('Transformer layers'),
    heads: z.number().int().min(1).max(16).default(2).describe('Attention heads (must divide hidden)'),
    ffnMultiplier: z.number().int().min(1).max(8).default(2).describe('Feed-forward width / hidden'),
    maxTokens: z.number().int().min(1).max(64).default(12).describe('Title tokens kept per item'),
    tokenBuckets: z.number().int().min(16).max(1 << 20).default(8192).describe('Hashed title token buckets'),
    priceBuckets: z.number().int().min(1).max(256).default(16).describe('Price quantile buckets (one token)'),
    roleAttention: z.enum(ROLE_ATTENTION).default('isolated').describe('full: every token attends to every token; isolated: role tokens read the content only'),
    pinsage: z.enum(PINSAGE_USES).default('off').describe('Use PinSage item embeddings: off, init (item token), concat'),
    /**
     * A learned per-item id token (random start) beside the content tokens: the encoder can then
     * memorise an item's co-engagement, which content alone (titles, price) cannot say on
     * wholesale data. Items never seen in training keep their random token (content still works).
     * Implied by pinsage 'init' (there the token starts at the PinSage vector).
     */
    itemToken: z.boolean().default(false).describe('Learned per-item id token (random start) beside the content'),
    /**
     * Sampling-bias correction of the in-batch softmax (Yi et al. 2019): in-batch negatives are
     * drawn in proportion to how often an item is a train target, so the plain loss learns
     * p(t|q)/p(t) and ranks popular targets down; subtracting log p(t) from every logit makes the
     * score estimate log p(t|q) instead, popularity included.
     */
    logQ: z.boolean().default(false).describe('Correct the in-batch softmax for target popularity (logQ)'),
    /**
     * Mixed negative sampling (Yang et al. 2020): R catalogue items drawn uniformly (with
     * replacement, one set per batch) join every row's softmax as extra negatives in the target
     * role. In-batch negatives are the batch's train targets, so an item seldom or never a target is
     * never pushed away from any query and can sit near all of them (a hub in the lookup table);
     * the uniform ones reach every item. A drawn item that is the row's target or a known train
     * positive of its query is masked. With `logQ` both parts are corrected by the log of an item's
     * expected count among them: log(B · p(t)) in-batch, log(R / N) for the uniform draws.
     * Measured (docs/pfeed.md, P4 round 4): a clear gain on the synthetic world (R 512: validation
     * Recall@10 0.28 → 0.43), none on Online Retail, where the encoder collapses; off by default.
     */
    randomNegatives: z.number().int().min(0).max(8192).default(0).describe('Uniform random catalogue items added as negatives to every batch (mixed negative sampling; 0 = in-batch only)'),
    temperature: z.number().positive().max(10).default(0.05).describe('Softmax temperature of the in-batch contrastive loss'),
    batchSize: z.number().int().min(2).max(8192).default(256).describe('Pairs per minibatch (in-batch negatives)'),
    learningRate: z.number().positive().max(1).default(0.001).describe('Adam learning rate'),
    epochs: z.number().int().min(1).max(1000).default(20).describe('Max epochs'),
    /** 0 = every train pair once per epoch. */
    maxStepsPerEpoch: z.number().int().min(0).max(1e7).default(0).describe('Cap on steps per epoch (0 = all pairs)'),
    patience: z.number().int().min(1).max(100).default(3).describe('Early-stop patience (epochs without a better validation recall)'),
    /** Valid pairs ranked per relation at every validation (a seeded sample when there are more). */
    validationPairs: z.number().int().min(10).max(1_000_000).default(5000).describe('Valid pairs per relation for validation'),
    seed: z.number().int().default(42).describe('Seed'),
  })
  .refine((c) => c.hidden % c.heads === 0, { message: 'hidden must be a multiple of heads', path: ['heads'] });

export type SimoConfig = z.infer<typeof simoConfigSchema>;
export type SimoConfigInput = z.input<typeof simoConfigSchema>;

export function parseSimoConfig(input: SimoConfigInput = {}): SimoConfig {
  return simoConfigSchema.parse(input);
}

/** The metrics.json `variant` of a config, e.g. 'd128', 'd64+item', 'd64+rn128', 'd64+pinsage-init'. */
export function simoVariant(cfg: Pick<SimoConfig, 'hidden' | 'pinsage' | 'roleAttention'> & { itemToken?: boolean; logQ?: boolean; randomNegatives?: number }): string {
  const item = (cfg.itemToken && cfg.pinsage !== 'init' ? '+item' : '') + (cfg.logQ ? '+logq' : '') + (cfg.randomNegatives ? `+rn${cfg.randomNegatives}` : '');
  return `d${cfg.hidden}${cfg.roleAttention === 'full' ? '-full' : ''}${item}${cfg.pinsage === 'off' ? '' : `+pinsage-${cfg.pinsage}`}`;
}
