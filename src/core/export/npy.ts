/**
 * NumPy `.npy` files, format version 1.0 (numpy.lib.format): the 6-byte magic '\x93NUMPY', version
 * bytes 1 0, a little-endian uint16 header length, then an ASCII Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }` padded with spaces and ending in
 * '\n' so that the data starts at a multiple of 64 bytes, then the float32 values in C order.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

export interface NpyHeader {
  major: number;
  minor: number;
  /** e.g. '<f4' */
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the first value. */
  dataOffset: number;
}

function shapeLiteral(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** A float32 array as a v1.0 `.npy` file ('<f4', C order). `values.length` must equal the shape's product. */
export function writeNpyFloat32(values: Float32Array, shape: readonly number[]): Uint8Array {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`npy: shape entries must be non-negative integers, got (${shape.join(', ')})`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`npy: shape (${shape.join(', ')}) holds ${count} values but ${values.length} were given`);
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const total = Math.ceil(unpadded / ALIGN) * ALIGN;
  const headerLen = total - MAGIC.length - 4;
  if (headerLen > 0xffff) throw new Error('npy: header too long for format 1.0');
  const header = dict + ' '.repeat(total - unpadded) + '\n';
  const out = new Uint8Array(total + values.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = headerLen & 0xff;
  out[9] = headerLen >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const dv = new DataView(out.buffer, total, values.length * 4);
  for (let i = 0; i < values.length; i++) dv.setFloat32(i * 4, values[i], true);
  return out;
}

/** Parses the header of a `.npy` file (versions 1.0, 2.0 and 3.0); throws a clear error on anything else. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('npy: not a .npy file (missing the \\x93NUMPY magic)');
  const major = bytes[6];
  const minor = bytes[7];
  let len: number;
  let start: number;
  if (major === 1) {
    len = bytes[8] | (bytes[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new Error('npy: truncated header');
    len = new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true);
    start = 12;
  } else {
    throw new Error(`npy: unsupported format version ${major}.${minor}`);
  }
  if (start + len > bytes.length) throw new Error('npy: truncated header');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + len));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new Error(`npy: malformed header ${JSON.stringify(text.trim())}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`npy: bad shape entry ${JSON.stringify(s)}`);
      return n;
    });
  return { major, minor, descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims, dataOffset: start + len };
}

/** Reads a '<f4' C-order `.npy` file back (the inverse of writeNpyFloat32). */
export function readNpyFloat32(bytes: Uint8Array): { shape: number[]; values: Float32Array } {
  const h = parseNpyHeader(bytes);
  if (h.descr !== '<f4') throw new Error(`npy: expected dtype '<f4', found '${h.descr}'`);
  if (h.fortranOrder) throw new Error('npy: Fortran-order arrays are not supported');
  const count = h.shape.reduce((a, b) => a * b, 1);
  if (h.dataOffset + count * 4 > bytes.length) throw new Error(`npy: data truncated (shape (${h.shape.join(', ')}) needs ${count * 4} bytes)`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset + h.dataOffset, count * 4);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = dv.getFloat32(i * 4, true);
  return { shape: h.shape, values };
}
