/**
 * Inference for every item, layer by layer (paper Algorithm 2 / MapReduce inference): layer l's
 * representation of every item is computed once from layer l − 1's, so no item is computed twice.
 * Cold items (no interactions, no neighbours) go through the same network with an empty
 * neighbourhood: their embedding comes from content alone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { NO_ITEM, type Neighbourhoods } from '../../graph/types';
import type { Pooling } from './config';
import { DENSE_DIM, type ItemFeatures } from './features';
import { combine, head, inputFeatures, poolNeighbours, transformNeighbours } from './layers';
import type { PinSageModel } from './model';

/** Global neighbour rows for all items: indices (padding → 0) and pooling weights. */
export function neighbourRows(nb: Neighbourhoods, T: number, pooling: Pooling): { nbr: Int32Array; w: Float32Array } {
  const n = nb.count;
  const nbr = new Int32Array(n * T);
  const w = new Float32Array(n * T);
  if (pooling === 'none') return { nbr, w };
  for (let r = 0; r < n; r++) {
    const size = Math.min(nb.sizes[r], T);
    let total = 0;
    for (let j = 0; j < size; j++) {
      const u = nb.items[r * nb.topT + j];
      if (u === NO_ITEM) continue;
      nbr[r * T + j] = u;
      const wt = pooling === 'importance' ? nb.weights[r * nb.topT + j] : 1;
      w[r * T + j] = wt;
      total += wt;
    }
    if (pooling !== 'max' && total > 0) for (let j = 0; j < size; j++) w[r * T + j] /= total;
  }
  return { nbr, w };
}

function featureChunk(f: ItemFeatures, a: number, b: number): Parameters<typeof inputFeatures>[1] {
  const n = b - a;
  const M = f.maxTokens;
  const idRow = f.idRow.subarray(a, b);
  return {
    tokens: tf.tensor2d(f.tokens.subarray(a * M, b * M), [n, M], 'int32'),
    tokenWeights: tf.tensor3d(f.tokenWeights.subarray(a * M, b * M), [n, M, 1]),
    category: tf.tensor1d(f.category.subarray(a, b), 'int32'),
    brand: tf.tensor1d(f.brand.subarray(a, b), 'int32'),
    dense: tf.tensor2d(f.dense.subarray(a * DENSE_DIM, b * DENSE_DIM), [n, DENSE_DIM]),
    external: f.external ? tf.tensor2d(f.external.values.subarray(a * f.external.dim, b * f.external.dim), [n, f.external.dim]) : undefined,
    idRow: tf.tensor1d(idRow, 'int32'),
    idMask: tf.tensor2d(Float32Array.from(idRow, (r) => (r > 0 ? 1 : 0)), [n, 1]),
  };
}

/** Row-chunked map over [0, n), concatenated (each chunk in its own tidy). */
function chunked(n: number, chunk: number, fn: (a: number, b: number) => tf.Tensor2D): tf.Tensor2D {
  const parts: tf.Tensor2D[] = [];
  for (let a = 0; a < n; a += chunk) parts.push(tf.tidy(() => fn(a, Math.min(n, a + chunk))));
  const out = tf.concat(parts, 0) as tf.Tensor2D;
  tf.dispose(parts);
  return out;
}

/** L2-normalised embeddings of all items, row-major [nItems × output]. `nb` must cover all items. */
export async function inferAllItems(model: PinSageModel, f: ItemFeatures, nb: Neighbourhoods, chunk = 2048): Promise<Float32Array> {
  const n = f.nItems;
  const T = model.cfg.topT;
  const { nbr, w } = neighbourRows(nb, T, model.pooling);
  let h = chunked(n, chunk, (a, b) => inputFeatures(model.features, featureChunk(f, a, b)));
  for (const c of model.convs) {
    const z = model.pooling === 'none' ? null : chunked(n, chunk, (a, b) => transformNeighbours(c, tf.slice(h, [a, 0], [b - a, -1]) as tf.Tensor2D));
    const next = chunked(n, chunk, (a, b) => {
      const self = tf.slice(h, [a, 0], [b - a, -1]) as tf.Tensor2D;
      const pooled = z
        ? poolNeighbours(z, tf.tensor1d(nbr.subarray(a * T, b * T), 'int32'), tf.tensor3d(w.subarray(a * T, b * T), [b - a, T, 1]), b - a, T, model.pooling)
        : (tf.zeros([b - a, model.cfg.hidden]) as tf.Tensor2D);
      return combine(c, self, pooled);
    });
    h.dispose();
    z?.dispose();
    h = next;
  }
  const out = chunked(n, chunk, (a, b) => head(model.head, tf.slice(h, [a, 0], [b - a, -1]) as tf.Tensor2D));
  h.dispose();
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return Float32Array.from(values);
}
