/** Title / description text → hashed token buckets (1-based; 0 is padding). */
import { hashString32 } from '../../rng';

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens of at least 2 characters (or any digit run), in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    const t = m[0];
    if (t.length >= 2 || /\d/.test(t)) out.push(t);
  }
  return out;
}

/** Bucket of a token in [1, buckets]. */
export function tokenBucket(token: string, buckets: number): number {
  return 1 + ((hashString32(token) >>> 0) % buckets);
}

/**
 * Writes the first `maxTokens` distinct token buckets of `text` into `out` at `at` (the rest stays
 * 0); returns how many were written.
 */
export function hashTokensInto(text: string, buckets: number, maxTokens: number, out: Int32Array, at: number): number {
  let n = 0;
  for (const t of tokenize(text)) {
    if (n >= maxTokens) break;
    const b = tokenBucket(t, buckets);
    let dup = false;
    for (let k = 0; k < n; k++) if (out[at + k] === b) dup = true;
    if (dup) continue;
    out[at + n++] = b;
  }
  return n;
}
