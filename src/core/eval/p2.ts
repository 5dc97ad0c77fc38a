/**
 * Protocol P2 evaluation (see p2-metrics.ts for the rules) and the cosine scorer from embeddings
 * on the active tfjs backend. Import p2-metrics.ts instead where tfjs must not be loaded (the page).
 */
import * as tf from '@tensorflow/tfjs-core';
import { l2NormalizeRows, type P2Scorer } from './p2-metrics';
import type { P2Split } from './splits/p2-shopper-to-item';

export * from './p2-metrics';

export interface EmbeddingScorerOptions {
  /** 'row' (default): shopperEmb row r is eval row r; 'shopper': row s is shopper index s (split.shoppers[r]). */
  by?: 'row' | 'shopper';
}

/**
 * Cosine scorer from shopper and item embeddings (both L2-normalised here), on the active tfjs
 * backend (matMul per batch). The item table is uploaded once per scorer; call `dispose()` when done.
 */
export function embeddingScorer(shopperEmb: Float32Array, itemEmb: Float32Array, dim: number, opts: EmbeddingScorerOptions = {}): P2Scorer & { dispose(): void } {
  if (itemEmb.length % dim !== 0) throw new Error(`embeddingScorer: item table length ${itemEmb.length} is not a multiple of dim ${dim}`);
  if (shopperEmb.length % dim !== 0) throw new Error(`embeddingScorer: shopper table length ${shopperEmb.length} is not a multiple of dim ${dim}`);
  const nItems = itemEmb.length / dim;
  const sh = l2NormalizeRows(shopperEmb, dim);
  const items = l2NormalizeRows(itemEmb, dim);
  let table: tf.Tensor2D | null = null;
  const by = opts.by ?? 'row';
  const fn = async (rows: Uint32Array, split: P2Split): Promise<Float32Array> => {
    const q = new Float32Array(rows.length * dim);
    for (let k = 0; k < rows.length; k++) {
      const src = by === 'row' ? rows[k] : split.shoppers[rows[k]];
      if ((src + 1) * dim > sh.length) throw new Error(`embeddingScorer: no shopper embedding for ${by} ${src}`);
      q.set(sh.subarray(src * dim, (src + 1) * dim), k * dim);
    }
    table ??= tf.tensor2d(items, [nItems, dim]);
    const t = table;
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(q, [rows.length, dim]), t, false, true));
    const v = (await out.data()) as Float32Array;
    out.dispose();
    return v;
  };
  return Object.assign(fn, {
    dispose(): void {
      table?.dispose();
      table = null;
    },
  });
}
