/**
 * Trained model weights as two files: `weights.json` (manifest) and `weights.bin` (every tensor's
 * float32 values, little-endian, C order, concatenated in manifest order; each starts at its
 * `offset` in bytes). The values are copied bit for bit (NaN payloads included), so reading the
 * pair back gives exactly the trained model.
 *
 * weights.json: {"format": "kloa-weights", "version": 1, "model", "config", "dtype": "float32",
 *   "byteOrder": "little", "totalBytes", "tensors": [{"name", "shape", "offset", "byteLength"}]}
 */
import type { ModelWeights, WeightTensor } from './types';

export const WEIGHTS_FORMAT = 'kloa-weights';
export const WEIGHTS_VERSION = 1;

export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  offset: number;
  byteLength: number;
}

export interface WeightsManifest {
  format: typeof WEIGHTS_FORMAT;
  version: number;
  model: string;
  config: unknown;
  dtype: 'float32';
  byteOrder: 'little';
  totalBytes: number;
  tensors: WeightsManifestEntry[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function copyF32ToLE(src: Float32Array, dst: Uint8Array, offset: number): void {
  if (LITTLE_ENDIAN) {
    dst.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), offset);
    return;
  }
  const inBytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  for (let i = 0; i < src.length; i++) for (let b = 0; b < 4; b++) dst[offset + i * 4 + b] = inBytes[i * 4 + 3 - b];
}

function readF32LE(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  const outBytes = new Uint8Array(out.buffer);
  if (LITTLE_ENDIAN) outBytes.set(bytes.subarray(offset, offset + count * 4));
  else for (let i = 0; i < count; i++) for (let b = 0; b < 4; b++) outBytes[i * 4 + b] = bytes[offset + i * 4 + 3 - b];
  return out;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function writeWeights(w: ModelWeights): { json: Uint8Array; bin: Uint8Array; manifest: WeightsManifest } {
  const names = new Set<string>();
  const tensors: WeightsManifestEntry[] = [];
  let offset = 0;
  for (const t of w.tensors) {
    if (names.has(t.name)) throw new Error(`weights: tensor name ${JSON.stringify(t.name)} appears twice`);
    names.add(t.name);
    if (product(t.shape) !== t.values.length) throw new Error(`weights: ${t.name} has shape [${t.shape.join(', ')}] but ${t.values.length} values`);
    tensors.push({ name: t.name, shape: [...t.shape], offset, byteLength: t.values.length * 4 });
    offset += t.values.length * 4;
  }
  const bin = new Uint8Array(offset);
  w.tensors.forEach((t, i) => copyF32ToLE(t.values, bin, tensors[i].offset));
  const manifest: WeightsManifest = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    model: w.model,
    config: w.config,
    dtype: 'float32',
    byteOrder: 'little',
    totalBytes: offset,
    tensors,
  };
  return { json: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), bin, manifest };
}

/** Reads `weights.json` + `weights.bin` back; any inconsistency is a clear error. */
export function readWeights(json: Uint8Array | string, bin: Uint8Array): ModelWeights {
  let m: WeightsManifest;
  try {
    m = JSON.parse(typeof json === 'string' ? json : new TextDecoder().decode(json)) as WeightsManifest;
  } catch (e) {
    throw new Error(`weights.json is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (m.format !== WEIGHTS_FORMAT) throw new Error(`weights.json: format is ${JSON.stringify(m.format)}, expected "${WEIGHTS_FORMAT}"`);
  if (m.version !== WEIGHTS_VERSION) throw new Error(`weights.json: version ${m.version} is not supported (this workbench reads ${WEIGHTS_VERSION})`);
  if (m.dtype !== 'float32' || m.byteOrder !== 'little') throw new Error('weights.json: only little-endian float32 weights are supported');
  if (!Array.isArray(m.tensors)) throw new Error('weights.json: "tensors" must be a list');
  if (bin.length !== m.totalBytes) throw new Error(`weights.bin has ${bin.length} bytes, weights.json says ${m.totalBytes}: the pair does not match or the file is truncated`);
  const tensors: WeightTensor[] = m.tensors.map((t) => {
    const count = product(t.shape);
    if (t.byteLength !== count * 4) throw new Error(`weights.json: ${t.name} has shape [${t.shape.join(', ')}] but byteLength ${t.byteLength}`);
    if (t.offset % 4 !== 0 || t.offset + t.byteLength > bin.length) throw new Error(`weights.json: ${t.name} lies outside weights.bin`);
    return { name: t.name, shape: [...t.shape], values: readF32LE(bin, t.offset, count) };
  });
  return { model: m.model, config: m.config, tensors };
}
