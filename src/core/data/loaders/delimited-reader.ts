import Papa from 'papaparse';
import type { LoadContext } from './context';
import { exampleValue } from './report';

/** Where the row being handled came from; `line()` is 1-based and exact (quoted line breaks counted). */
export interface RowCursor {
  readonly file: string;
  line(): number;
}

export interface DelimitedOptions {
  /** Field separator; detected from the first line (',', ';', tab or '|') when omitted. */
  delimiter?: string;
  /** Honour "double-quoted" fields (CSV). False for TSV / '|' files whose text may hold bare quotes. */
  quoted: boolean;
  /** Column names for files without a header line (e.g. MovieLens u.data). */
  columnNames?: readonly string[];
  /** Count data rows in the report's rowsRead / rowsAccepted / rowsRejected (true for event files). */
  countRows: boolean;
}

export interface DelimitedHandlers {
  /** The cleaned header (trimmed, unique names). Return false to skip the rest of the file. */
  header(columns: string[], delimiter: string): boolean;
  /** One data row with as many fields as the header. Return true when it was accepted. */
  row(fields: string[], at: RowCursor): boolean;
}

const CHUNK_CHARS = 1 << 20;
const NO_QUOTE = '\u0000';

/**
 * Streams delimited text through papaparse in ~1 MB chunks cut at line ends outside quotes,
 * yielding between chunks for progress and cancellation. Blank lines are skipped; rows with
 * broken quoting or the wrong number of fields are reported as 'malformed-row'.
 */
export async function readDelimited(
  text: string,
  file: string,
  opts: DelimitedOptions,
  ctx: LoadContext,
  handlers: DelimitedHandlers,
): Promise<void> {
  const report = ctx.report;
  const newline = detectNewline(text);
  const lineChar = newline === '\r' ? '\r' : '\n';
  const delimiter = opts.delimiter ?? detectDelimiter(text, lineChar);
  const quoteChar = opts.quoted ? '"' : NO_QUOTE;
  let header: string[] | null = opts.columnNames ? [...opts.columnNames] : null;
  if (header && !handlers.header(header, delimiter)) return;
  const badSeverity = opts.countRows ? 'rejected' : 'warning';

  const cursor = new ChunkCursor(file, lineChar);
  let pos = 0;
  let chunkLine = 1;
  while (pos < text.length) {
    const end = findCut(text, pos, CHUNK_CHARS, lineChar, opts.quoted);
    const chunk = text.slice(pos, end);
    const res = Papa.parse<string[]>(chunk, { delimiter, newline, quoteChar, skipEmptyLines: false, header: false });
    const rows = res.data;
    let badRows: Set<number> | null = null;
    if (res.errors.length > 0) {
      badRows = new Set();
      for (const e of res.errors) if (e.row !== undefined) badRows.add(e.row);
    }
    cursor.reset(rows, chunkLine, opts.quoted && chunk.indexOf('"') >= 0);
    for (let k = 0; k < rows.length; k++) {
      const fields = rows[k];
      if (fields.length === 1 && fields[0].trim() === '') continue; // blank line
      cursor.k = k;
      if (header === null) {
        header = cleanHeader(fields, file, cursor.line(), ctx);
        if (!handlers.header(header, delimiter)) return;
        continue;
      }
      if (opts.countRows) report.rowsRead++;
      let reason: string | null = null;
      if (badRows !== null && badRows.has(k)) reason = 'broken quoting (an unclosed or stray ")';
      else if (fields.length !== header.length && !onlyEmptyExtras(fields, header.length)) {
        reason = `${fields.length} fields where the header has ${header.length}`;
      }
      if (reason !== null) {
        if (opts.countRows) report.rowsRejected++;
        const ex = report.wantsExample('malformed-row', badSeverity, file)
          ? { file, line: cursor.line(), value: exampleValue(fields.join(delimiter)) }
          : undefined;
        report.add(badSeverity, 'malformed-row', `Rows of ${file} that could not be split into the header's columns were skipped (wrong field count or broken quoting).`, ex, 1, file);
        continue;
      }
      const accepted = handlers.row(fields, cursor);
      if (opts.countRows) {
        if (accepted) report.rowsAccepted++;
        else report.rowsRejected++;
      }
    }
    chunkLine += countChar(chunk, lineChar);
    pos = end;
    await ctx.tick(pos, text.length, `reading ${file}`);
  }
  if (header === null) {
    report.add('error', 'empty-file', `${file} holds no header and no rows; choose a file with data.`, { file, line: 1 }, 1, file);
  } else if (opts.countRows && text.length > 0 && !/[\r\n]\s*$/.test(text.slice(-256))) {
    // A file cut off in the middle of a line (an interrupted download or copy) cannot be told from
    // one that simply lacks the final line break; the last row may be incomplete, so say so.
    report.add('warning', 'malformed-row', `${file} does not end with a line break: if the file was cut off, its last row (line ${chunkLine}) may be incomplete. Check that the file is complete.`, { file, line: chunkLine }, 1, `${file}:end`);
  }
}

/** Computes 1-based line numbers of the rows of one chunk, lazily (only rows that are reported). */
class ChunkCursor implements RowCursor {
  k = 0;
  private rows: string[][] = [];
  private startLine = 1;
  private quoted = false;
  private lines: Int32Array | null = null;

  constructor(
    readonly file: string,
    private readonly lineChar: string,
  ) {}

  reset(rows: string[][], startLine: number, quoted: boolean): void {
    this.rows = rows;
    this.startLine = startLine;
    this.quoted = quoted;
    this.lines = null;
  }

  line(): number {
    if (!this.quoted) return this.startLine + this.k;
    if (this.lines === null) {
      const lines = new Int32Array(this.rows.length);
      let l = this.startLine;
      for (let i = 0; i < this.rows.length; i++) {
        lines[i] = l;
        l += 1;
        for (const f of this.rows[i]) l += countChar(f, this.lineChar);
      }
      this.lines = lines;
    }
    return this.lines[this.k];
  }
}

function onlyEmptyExtras(fields: string[], n: number): boolean {
  if (fields.length < n) return false;
  for (let i = n; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

/** Trims names, names empty ones `column_N`, and renames repeated ones `name_2`, `name_3`... (reported). */
function cleanHeader(fields: string[], file: string, line: number, ctx: LoadContext): string[] {
  const seen = new Map<string, number>();
  return fields.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) return name;
    const renamed = `${name}_${n}`;
    ctx.report.add(
      'warning',
      'duplicate-column',
      `${file} has more than one column named "${name}"; the first is used and the others were renamed (${renamed}...).`,
      { file, line, column: name, value: renamed },
      1,
      file,
    );
    return renamed;
  });
}

function findCut(text: string, start: number, size: number, lineChar: string, quoted: boolean): number {
  if (start + size >= text.length) return text.length;
  let nl = text.indexOf(lineChar, start + size);
  if (nl < 0) return text.length;
  if (quoted) {
    let q = countChar(text, '"', start, nl);
    while (q % 2 === 1) {
      const next = text.indexOf(lineChar, nl + 1);
      if (next < 0) return text.length;
      q += countChar(text, '"', nl, next);
      nl = next;
    }
  }
  return nl + 1;
}

function countChar(s: string, c: string, from = 0, to = s.length): number {
  let n = 0;
  let i = s.indexOf(c, from);
  while (i >= 0 && i < to) {
    n++;
    i = s.indexOf(c, i + 1);
  }
  return n;
}

export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const head = text.slice(0, 65536);
  const n = head.indexOf('\n');
  if (n > 0 && head[n - 1] === '\r') return '\r\n';
  if (n >= 0) return '\n';
  return head.indexOf('\r') >= 0 ? '\r' : '\n';
}

/** The candidate separator most frequent on the first line (',' on a tie or when none occurs). */
export function detectDelimiter(text: string, lineChar = '\n'): string {
  const end = text.indexOf(lineChar);
  const first = text.slice(0, end < 0 ? Math.min(text.length, 65536) : end);
  let best = ',';
  let bestN = 0;
  for (const d of [',', '\t', ';', '|']) {
    const n = countChar(first, d);
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}
