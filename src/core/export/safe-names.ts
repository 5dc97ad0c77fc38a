/**
 * File, folder and index names derived from user input (dataset names, run names), made safe on
 * every platform:
 * - Unicode is normalised to NFC; letters of any script are kept ('café', '日本語').
 * - Control characters (C0, DEL, C1), bidi overrides / isolates and zero-width characters are
 *   removed; path separators and the characters Windows forbids (`/ \ : * ? " < > |`) and
 *   whitespace runs become '_'.
 * - Leading dots and spaces are removed (no hidden files, no '.' or '..'), trailing dots and
 *   spaces too (Windows drops them silently).
 * - Windows reserved device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with superscript digits
 *   and with any extension, any case) get a leading '_'.
 * - The result is at most `maxBytes` UTF-8 bytes (default 120), cut at a code point boundary,
 *   and never empty (`fallback`, default 'unnamed').
 */

const UNSAFE_CHARS = /[/\\:*?"<>|]/g;
// C0 controls, DEL, C1 controls, zero-width and bidi formatting characters, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export interface SafeNameOptions {
  maxBytes?: number;
  fallback?: string;
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a code point. */
export function truncateUtf8(s: string, maxBytes: number): string {
  const enc = new TextEncoder();
  if (enc.encode(s).length <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = enc.encode(ch).length;
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

function trimEnds(s: string): string {
  return s.replace(/^[.\s_]+/u, '').replace(/[.\s_]+$/u, '');
}

/** One safe file or folder name (no separators) from arbitrary user text. */
export function safeFileName(input: string, options: SafeNameOptions = {}): string {
  const maxBytes = options.maxBytes ?? 120;
  const fallback = options.fallback ?? 'unnamed';
  let s = String(input).normalize('NFC').replace(INVISIBLE, '').replace(UNSAFE_CHARS, '_').replace(/\s+/gu, '_');
  s = s.replace(/_+/g, '_');
  s = trimEnds(s);
  s = trimEnds(truncateUtf8(s, maxBytes));
  if (s.length === 0) s = fallback;
  const stem = s.split('.')[0];
  if (RESERVED.test(stem)) s = truncateUtf8(`_${s}`, maxBytes);
  return s;
}

/**
 * A relative '/'-separated path from segments, each sanitised with safeFileName (so no segment can
 * be '..', absolute, or contain a separator).
 */
export function safeRelativePath(...segments: string[]): string {
  return segments.map((s) => safeFileName(s)).join('/');
}

/**
 * An Elasticsearch / OpenSearch index name: lower-case ASCII letters, digits, '-' and '_', not
 * starting with '-', '_' or '+', at most 255 bytes (here 100), never '.' or '..'.
 */
export function safeIndexName(input: string, fallback = 'kloa-items'): string {
  let s = String(input)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_+]+/, '')
    .replace(/-+$/, '');
  s = s.slice(0, 100).replace(/-+$/, '');
  return s.length > 0 ? s : fallback;
}
