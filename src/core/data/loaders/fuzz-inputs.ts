/**
 * Seeded generator of malformed loader inputs (fuzz.test.ts): good rows with known ids mixed
 * with bad rows of many kinds — wrong types, missing and extra fields, unicode and control
 * characters, huge fields, negative and far-future timestamps, duplicate rows, ids that are
 * JavaScript object keys. Plain data in, bytes out; no DOM.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Rng } from '../../rng';
import type { InputFile } from './input';

/** Valid ids that collide with JavaScript object keys, or are unusual but legal text. */
export const NASTY_IDS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
  'ünïcödé',
  '商品-7',
  '🛒cart',
  'Ωmega',
] as const;

/** Timestamps no loader can read. */
export const BAD_TIMES = ['yesterday', '', '   ', 'NaN', 'Infinity', '-Infinity', '1e400', 'true', '{}', '[]', '2024-13-45', '2011-02-30', '0x1F', '--1', '١٢٣', '12/45/2020', 'null'];
/** Readable numbers or dates that are far in the past or future. */
export const ODD_TIMES = ['-5000000000000', '-1', '0', '1900-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '1e300', '99999999999999999999', '3000-01-01', '-1e20', '8640000000000001'];
/** Control, format and odd unicode characters put inside ids and text. */
export const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001b[31m', '\u007f', '\u200b', '\u202e', '\ufeff', '\ud800', '\u2028', '\u0085', '\ufffd', 'e\u0301'];

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[r.nextInt(xs.length)];

export interface GoodRow {
  shopper: string;
  item: string;
  /** Epoch ms (whole seconds, 2020–2023). */
  time: number;
  action: 'view' | 'cart' | 'purchase';
}

const ACTIONS = ['view', 'cart', 'purchase'] as const;
const T0 = Date.UTC(2020, 0, 1);

/** `n` good rows; ids are `<tag>s<k>` / `<tag>i<k>` or one of NASTY_IDS (when `nasty`). */
export function goodRows(r: Rng, n: number, tag: string, nasty = true): GoodRow[] {
  const id = (kind: string, pool: number): string => (nasty && r.chance(0.3) ? pick(r, NASTY_IDS) : `${tag}${kind}${r.nextInt(pool)}`);
  return Array.from({ length: n }, () => ({
    shopper: id('s', 12),
    item: id('i', 30),
    time: T0 + r.nextInt(4 * 365 * 86_400) * 1000,
    action: pick(r, ACTIONS),
  }));
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A good timestamp cell in one of the forms 'auto' reads. */
export function timeCell(r: Rng, ms: number): string {
  const k = r.nextInt(4);
  if (k === 0) return isoOf(ms);
  if (k === 1) return String(ms);
  if (k === 2) return String(ms / 1000);
  return isoOf(ms).replace('T', ' ').replace('Z', '');
}

/** A string of `n` characters with some unicode in it. */
export function hugeText(r: Rng, n: number): string {
  // mostly letters, some unicode, one control character per ~200 (a long free-text field)
  const unit = `${'lorem ipsum '.repeat(16)}ü商🛒${pick(r, CONTROL)}`;
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** Kinds of bad rows the delimited generators produce (one per bad row). */
export const DELIMITED_BAD = [
  'bad-time',
  'odd-time',
  'blank-id',
  'control-id',
  'missing-field',
  'extra-field',
  'huge-field',
  'unknown-action',
  'typed-id',
  'blank-line',
  'bad-number',
  'html',
] as const;
export type DelimitedBad = (typeof DELIMITED_BAD)[number];

/** One cell of a delimited file: quoted when it holds the delimiter, a quote or a line break (CSV only). */
export function cell(v: string, delimiter: string, quoted: boolean): string {
  if (!quoted) return v.replace(/[\t\r\n]/g, ' ').split(delimiter).join(' ');
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function line(fields: string[], delimiter: string, quoted: boolean): string {
  return fields.map((f) => cell(f, delimiter, quoted)).join(delimiter);
}

/**
 * A bad version of a row given as column → value, serialised with `columns`. Returns the raw line
 * (it may have fewer or more fields than the header).
 */
export function badDelimitedLine(
  r: Rng,
  kind: DelimitedBad,
  row: Record<string, string>,
  roles: { shopper: string; item: string; time: string; action?: string; number?: string },
  columns: string[],
  delimiter: string,
  quoted: boolean,
): string {
  const v = { ...row };
  const idCol = r.chance(0.5) ? roles.shopper : roles.item;
  switch (kind) {
    case 'bad-time':
      v[roles.time] = pick(r, BAD_TIMES);
      break;
    case 'odd-time':
      v[roles.time] = pick(r, ODD_TIMES);
      break;
    case 'blank-id':
      v[idCol] = pick(r, ['', '   ', '\t']);
      break;
    case 'control-id':
      v[idCol] = `${v[idCol]}${pick(r, CONTROL)}${r.nextInt(9)}`;
      break;
    case 'huge-field':
      v[r.chance(0.5) ? idCol : (roles.action ?? idCol)] = hugeText(r, 10_000 + r.nextInt(100_000));
      break;
    case 'unknown-action':
      if (roles.action) v[roles.action] = pick(r, ['teleport', 'VIEW ', '', '__proto__', 'constructor', 'purchase\u0000']);
      break;
    case 'typed-id':
      v[idCol] = pick(r, ['{"a":1}', '[1,2]', 'true', '1.5e3', '-0', 'NaN', 'null', 'undefined', '0x10']);
      break;
    case 'bad-number':
      if (roles.number) v[roles.number] = pick(r, ['abc', '1,5', '--2', 'Infinity', '1e999', '']);
      break;
    case 'html':
      v[idCol] = pick(r, ['<script>alert(1)</script>', '=cmd|"/c calc"!A1', '+1+1', '@SUM(A1)', "'; DROP TABLE x;--"]);
      break;
    case 'blank-line':
      return pick(r, ['', '   ', delimiter.repeat(columns.length - 1)]);
    case 'missing-field':
    case 'extra-field':
      break;
  }
  const fields = columns.map((c) => v[c] ?? '');
  if (kind === 'missing-field') fields.length = Math.max(1, fields.length - 1 - r.nextInt(fields.length - 1));
  if (kind === 'extra-field') for (let k = 1 + r.nextInt(3); k > 0; k--) fields.push(pick(r, ['x', '', '1', pick(r, NASTY_IDS)]));
  return line(fields, delimiter, quoted);
}

/** Whole-file mutations applied after the lines are joined. */
export const FILE_MUTATIONS = ['none', 'bom', 'crlf', 'truncate', 'binary-tail', 'no-final-newline', 'nul-bytes'] as const;
export type FileMutation = (typeof FILE_MUTATIONS)[number];

/** Whether good rows may be lost to this mutation (the loss must then be reported). */
export const LOSSY_MUTATIONS: ReadonlySet<FileMutation> = new Set(['truncate', 'binary-tail', 'nul-bytes']);

export function mutateBytes(r: Rng, text: string, m: FileMutation): Uint8Array {
  const enc = new TextEncoder();
  switch (m) {
    case 'bom':
      return enc.encode('\ufeff' + text);
    case 'crlf':
      return enc.encode(text.replace(/\n/g, '\r\n'));
    case 'no-final-newline':
      return enc.encode(text.replace(/\n+$/, ''));
    case 'truncate': {
      const b = enc.encode(text);
      return b.subarray(0, r.nextInt(b.length + 1));
    }
    case 'binary-tail': {
      const b = enc.encode(text);
      const tail = new Uint8Array(64 + r.nextInt(512));
      for (let k = 0; k < tail.length; k++) tail[k] = r.nextInt(256);
      const out = new Uint8Array(b.length + tail.length);
      out.set(b);
      out.set(tail, b.length);
      return out;
    }
    case 'nul-bytes': {
      const b = enc.encode(text).slice();
      for (let k = 0; k < 4; k++) if (b.length) b[r.nextInt(b.length)] = 0;
      return b;
    }
    case 'none':
      return enc.encode(text);
  }
}

/** Shuffles in place (Fisher–Yates). */
export function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.nextInt(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Good lines first-ordered randomly among bad ones. */
export function interleave(r: Rng, good: string[], bad: string[]): string[] {
  return shuffle(r, [...good, ...bad]);
}

export const file = (name: string, data: Uint8Array): InputFile => ({ name, data });

/** JSON-lines bad lines: broken JSON, wrong types, missing / extra keys, prototype keys, huge values. */
export function badJsonLine(r: Rng, row: Record<string, unknown>, keys: { shopper: string; item: string; time: string }): string {
  const v: Record<string, unknown> = { ...row };
  const idKey = r.chance(0.5) ? keys.shopper : keys.item;
  switch (r.nextInt(12)) {
    case 0:
      return pick(r, ['{"user": "u1", "item":', 'not json', '{', '}', '[1,2,3]', 'null', '42', '"text"', 'true', '{"a":1}{"b":2}', "{'single': 'quotes'}", '[' .repeat(3000)]);
    case 1:
      v[idKey] = pick(r, [{}, [], true, false, null, 1.5, { __proto__: 'x' }, [['a']], -0, 1e308]);
      break;
    case 2:
      delete v[idKey];
      break;
    case 3:
      v[keys.time] = pick(r, [...BAD_TIMES, null, {}, [], true]);
      break;
    case 4:
      v[keys.time] = Number(pick(r, ODD_TIMES));
      break;
    case 5:
      v.extra = pick(r, ['x', 1, null, { deep: { deeper: [1, 2] } }]);
      v.__proto__ = 'shadow';
      break;
    case 6:
      v[idKey] = hugeText(r, 10_000 + r.nextInt(60_000));
      break;
    case 7:
      v[idKey] = `${String(v[idKey])}${pick(r, CONTROL)}`;
      break;
    case 8:
      return '';
    case 9:
      return JSON.stringify(v).slice(0, r.nextInt(JSON.stringify(v).length));
    case 10:
      v[idKey] = pick(r, ['', '   ']);
      break;
    default:
      return `${JSON.stringify(v)} trailing`;
  }
  return JSON.stringify(v, (k, x: unknown) => (k === '' ? x : x === undefined ? null : x));
}

/** A Parquet file of string / number columns; `null` cells are written as nulls. */
export function parquetBytes(columns: { name: string; data: (string | number | boolean | null)[]; type: 'STRING' | 'DOUBLE' | 'INT64' | 'BOOLEAN' | 'INT32' }[]): Uint8Array {
  const columnData = columns.map((c) => ({
    name: c.name,
    type: c.type,
    data: c.type === 'INT64' ? c.data.map((x) => (x === null ? null : BigInt(Math.trunc(Number(x))))) : c.data,
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData as Parameters<typeof parquetWriteBuffer>[0]['columnData'] }));
}
