import type { LoadContext } from './context';
import { exampleValue } from './report';

export interface JsonLineHandlers {
  /** One parsed JSON object and its 1-based line. Return true when it was accepted. */
  row(obj: Record<string, unknown>, line: number): boolean;
}

/**
 * Reads JSON lines (one object per line) with JSON.parse, yielding for progress and
 * cancellation. Lines that are not a JSON object (including a truncated last line) are
 * reported as 'malformed-row' and skipped; blank lines are ignored. Counts rows in the report.
 */
export async function readJsonLines(text: string, file: string, ctx: LoadContext, handlers: JsonLineHandlers): Promise<void> {
  const report = ctx.report;
  let pos = 0;
  let line = 0;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    line++;
    const s = text.slice(pos, end).trim();
    pos = end + 1;
    if (s === '') continue;
    report.rowsRead++;
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch {
      obj = undefined;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      report.rowsRejected++;
      report.add(
        'rejected',
        'malformed-row',
        `Lines of ${file} that are not a complete JSON object were skipped (truncated or not JSON lines).`,
        { file, line, value: exampleValue(s) },
        1,
        file,
      );
      continue;
    }
    if (handlers.row(obj as Record<string, unknown>, line)) report.rowsAccepted++;
    else report.rowsRejected++;
    if ((line & 1023) === 0) await ctx.tick(pos, n, `reading ${file}`);
  }
}
