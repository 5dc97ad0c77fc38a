/** Getting bytes out of an input file, recognising what they are, and decoding text. No FileReader. */

/** One input file: a name (used to pick roles and in the report) and its bytes. */
export interface InputFile {
  name: string;
  data: Blob | ArrayBuffer | Uint8Array;
}

export async function fileBytes(file: InputFile): Promise<Uint8Array> {
  const d = file.data;
  if (d instanceof Uint8Array) return d;
  if (d instanceof ArrayBuffer) return new Uint8Array(d);
  return new Uint8Array(await d.arrayBuffer());
}

export function fileSize(file: InputFile): number {
  const d = file.data;
  return d instanceof Blob ? d.size : d.byteLength;
}

/** What the first (and last) bytes of a file say it is. */
export type Sniffed =
  | 'empty'
  | 'parquet'
  | 'parquet-truncated'
  | 'gzip'
  | 'zip'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'pdf'
  | 'json'
  | 'binary'
  | 'text';

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);

const PAR1 = [0x50, 0x41, 0x52, 0x31];

export function sniff(b: Uint8Array): Sniffed {
  if (b.length === 0) return 'empty';
  if (startsWith(b, PAR1)) {
    const tail = b.subarray(Math.max(0, b.length - 4));
    return b.length >= 12 && startsWith(tail, PAR1) ? 'parquet' : 'parquet-truncated';
  }
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  const utf16 = startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff]);
  const n = Math.min(b.length, 4096);
  let first = -1;
  // A few NUL or control bytes inside a text export (a stray \0 in one field) keep it text: the
  // rows around them still load. Binary data has many (random bytes: ~9 % control, ~0.4 % NUL).
  let nul = 0;
  let control = 0;
  for (let i = utf16 ? 2 : 0; i < n; i++) {
    const c = b[i];
    if (c === 0) nul++;
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) control++;
    if (first < 0 && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xef && c !== 0xbb && c !== 0xbf && c !== 0) {
      first = c;
    }
  }
  if (!utf16 && (nul * 64 > n || ((nul + control) * 20 > n && !isUtf8(b.subarray(0, n))))) return 'binary';
  if (first < 0) return 'empty';
  if (first === 0x7b || first === 0x5b) return 'json';
  return 'text';
}

/** Whether the bytes are valid UTF-8 (a sequence cut at the end of the sample is fine). */
function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export const SNIFF_DESCRIPTION: Record<Sniffed, string> = {
  empty: 'an empty file',
  parquet: 'a Parquet file',
  'parquet-truncated': 'a truncated Parquet file (it starts with PAR1 but its footer is missing)',
  gzip: 'a gzip archive',
  zip: 'a ZIP archive',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  json: 'JSON text',
  binary: 'binary data',
  text: 'plain text',
};

export async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([b as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export type TextEncodingName = 'utf-8' | 'latin1';

export interface DecodedText {
  text: string;
  /** 'utf-8' | 'utf-16le' | 'utf-16be' when a byte order mark was found and removed. */
  bom?: string;
}

/** Decodes text, removing a byte order mark (UTF-8 or UTF-16) first. Invalid bytes become U+FFFD. */
export function decodeText(b: Uint8Array, encoding: TextEncodingName): DecodedText {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), bom: 'utf-8' };
  }
  if (startsWith(b, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), bom: 'utf-16le' };
  if (startsWith(b, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), bom: 'utf-16be' };
  return { text: new TextDecoder(encoding === 'latin1' ? 'latin1' : 'utf-8', { ignoreBOM: true }).decode(b) };
}

/** The file name without folders, lower-cased. */
export function baseName(name: string): string {
  const i = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return name.slice(i + 1).toLowerCase();
}
