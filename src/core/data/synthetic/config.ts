/**
 * Configuration schema of the synthetic multi-event world (zod v4): defaults, ranges and
 * cross-field checks. `parseSyntheticConfig(partial)` fills every default.
 */
import { z } from 'zod';

const prob = (d: number) => z.number().min(0).max(1).default(d);
const positive = (d: number, max = 1e6) => z.number().positive().max(max).default(d);

export const catalogueSchema = z
  .object({
    /** Share of items already released at the start of the span (the rest are released during it). */
    startShare: prob(0.7),
    /** Items released in the last `newWindowDays` of the span carry ITEM_FLAG.new. */
    newWindowDays: z.number().min(0).max(3650).default(14),
    /** Share of items flagged as promotions; promoted items are `promoBoost` times as popular. */
    promoShare: prob(0.08),
    promoBoost: positive(1.5, 100),
    /** Zipf exponent of popularity by rank within a cluster (0 = uniform). */
    zipfExponent: z.number().min(0).max(3).default(1.0),
    /** Log-normal spread of category popularity. */
    categorySkew: z.number().min(0).max(3).default(0.6),
    /** Median price of a category is drawn log-uniformly in [priceMin, priceMax]. */
    priceMin: positive(5, 1e5),
    priceMax: positive(200, 1e6),
    /** Log-normal sigma of prices within a category. */
    priceSigma: z.number().min(0).max(3).default(0.5),
  })
  .refine((c) => c.priceMin <= c.priceMax, { message: 'catalogue.priceMin must be ≤ priceMax' });

export const shopperSchema = z
  .object({
    interestsMin: z.int().min(1).max(3).default(1),
    interestsMax: z.int().min(1).max(3).default(3),
    /** Probability that a session's focus is one of the shopper's interest clusters (else: exploration by popularity). */
    interestFocus: prob(0.8),
    /** Share of shoppers whose interests drift once (one interest replaced) during the span. */
    driftShare: prob(0.3),
    /** Log-normal sigma of shopper activity (how unequal the number of sessions per shopper is). */
    activitySigma: z.number().min(0).max(3).default(1.0),
  })
  .refine((c) => c.interestsMin <= c.interestsMax, { message: 'shopper.interestsMin must be ≤ interestsMax' });

export const deviceSchema = z.object({
  /** Weights of preferred devices [app, web, mobile-web]. */
  mix: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).default([0.35, 0.35, 0.3]),
  /** Probability that a session uses the shopper's preferred device. */
  preferredShare: prob(0.85),
  /** Dwell-time multipliers per device [app, web, mobile-web]. */
  dwellFactor: z.tuple([positive(1, 10), positive(1, 10), positive(1, 10)]).default([1.0, 1.2, 0.7]),
  /** Checkout-probability multipliers per device [app, web, mobile-web]. */
  checkoutFactor: z.tuple([positive(1, 10), positive(1, 10), positive(1, 10)]).default([1.15, 1.0, 0.8]),
});

export const sessionSchema = z.object({
  /** Mean number of items browsed (viewed) per session, ≥ 1. */
  meanItems: z.number().min(1).max(50).default(5),
  maxItems: z.int().min(1).max(200).default(40),
  /** Probability that a browsed item comes from the session's focus cluster (else the shopper's usual choice). */
  coherence: prob(0.6),
  /** Relative session rate per hour of the day (UTC), 24 weights. */
  hourly: z
    .array(z.number().min(0))
    .length(24)
    .default([
      0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.1, 1.3, 1.4,
      1.3, 1.0, 0.6,
    ]),
});

export const funnelSchema = z.object({
  /** P(click | view) for an item outside the shopper's interests. */
  click: prob(0.25),
  /** P(click | view) for an item in the shopper's current interests. */
  clickLiked: prob(0.4),
  /** P(zoom | click). */
  zoom: prob(0.15),
  /** P(click-through | click). */
  clickThrough: prob(0.03),
  /** P(cart | click). */
  cart: prob(0.25),
  /** P(checkout | a non-empty cart at the end of the session), before the device factor. */
  checkout: prob(0.55),
  /** P(cancel | purchase); the cancel comes 1–72 hours later, in the same basket. */
  cancel: prob(0.03),
  /** P(a session's checkout adds one item bought without a view in the session: a re-order). */
  noise: prob(0.01),
});

export const dwellSchema = z.object({
  /** Median dwell (seconds) of a view, click, zoom, cart, purchase. */
  viewMedian: positive(8, 3600),
  clickMedian: positive(30, 3600),
  zoomMedian: positive(6, 3600),
  cartMedian: positive(4, 3600),
  purchaseMedian: positive(20, 3600),
  /** Log-normal sigma of dwell. */
  sigma: z.number().min(0).max(3).default(0.8),
  /** Dwell multiplier for items in the shopper's current interests. */
  likedFactor: positive(1.8, 20),
});

export const complementSchema = z
  .object({
    /** Share of items (released at the start) that are anchors with planted complementary partners (drawn by popularity, without replacement). */
    anchorShare: prob(0.1),
    partnersMin: z.int().min(1).max(20).default(1),
    partnersMax: z.int().min(1).max(20).default(4),
    /** Number of other categories that complement each category. */
    categoriesPerCategory: z.int().min(1).max(10).default(2),
    /** P(a partner is browsed next | an anchor was carted). */
    follow: prob(0.6),
    /** P(click | view) and P(cart | click) of such a partner. */
    partnerClick: prob(0.7),
    partnerCart: prob(0.6),
  })
  .refine((c) => c.partnersMin <= c.partnersMax, { message: 'complement.partnersMin must be ≤ partnersMax' });

export const syntheticConfigSchema = z
  .object({
    /** Dataset name. */
    name: z.string().min(1).max(80).default('synthetic'),
    seed: z.int().min(0).max(2 ** 32 - 1).default(42),
    /** Target number of events; the generator stops within one session of it. */
    events: z.int().min(1000).max(5_000_000).default(50_000),
    items: z.int().min(20).max(1_000_000).default(2000),
    shoppers: z.int().min(10).max(2_000_000).default(1000),
    categories: z.int().min(2).max(500).default(20),
    clustersPerCategory: z.int().min(1).max(50).default(4),
    brandsPerCategory: z.int().min(1).max(100).default(6),
    /** Title vocabulary: words shared by a whole category, and words of each cluster. */
    wordsPerCategory: z.int().min(1).max(100).default(4),
    wordsPerCluster: z.int().min(2).max(100).default(8),
    /** Start of the time span, ISO 8601 (UTC). */
    start: z
      .string()
      .default('2024-01-01T00:00:00Z')
      .refine((s) => Number.isFinite(Date.parse(s)), { message: 'start must be an ISO date' }),
    spanDays: z.number().min(1).max(3650).default(90),
    catalogue: catalogueSchema.prefault({}),
    shopper: shopperSchema.prefault({}),
    device: deviceSchema.prefault({}),
    session: sessionSchema.prefault({}),
    funnel: funnelSchema.prefault({}),
    dwell: dwellSchema.prefault({}),
    complement: complementSchema.prefault({}),
  })
  .refine((c) => c.items >= 2 * c.categories * c.clustersPerCategory, {
    message: 'items must be at least 2 × categories × clustersPerCategory (every cluster needs 2 items)',
  })
  .refine((c) => c.complement.categoriesPerCategory < c.categories, {
    message: 'complement.categoriesPerCategory must be < categories',
  })
  .refine((c) => c.session.maxItems >= c.session.meanItems, { message: 'session.maxItems must be ≥ meanItems' });

export type SyntheticConfig = z.output<typeof syntheticConfigSchema>;
export type SyntheticConfigInput = z.input<typeof syntheticConfigSchema>;

/** Validates a (partial) config and fills the defaults; throws a ZodError listing every problem. */
export function parseSyntheticConfig(input: unknown): SyntheticConfig {
  return syntheticConfigSchema.parse(input ?? {});
}
