/** Feed composer configuration (zod v4): every field has a default; `parseFeedConfig(partial)` fills them. */
import { z } from 'zod';

export const feedConfigSchema = z.object({
  length: z.number().int().min(1).max(1000).default(20).describe('Items per feed'),
  maxQueries: z.number().int().min(1).max(100).default(100).describe('Query items per shopper, most recent first (Pfeed: up to 100)'),
  targetsPerQuery: z.number().int().min(1).max(100).default(10).describe('Targets taken per query from the lookup table (≤ its k)'),
  recencyHalfLifeDays: z.number().positive().max(10_000).default(14).describe('A query this many days older weighs half as much'),
  buyWeight: z.number().min(0).max(100).default(1).describe('Weight of purchases (buy-query role)'),
  viewWeight: z.number().min(0).max(100).default(0.5).describe('Weight of views (view-query role)'),
  maxPerCategory: z.number().int().min(0).max(1000).default(4).describe('Diversity: at most this many items of one category (0 = no cap; unknown category is not capped)'),
  mmrLambda: z.number().min(0).max(1).default(1).describe('Diversity: MMR trade-off on target embeddings (1 = relevance only, no MMR)'),
  /**
   * Off by default (0): on the P4 validation replays 0.7 was the best weight common to Online
   * Retail and synthetic small (docs/feeds.md, "Popularity prior"), but on the test windows it
   * still left SIMO feeds below the popular control on Online Retail and cost the synthetic
   * world's small target sets much (promo 0.53 → 0.40, new 0.65 → 0.41), so it is an option.
   */
  popularityWeight: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Popularity prior: score = (1 − w) · personal / max + w · popularity / max (purchases in the last popularityDays); with popularityPool "popular" the most popular allowed items join the candidates (0 = off)'),
  /**
   * 'popular' (default, the behaviour measured in P4 rounds 3–5): the most popular allowed items join
   * the candidates, so some feed items have no query behind them (no explanation). 'candidates': the
   * prior only re-ranks the items some query produced; every feed item keeps its explanation
   * (docs/feeds.md, "P4 round 6").
   */
  popularityPool: z
    .enum(['popular', 'candidates'])
    .default('popular')
    .describe("With popularityWeight > 0: 'popular' — the most popular allowed items join the candidates (those carry no explanation); 'candidates' — the prior only re-ranks items some query produced, so every feed item keeps its explanation"),
  popularityDays: z.number().positive().max(3650).default(14).describe('Days of purchases before the composition time that make an item popular (the P4 control counts 14)'),
  popularBackfill: z.boolean().default(false).describe('Fill a feed that has fewer than `length` personal items with the most popular allowed items (score 0, no reasons: off by default, every feed item then has an explanation); with popularityWeight > 0 and popularityPool "popular" the popular items are candidates anyway'),
  excludeBought: z.boolean().default(true).describe('Business rule: drop items the shopper already bought'),
  maxReasons: z.number().int().min(1).max(100).default(100).describe('Query items kept per feed item as its explanation (strongest first)'),
});

export type FeedConfigInput = z.input<typeof feedConfigSchema>;
export type FeedConfig = z.output<typeof feedConfigSchema>;

export function parseFeedConfig(input: unknown = {}): FeedConfig {
  const r = feedConfigSchema.safeParse(input ?? {});
  if (!r.success) throw new Error(`Bad feed config: ${r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
  return r.data;
}

export const DEFAULT_FEED_CONFIG: FeedConfig = parseFeedConfig({});
