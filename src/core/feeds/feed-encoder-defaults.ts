/**
 * Defaults of the Feeds panel's SIMO run (no tensor code here, so the page can import them
 * without pulling the encoder into its bundle): small and quick — d32, one layer, 8 title
 * tokens, batches of 128, three epochs, FEED_SIMO_STEPS steps in all.
 */
import type { SimoConfigInput } from '../models/simo/config';

export const FEED_SIMO_DEFAULTS: SimoConfigInput = Object.freeze({
  hidden: 32,
  layers: 1,
  heads: 2,
  maxTokens: 8,
  batchSize: 128,
  learningRate: 0.005,
  epochs: 3,
  patience: 3,
  validationPairs: 500,
});

/** Default training steps of the panel's SIMO run (all epochs together). */
export const FEED_SIMO_STEPS = 150;

export type FeedEncoderRequest = { kind: 'simo'; steps?: number; config?: SimoConfigInput } | { kind: 'standin' };
