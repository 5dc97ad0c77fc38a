import { REPORT_MAX_EXAMPLES } from '../types';
import type { IssueExample, IssueSeverity, ReportEntry, ValidationReport } from '../types';

/**
 * Stable report entry codes. Each names one reason a row was rejected or changed, or one
 * problem with a whole file. The UI may key help texts on these.
 */
export const REPORT_CODES = [
  'invalid-spec',
  'missing-file',
  'unused-file',
  'empty-file',
  'file-too-large',
  'wrong-format',
  'truncated-parquet',
  'corrupt-parquet',
  'decompressed',
  'bom-stripped',
  'missing-column',
  'duplicate-column',
  'malformed-row',
  'missing-value',
  'bad-timestamp',
  'bad-number',
  'unmapped-action',
  'unknown-item',
  'guest-row',
  'cancellation',
  'negative-quantity',
  'missing-title',
  'no-price',
  'synthetic-time',
  'inconsistent-history',
  'anonymous-session',
  'unused-item-properties',
  'no-rows',
] as const;
export type ReportCode = (typeof REPORT_CODES)[number];

/** Collects report entries (grouped by code, and by `group` when given) and row counts. */
export class ReportBuilder {
  rowsRead = 0;
  rowsAccepted = 0;
  rowsRejected = 0;
  readonly files: string[] = [];
  private readonly entries = new Map<string, ReportEntry>();

  /**
   * Adds one occurrence (or `count`) of a reason. The message of the first occurrence is kept,
   * so it should describe the reason, not the single row; the example says where.
   */
  add(
    severity: IssueSeverity,
    code: ReportCode,
    message: string,
    example?: IssueExample,
    count = 1,
    group = '',
  ): void {
    const key = `${code}\u0000${severity}\u0000${group}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { severity, code, message, count: 0, examples: [] };
      this.entries.set(key, e);
    }
    e.count += count;
    if (example && e.examples.length < REPORT_MAX_EXAMPLES) e.examples.push(example);
  }

  /** True when an example for this code would still be kept (so callers can skip computing one). */
  wantsExample(code: ReportCode, severity: IssueSeverity, group = ''): boolean {
    const e = this.entries.get(`${code}\u0000${severity}\u0000${group}`);
    return !e || e.examples.length < REPORT_MAX_EXAMPLES;
  }

  /**
   * A counter for one reason, for hot loops: `hit()` costs an increment (no string work), and
   * `wants` says whether an example would still be kept. The entry appears once it has a hit.
   */
  tally(severity: IssueSeverity, code: ReportCode, message: string, group = ''): Tally {
    const key = `${code}\u0000${severity}\u0000${group}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { severity, code, message, count: 0, examples: [] };
      this.entries.set(key, e);
    }
    return new Tally(e);
  }

  has(code: ReportCode): boolean {
    for (const e of this.entries.values()) if (e.code === code && e.count > 0) return true;
    return false;
  }

  /** Entries with severity 'error' (problems that stopped a whole file from loading). */
  errors(): ReportEntry[] {
    return [...this.entries.values()].filter((e) => e.severity === 'error' && e.count > 0);
  }

  build(fatal?: string): ValidationReport {
    const order: Record<IssueSeverity, number> = { error: 0, rejected: 1, warning: 2, info: 3 };
    const entries = [...this.entries.values()].filter((e) => e.count > 0).sort((a, b) => order[a.severity] - order[b.severity]);
    const report: ValidationReport = {
      files: [...this.files],
      rowsRead: this.rowsRead,
      rowsAccepted: this.rowsAccepted,
      rowsRejected: this.rowsRejected,
      entries,
    };
    if (fatal !== undefined) report.fatal = fatal;
    return report;
  }
}

/** See `ReportBuilder.tally`. */
export class Tally {
  constructor(private readonly entry: ReportEntry) {}
  get wants(): boolean {
    return this.entry.examples.length < REPORT_MAX_EXAMPLES;
  }
  get count(): number {
    return this.entry.count;
  }
  hit(example?: IssueExample): void {
    this.entry.count++;
    if (example && this.entry.examples.length < REPORT_MAX_EXAMPLES) this.entry.examples.push(example);
  }
}

/** Shortens a cell value for an example (long JSON lines, binary garbage). */
export function exampleValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  else if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) s = '';
  else if (typeof v === 'object') {
    try {
      s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? '';
    } catch {
      s = String(v);
    }
  } else s = String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
