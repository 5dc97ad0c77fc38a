/**
 * External per-item vectors (image / text embeddings computed elsewhere) joined by item id.
 * Formats: CSV / TSV (`id,v1,…,vd`, optional header), Parquet (an id column and a list column or
 * numeric columns), and .npy (float32 / float64, 2-D) with a separate id list in row order. Items
 * without a vector keep zeros.
 */
import type { ExternalVectors } from './features';

/** Joins rows (`ids[r]` → `rows[r*dim .. (r+1)*dim)`) onto the catalogue's item ids. */
export function joinVectors(itemIds: readonly string[], ids: readonly string[], rows: Float32Array, dim: number): ExternalVectors {
  const at = new Map<string, number>();
  ids.forEach((id, r) => at.set(id, r));
  const values = new Float32Array(itemIds.length * dim);
  let matched = 0;
  itemIds.forEach((id, i) => {
    const r = at.get(id);
    if (r === undefined) return;
    values.set(rows.subarray(r * dim, (r + 1) * dim), i * dim);
    matched++;
  });
  return { dim, values, matched };
}

/** Parses `id,v1,…,vd` lines (comma, tab or semicolon); a first line whose values are not numbers is a header. */
export function parseVectorCsv(text: string): { ids: string[]; rows: Float32Array; dim: number } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const ids: string[] = [];
  const vals: number[] = [];
  let dim = -1;
  lines.forEach((line, li) => {
    const parts = line.split(/[,\t;]/).map((s) => s.trim());
    const nums = parts.slice(1).map(Number);
    if (li === 0 && nums.some((v) => !Number.isFinite(v))) return;
    if (dim < 0) dim = nums.length;
    if (nums.length !== dim) throw new Error(`vector CSV line ${li + 1}: ${nums.length} values, expected ${dim}`);
    if (nums.some((v) => !Number.isFinite(v))) throw new Error(`vector CSV line ${li + 1}: a value is not a number`);
    ids.push(parts[0]);
    vals.push(...nums);
  });
  return { ids, rows: Float32Array.from(vals), dim: Math.max(0, dim) };
}

/** Parses a 2-D little-endian float32 / float64 .npy (C order). */
export function parseNpy(bytes: Uint8Array): { rows: Float32Array; shape: [number, number] } {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw new Error('not a .npy file');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = new TextDecoder().decode(bytes.subarray(major === 1 ? 10 : 12, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (fortran) throw new Error('.npy in Fortran order is not supported');
  if (shape.length !== 2) throw new Error(`.npy must be 2-D, got shape (${shapeText})`);
  const n = shape[0] * shape[1];
  const rows = new Float32Array(n);
  if (descr === '<f4') for (let k = 0; k < n; k++) rows[k] = view.getFloat32(start + 4 * k, true);
  else if (descr === '<f8') for (let k = 0; k < n; k++) rows[k] = view.getFloat64(start + 8 * k, true);
  else throw new Error(`.npy dtype ${descr ?? '?'} is not supported (use <f4 or <f8)`);
  return { rows, shape: [shape[0], shape[1]] };
}

/**
 * Reads vectors from Parquet: an id column (`idColumn`, default the first column) and either one
 * list column of numbers (e.g. `embedding`) or several numeric columns, in schema order.
 */
export async function parseVectorParquet(bytes: Uint8Array, idColumn?: string): Promise<{ ids: string[]; rows: Float32Array; dim: number }> {
  const { parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = await parquetReadObjects({ file, compressors });
  if (rows.length === 0) return { ids: [], rows: new Float32Array(0), dim: 0 };
  const cols = Object.keys(rows[0]);
  const idCol = idColumn ?? cols[0];
  if (!cols.includes(idCol)) throw new Error(`vector Parquet has no column "${idCol}" (columns: ${cols.join(', ')})`);
  const rest = cols.filter((c) => c !== idCol);
  const asNumbers = (r: Record<string, unknown>): number[] => {
    if (rest.length === 1 && Array.isArray(r[rest[0]])) return (r[rest[0]] as unknown[]).map(Number);
    return rest.map((c) => Number(r[c]));
  };
  const first = asNumbers(rows[0]);
  const dim = first.length;
  const out = new Float32Array(rows.length * dim);
  const ids: string[] = [];
  rows.forEach((r, k) => {
    const v = asNumbers(r);
    if (v.length !== dim || v.some((x) => !Number.isFinite(x))) throw new Error(`vector Parquet row ${k + 1}: expected ${dim} finite numbers`);
    out.set(v, k * dim);
    ids.push(String(r[idCol]));
  });
  return { ids, rows: out, dim };
}
