/**
 * The dataset's content hash, the `dataset.hash` of `metrics.json` and `manifest.json`.
 *
 * `sha256:` + hex of SHA-256 over (the canonical JSON of the serialised header without `meta`)
 * followed by the SHA-256 digest of every column buffer in header order. Hashing each column on
 * its own keeps memory flat (WebCrypto has no streaming digest) and the result depends only on
 * the tables' content: the same file loaded twice, in Node or in a browser, gives the same hash;
 * `meta` (load time, notes) is left out on purpose.
 */
import { serializeDataset } from './serialize';
import type { Dataset } from './types';

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const copy = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', copy as Uint8Array<ArrayBuffer>));
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export async function datasetHash(ds: Dataset): Promise<string> {
  const s = serializeDataset(ds);
  const { meta: _meta, ...header } = s.header;
  const head = new TextEncoder().encode(JSON.stringify(header));
  const parts: Uint8Array[] = [await sha256(head)];
  for (const b of s.buffers) parts.push(await sha256(new Uint8Array(b)));
  const all = new Uint8Array(parts.length * 32);
  parts.forEach((p, i) => all.set(p, i * 32));
  return `sha256:${hex(await sha256(all))}`;
}
