/**
 * The whole catalogue in all three roles → ItemRoleEmbeddings. SIMO: one pass per chunk with the
 * three role tokens prepended; SISO: three passes per chunk, one role token each. Chunks have a
 * fixed row count (the last one padded), one tidy each; progress per chunk, AbortSignal between
 * chunks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SimoMode } from './config';
import { ROLE_TOKEN } from './content-tokens';
import type { SimoEncoder } from './encoder';
import { ITEM_ROLES, type ItemRole, type ItemRoleEmbeddings } from './roles';

export interface EmbedOptions {
  /** How to run the encoder (default: the encoder's own cfg.mode). */
  mode?: SimoMode;
  /** Rows per pass (default 512). */
  chunk?: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** `source` of the result (default the mode, '+pinsage-…' when PinSage is used). */
  source?: string;
}

export interface EmbedResult {
  embeddings: ItemRoleEmbeddings;
  seconds: number;
}

/** Role tokens [rows, S] for the roles of one pass. */
function roleTokens(roles: readonly ItemRole[], rows: number): Int32Array {
  const out = new Int32Array(rows * roles.length);
  for (let r = 0; r < rows; r++) roles.forEach((role, k) => (out[r * roles.length + k] = ROLE_TOKEN[role]));
  return out;
}

export async function embedCatalogue(enc: SimoEncoder, opts: EmbedOptions = {}): Promise<EmbedResult> {
  const t0 = performance.now();
  const mode = opts.mode ?? enc.cfg.mode;
  const { nItems: n, width, ids } = enc.tokens;
  const chunk = Math.max(1, Math.min(opts.chunk ?? 512, n));
  const D = enc.dim;
  const out: Record<ItemRole, Float32Array> = { 'view-query': new Float32Array(n * D), 'buy-query': new Float32Array(n * D), target: new Float32Array(n * D) };
  const passes: (readonly ItemRole[])[] = mode === 'simo' ? [ITEM_ROLES] : ITEM_ROLES.map((r) => [r]);
  const roleData = passes.map((p) => roleTokens(p, chunk));
  const content = new Int32Array(chunk * width);
  const items = new Int32Array(chunk);
  const total = Math.ceil(n / chunk) * passes.length;
  let done = 0;
  for (let a = 0; a < n; a += chunk) {
    const b = Math.min(n, a + chunk);
    content.fill(0);
    content.set(ids.subarray(a * width, b * width));
    for (let r = 0; r < chunk; r++) items[r] = a + r < n ? a + r : 0;
    for (let p = 0; p < passes.length; p++) {
      opts.signal?.throwIfAborted();
      const roles = passes[p];
      const res = tf.tidy(() =>
        enc.encode(tf.tensor2d(content, [chunk, width], 'int32'), tf.tensor2d(roleData[p], [chunk, roles.length], 'int32'), tf.tensor1d(items, 'int32')),
      );
      const values = (await res.data()) as Float32Array;
      res.dispose();
      const S = roles.length;
      for (let r = 0; r < b - a; r++) {
        for (let k = 0; k < S; k++) out[roles[k]].set(values.subarray((r * S + k) * D, (r * S + k + 1) * D), (a + r) * D);
      }
      opts.onProgress?.(++done, total);
    }
  }
  const source = opts.source ?? `${mode}${enc.cfg.pinsage === 'off' ? '' : `+pinsage-${enc.cfg.pinsage}`}`;
  return {
    embeddings: { dim: D, items: n, viewQuery: out['view-query'], buyQuery: out['buy-query'], target: out.target, source },
    seconds: (performance.now() - t0) / 1000,
  };
}
