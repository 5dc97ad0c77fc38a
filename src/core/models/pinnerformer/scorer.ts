/** A P2 scorer (src/core/eval/p2.ts) from a trained model: shopper embeddings from events before t0, cosine against the item tower. */
import type { Dataset } from '../../data/types';
import { embeddingScorer, type P2Scorer } from '../../eval/p2';
import type { P2Split } from '../../eval/splits/p2-shopper-to-item';
import { inferItemEmbeddings, inferShopperEmbeddings } from './infer';
import type { PinnerFormerModel } from './model';

export async function pinnerFormerP2Scorer(model: PinnerFormerModel, ds: Dataset, split: P2Split): Promise<P2Scorer & { dispose(): void; inferSeconds: number }> {
  const t = performance.now();
  const sh = await inferShopperEmbeddings(model, ds, split.shoppers, split.t0);
  const items = await inferItemEmbeddings(model);
  const inferSeconds = (performance.now() - t) / 1000;
  return Object.assign(embeddingScorer(sh.vectors, items, model.outDim), { inferSeconds });
}
