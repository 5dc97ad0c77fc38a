/**
 * Timestamp parsing to epoch milliseconds (UTC). Times without a zone ("2010-12-01 08:26") are
 * read as UTC, so results never depend on the machine's time zone.
 */
export const TIMESTAMP_FORMATS = ['auto', 'iso', 'unix-s', 'unix-ms', 'mdy', 'dmy'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

/** Numbers below this are unix seconds in 'auto' mode (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NUMERIC = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Reject day overflow (e.g. 2011-02-30).
  return new Date(t).getUTCDate() === d ? t : NaN;
}

function parseIso(s: string): number {
  const m = ISO.exec(s);
  if (m === null) return NaN;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let t = utc(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, Math.floor(frac));
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const offMin = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
    t -= sign * offMin * 60_000;
  }
  return t;
}

function parseSlashed(s: string, dayFirst: boolean): number {
  const m = SLASHED.exec(s);
  if (m === null) return NaN;
  const a = +m[1];
  const b = +m[2];
  return utc(+m[3], dayFirst ? b : a, dayFirst ? a : b, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, 0);
}

/** The largest time a JavaScript Date can hold (±100,000,000 days around 1970), in ms. */
export const MAX_TIME_MS = 8.64e15;

/** `t` when it is a time a Date can hold, else NaN (1e300 "ms" is not a time). */
export function toTime(t: number): number {
  return Number.isFinite(t) && Math.abs(t) <= MAX_TIME_MS ? t : NaN;
}

function fromNumber(x: number, format: TimestampFormat): number {
  if (!Number.isFinite(x)) return NaN;
  if (format === 'unix-s') return toTime(x * 1000);
  if (format === 'unix-ms') return toTime(x);
  if (format === 'auto') return toTime(Math.abs(x) < SECONDS_LIMIT ? x * 1000 : x);
  return NaN;
}

/**
 * Converts a cell to epoch ms, or NaN when it is not a timestamp in `format`.
 * 'auto' accepts ISO 8601 (with or without time / zone), unix seconds or milliseconds (told apart
 * by size), numbers already parsed (Parquet timestamps arrive as ms), Date objects, and
 * M/D/YYYY [H:MM] (the US form of the Online Retail CSV export).
 */
export function parseTimestamp(v: unknown, format: TimestampFormat = 'auto'): number {
  if (typeof v === 'number') return fromNumber(v, format === 'iso' || format === 'mdy' || format === 'dmy' ? 'unix-ms' : format);
  if (typeof v === 'bigint') return fromNumber(Number(v), format);
  if (v instanceof Date) return toTime(v.getTime());
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (s === '') return NaN;
  switch (format) {
    case 'iso':
      return parseIso(s);
    case 'mdy':
      return parseSlashed(s, false);
    case 'dmy':
      return parseSlashed(s, true);
    case 'unix-s':
    case 'unix-ms':
      return NUMERIC.test(s) ? fromNumber(Number(s), format) : NaN;
    case 'auto': {
      const c = s.charCodeAt(4);
      if (c === 45 /* - */) return parseIso(s);
      if (NUMERIC.test(s)) return fromNumber(Number(s), 'auto');
      return parseSlashed(s, false);
    }
  }
}
