/** The mean-embedding baseline's cosine scorer (tfjs; see p2-baselines.ts for the rule). */
import type { Dataset } from '../data/types';
import { embeddingScorer, type P2Scorer } from './p2';
import { meanEmbeddingShoppers } from './p2-baselines';
import type { P2Split } from './splits/p2-shopper-to-item';

export function meanEmbeddingP2Scorer(ds: Dataset, split: P2Split, itemEmb: Float32Array, dim: number): P2Scorer & { dispose(): void } {
  return embeddingScorer(meanEmbeddingShoppers(ds, split, itemEmb, dim), itemEmb, dim);
}
