/**
 * CSV / TSV cells that are safe to open in a spreadsheet (formula injection, OWASP "CSV
 * Injection"). The rule, applied to every text cell of every CSV / TSV the workbench writes:
 *
 * - A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a
 *   single quote `'`, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
 * - Except when the whole cell is a plain decimal number (`-12`, `+3.5`, `-1e-3`): a spreadsheet
 *   reads it as that number, never as a formula, so it is left alone (negative ids and values
 *   stay intact).
 * - Numeric columns are written from numbers with `formatNumber` and never prefixed.
 *
 * For TSV (which has no quoting; TensorBoard's projector splits on tabs and newlines) tabs,
 * carriage returns and newlines inside a cell then become single spaces. For CSV a cell with a
 * comma, quote or line break is quoted RFC 4180-style.
 */

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The neutralised text of one cell (the rule above), before any delimiter handling. */
export function neutraliseCell(text: string): string {
  if (!TRIGGER.test(text)) return text;
  if (PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** One TSV cell: neutralised, tabs / CR / LF replaced by spaces. */
export function tsvCell(text: string): string {
  return neutraliseCell(text).replace(/[\t\r\n]/g, ' ');
}

/** One CSV cell: neutralised, quoted when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  const s = neutraliseCell(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number cell: shortest round-trip text ('NaN' for NaN, as NumPy and pandas read it). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

export type Cell = string | number;

function cellText(c: Cell, enc: (s: string) => string): string {
  return typeof c === 'number' ? formatNumber(c) : enc(c);
}

/** Rows to TSV text, each line ending in '\n'. */
export function toTsv(rows: Iterable<readonly Cell[]>): string {
  const out: string[] = [];
  for (const r of rows) out.push(r.map((c) => cellText(c, tsvCell)).join('\t'));
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Rows to CSV text, each line ending in '\r\n' (RFC 4180). */
export function toCsv(rows: Iterable<readonly Cell[]>): string {
  const out: string[] = [];
  for (const r of rows) out.push(r.map((c) => cellText(c, csvCell)).join(','));
  return out.length ? `${out.join('\r\n')}\r\n` : '';
}
