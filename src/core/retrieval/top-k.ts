/**
 * Exact top-k by dot product over a whole embedding table, batched on the active tfjs backend
 * (matmul + topk). The query item itself can be left out.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface TopK {
  /** queries × k item indices, best first. */
  items: Int32Array;
  scores: Float32Array;
  k: number;
}

/** Scores of `queries` against every row: queries.length × nItems, row-major. */
export async function dotScores(emb: Float32Array, dim: number, queries: ArrayLike<number>): Promise<Float32Array> {
  const n = emb.length / dim;
  const out = tf.tidy(() => {
    const e = tf.tensor2d(emb, [n, dim]);
    const q = tf.gather(e, tf.tensor1d(Array.from(queries), 'int32'));
    return tf.matMul(q, e, false, true);
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

/** Top-k rows for each query by dot product, excluding the query itself when `excludeSelf`. */
export async function topKByDot(emb: Float32Array, dim: number, queries: ArrayLike<number>, k: number, excludeSelf = true, batch = 512): Promise<TopK> {
  const n = emb.length / dim;
  const kk = Math.min(k, Math.max(0, n - (excludeSelf ? 1 : 0)));
  const items = new Int32Array(queries.length * kk);
  const scores = new Float32Array(queries.length * kk);
  const table = tf.tensor2d(emb, [n, dim]);
  try {
    for (let a = 0; a < queries.length; a += batch) {
      const b = Math.min(queries.length, a + batch);
      const qs = Int32Array.from({ length: b - a }, (_, j) => queries[a + j]);
      const res = tf.tidy(() => {
        let s = tf.matMul(tf.gather(table, tf.tensor1d(qs, 'int32')), table, false, true);
        if (excludeSelf) s = tf.sub(s, tf.mul(tf.oneHot(tf.tensor1d(qs, 'int32'), n), 1e9));
        const t = tf.topk(s, kk, true);
        return [t.indices, t.values];
      });
      const [idx, val] = res;
      items.set((await idx.data()) as Int32Array, a * kk);
      scores.set((await val.data()) as Float32Array, a * kk);
      tf.dispose(res);
    }
  } finally {
    table.dispose();
  }
  return { items, scores, k: kk };
}
