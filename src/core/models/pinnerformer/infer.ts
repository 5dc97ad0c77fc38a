/**
 * Batch inference: shopper embeddings from each shopper's last M events before a time t (the
 * output at the latest position), and item-tower embeddings of every item. Fixed batch shapes
 * (the last chunk is padded), one tidy per chunk, async reads.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../data/types';
import { firstIndexAtOrAfter } from '../../eval/splits/time';
import { batchTensors } from '../../compute/batch';
import { actionData, actionSpec, allocActionBuffers, denseDim, featureWriter, groupShopperEvents, queryTimeSpec, timeDim, timePeriods, usesQueryTimes, writeQueryTimes, type ShopperEvents } from './features';
import type { PinnerFormerModel } from './model';

export interface InferOptions {
  /** Sequences per forward pass (fixed shape). Default 256. */
  chunk?: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface ShopperEmbeddings {
  /** Shopper indices, in the order asked. */
  shoppers: Uint32Array;
  /** shoppers.length × dim, L2-normalised; zero rows for shoppers with no event before t. */
  vectors: Float32Array;
  dim: number;
  /** 1 where the shopper had at least one event before t. */
  hasHistory: Uint8Array;
}

/** Events [0, first index at or after t) of the given shoppers, grouped by shopper. */
export function eventsBefore(ds: Dataset, shoppers: ArrayLike<number>, t: number): ShopperEvents {
  const want = new Uint8Array(ds.shoppers.length);
  for (let k = 0; k < shoppers.length; k++) want[shoppers[k]] = 1;
  return groupShopperEvents(ds, firstIndexAtOrAfter(ds.events.timestamp, t), { keep: (s) => want[s] === 1 });
}

/** Embeddings of `shoppers` from their last M events before `t` (ms). */
export async function inferShopperEmbeddings(model: PinnerFormerModel, ds: Dataset, shoppers: ArrayLike<number>, t: number, opts: InferOptions = {}): Promise<ShopperEmbeddings> {
  return inferFromGroups(model, ds, Uint32Array.from(shoppers), eventsBefore(ds, shoppers, t), opts);
}

/** Embeddings of `shoppers` from pre-grouped events (each shopper's last M events of `groups`). */
export async function inferFromGroups(model: PinnerFormerModel, ds: Dataset, shoppers: Uint32Array, groups: ShopperEvents, opts: InferOptions = {}): Promise<ShopperEmbeddings> {
  const cfg = model.cfg;
  const M = cfg.historyLength;
  const F = denseDim(cfg);
  const rows = Math.max(1, opts.chunk ?? 256);
  const D = model.outDim;
  const n = shoppers.length;
  const vectors = new Float32Array(n * D);
  const hasHistory = new Uint8Array(n);
  const writer = featureWriter(ds, cfg);
  const queryTimes = usesQueryTimes(cfg);
  const spec = queryTimes ? { ...actionSpec(rows, M, F), ...queryTimeSpec(rows, M, cfg) } : actionSpec(rows, M, F);
  const query = new Int32Array(rows);
  for (let r = 0; r < rows; r++) query[r] = r * M + M - 1;
  const buf = allocActionBuffers(rows, M, F);
  const periods = timePeriods(cfg.timePeriods);
  const qtime = queryTimes ? new Float32Array(rows * M * timeDim(cfg)) : null;
  for (let a = 0; a < n; a += rows) {
    opts.signal?.throwIfAborted();
    const b = Math.min(n, a + rows);
    for (let r = 0; r < rows; r++) {
      if (a + r >= b) {
        writer.clear(buf, r);
        continue;
      }
      const s = shoppers[a + r];
      const len = writer.write(buf, r, groups.events, groups.offsets[s], groups.offsets[s + 1]);
      hasHistory[a + r] = len > 0 ? 1 : 0;
    }
    const data = qtime ? { ...actionData(buf), qtime: writeQueryTimes(buf, query, periods, qtime) } : actionData(buf);
    const out = tf.tidy(() => model.encode(batchTensors(spec, data), tf.tensor1d(query, 'int32')));
    const values = (await out.data()) as Float32Array;
    out.dispose();
    for (let r = 0; r < b - a; r++) if (hasHistory[a + r]) vectors.set(values.subarray(r * D, (r + 1) * D), (a + r) * D);
    opts.onProgress?.(b, n);
  }
  return { shoppers, vectors, dim: D, hasHistory };
}

/** Item-tower embeddings of every item, nItems × dim, L2-normalised. */
export async function inferItemEmbeddings(model: PinnerFormerModel, chunk = 4096): Promise<Float32Array> {
  const n = model.nItems;
  const D = model.outDim;
  const out = new Float32Array(n * D);
  for (let a = 0; a < n; a += chunk) {
    const b = Math.min(n, a + chunk);
    const t = tf.tidy(() => model.embedItems(tf.range(a, b, 1, 'int32')));
    out.set((await t.data()) as Float32Array, a * D);
    t.dispose();
  }
  return out;
}
