/**
 * Validation Recall@10 during training: the validation shoppers' embeddings from their events
 * before tVal, ranked against every item's tower embedding, hits over (shopper, target) pairs
 * in (tVal, t0). A training signal only; reported numbers come from src/core/eval/p2.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { inferItemEmbeddings, inferShopperEmbeddings } from '../../models/pinnerformer/infer';
import type { PinnerFormerModel } from '../../models/pinnerformer/model';
import type { PinnerFormerData } from './data';

/** Micro Recall@k of shopper rows `q` (rows × dim) against `items` (nItems × dim), targets in CSR rows. */
export async function recallAtK(q: Float32Array, items: Float32Array, dim: number, offsets: Uint32Array, targets: Uint32Array, k = 10): Promise<number> {
  const rows = q.length / dim;
  const n = items.length / dim;
  const table = tf.tensor2d(items, [n, dim]);
  let hits = 0;
  try {
    for (let a = 0; a < rows; a += 256) {
      const b = Math.min(rows, a + 256);
      const top = tf.tidy(() => tf.topk(tf.matMul(tf.tensor2d(q.subarray(a * dim, b * dim), [b - a, dim]), table, false, true), Math.min(k, n)).indices);
      const idx = (await top.data()) as Int32Array;
      top.dispose();
      const kk = Math.min(k, n);
      for (let r = a; r < b; r++) {
        const set = new Set(idx.subarray((r - a) * kk, (r - a + 1) * kk));
        for (let j = offsets[r]; j < offsets[r + 1]; j++) if (set.has(targets[j])) hits++;
      }
    }
  } finally {
    table.dispose();
  }
  return targets.length ? hits / targets.length : 0;
}

export async function validationRecall(model: PinnerFormerModel, d: PinnerFormerData, signal?: AbortSignal): Promise<number> {
  const v = d.validation;
  if (v.shoppers.length === 0) return NaN;
  const sh = await inferShopperEmbeddings(model, d.ds, v.shoppers, v.tVal, { signal });
  const items = await inferItemEmbeddings(model);
  return recallAtK(sh.vectors, items, model.outDim, v.targetOffsets, v.targets);
}
