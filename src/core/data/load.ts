/**
 * Loading datasets: presets for known public datasets and a generic column-mapped loader for
 * CSV / TSV / JSON lines / Parquet. Runs in a Web Worker and in Node (no DOM, no FileReader).
 * Every load returns a ValidationReport; `dataset` is null only when `report.fatal` says why.
 *
 * Report counts: `rowsRead` counts the data rows of the interaction files (CSV/TSV lines
 * without the header, JSON lines, Parquet rows, .inter lines); rows of item / property files
 * are not counted there, their problems show up as 'warning' entries.
 */
import { eventTableBytes } from './event-builder';
import type { Dataset, LoadResult, ProgressFn } from './types';
import { LoadContext } from './loaders/context';
import { loadGeneric } from './loaders/generic-loader';
import type { InputFile } from './loaders/input';
import type { LoaderOutput } from './loaders/loader-output';
import { runPreset } from './loaders/presets/run-preset';
import { LoadSpecError, parseLoadSpec } from './loaders/spec-schema';
import type { LoadSpec } from './loaders/spec-schema';
import { errorText } from './loaders/text-source';

export type { InputFile } from './loaders/input';
export type {
  ColumnMapping,
  GenericFormat,
  GenericLoadSpec,
  LoadSpec,
  MappingKey,
  PresetId,
  PresetLoadSpec,
  PresetOptions,
} from './loaders/spec-schema';
export {
  ColumnMappingSchema,
  GENERIC_FORMATS,
  LoadSpecError,
  LoadSpecSchema,
  MAPPING_KEYS,
  PRESET_IDS,
  parseLoadSpec,
} from './loaders/spec-schema';
export { PRESETS, presetInfo } from './loaders/presets/catalog';
export type { PresetFileRole, PresetInfo } from './loaders/presets/catalog';
export { REPORT_CODES } from './loaders/report';
export type { ReportCode } from './loaders/report';
export { TIMESTAMP_FORMATS, parseTimestamp } from './loaders/timestamp';
export type { TimestampFormat } from './loaders/timestamp';
export { previewFile, suggestMapping } from './loaders/preview';
export type { FilePreview } from './loaders/preview';

export interface LoadOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Dataset name (default: the preset id, or the first file's name). */
  name?: string;
  /** Longest text one file may decode to (default MAX_TEXT_CHARS, V8's string limit; tests lower it). */
  maxTextChars?: number;
}

/**
 * Loads a dataset. Resolves with the dataset and its validation report; never throws for bad
 * input (an invalid spec, wrong or empty files all end in `report.fatal`). Rejects only when
 * `signal` is aborted (with the signal's reason, an AbortError).
 */
export async function loadDataset(spec: LoadSpec, files: InputFile[], opts: LoadOptions = {}): Promise<LoadResult> {
  const ctx = new LoadContext(opts.onProgress, opts.signal, opts.maxTextChars);
  const report = ctx.report;
  report.files.push(...files.map((f) => f.name));
  let valid: LoadSpec;
  try {
    valid = parseLoadSpec(spec);
  } catch (e) {
    const msg = e instanceof LoadSpecError ? e.message : errorText(e);
    report.add('error', 'invalid-spec', `${msg}. Fix the load settings.`);
    return { dataset: null, report: report.build(`Nothing was loaded: the load settings are invalid (${msg}).`) };
  }
  ctx.checkAbort();
  let out: LoaderOutput | null = null;
  try {
    out = valid.kind === 'preset' ? await runPreset(valid, files, ctx) : await loadGeneric(valid, files, ctx);
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    report.add('error', 'wrong-format', `The loader failed unexpectedly: ${errorText(e)}. Check the file and format.`);
    out = null;
  }
  ctx.checkAbort();
  if (out === null || out.assembler.events.length === 0) {
    return { dataset: null, report: report.build(fatalMessage(ctx)) };
  }
  ctx.progress(0, 1, 'sorting events by time');
  const name = opts.name ?? (valid.kind === 'preset' ? valid.preset : (files[0]?.name ?? 'dataset'));
  const dataset: Dataset = out.assembler.finish(name, out.fields, {
    ...out.meta,
    ...(valid.kind === 'generic' ? { format: valid.format, mapping: JSON.stringify(valid.mapping) } : {}),
    files: files.map((f) => f.name).join(', '),
    events: out.assembler.events.length,
  });
  ctx.progress(1, 1, 'done');
  return { dataset, report: report.build() };
}

function fatalMessage(ctx: LoadContext): string {
  const report = ctx.report;
  const errors = report.errors();
  let why: string;
  if (errors.length > 0) why = errors.map((e) => e.message).join(' ');
  else if (report.rowsRead === 0) why = 'The files hold no data rows (only a header, or nothing at all). Choose files with data.';
  else {
    const built = report.build();
    const top = built.entries.filter((e) => e.severity === 'rejected').sort((a, b) => b.count - a.count)[0];
    why = `All ${report.rowsRead} rows were rejected${top ? `; most often: ${top.message} (${top.count} rows, first at ${top.examples[0]?.file ?? ''} line ${top.examples[0]?.line ?? '?'})` : ''}. Check the column mapping and timestamp format.`;
  }
  report.add('error', 'no-rows', 'No event could be loaded, so there is no dataset.');
  return `Nothing was loaded. ${why}`;
}

/** Bytes of typed-array memory per event of a loaded dataset's event table. */
export function bytesPerEvent(d: Dataset): number {
  return d.events.length === 0 ? 0 : eventTableBytes(d.events) / d.events.length;
}
