import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { DecodedArray, FileMetaData, ParquetParsers } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { LoadContext } from './context';
import { SNIFF_DESCRIPTION, fileBytes, sniff } from './input';
import type { InputFile } from './input';
import { errorText } from './text-source';
import { checkColumnPages, readFlatColumn } from './parquet-flat-column';

/** Whole columns of a Parquet file, one JS array or typed array per column, `numRows` long. */
export interface ParquetColumns {
  numRows: number;
  columns: Map<string, DecodedArray>;
  /** Columns whose Parquet type is a timestamp or date: their numbers are epoch milliseconds. */
  timeColumns: Set<string>;
}

/** Timestamps and dates come back as epoch milliseconds (numbers), not Date objects: no per-row allocation. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => Number(ms),
  timestampFromMicroseconds: (us: bigint) => Number(us / 1000n),
  timestampFromNanoseconds: (ns: bigint) => Number(ns / 1000000n),
  dateFromDays: (days: number) => days * 86_400_000,
};

/**
 * Reads the chosen columns of a Parquet file (hyparquet, SNAPPY/GZIP/ZSTD/BROTLI/LZ4 via
 * hyparquet-compressors) one column and row group at a time, yielding in between.
 * `choose` gets the file's top-level column names and returns those to read (or null to stop;
 * it reports missing columns itself). Errors (not Parquet, truncated, corrupt) become one
 * 'error' entry and `null`.
 */
export async function readParquetColumns(
  file: InputFile,
  ctx: LoadContext,
  choose: (columns: string[]) => string[] | null,
): Promise<ParquetColumns | null> {
  const report = ctx.report;
  const name = file.name;
  const bytes = await fileBytes(file);
  const what = sniff(bytes);
  if (what === 'empty' && bytes.length === 0) {
    report.add('error', 'empty-file', `${name} is empty (0 bytes); choose a Parquet file with data.`, { file: name, line: 1 }, 1, name);
    return null;
  }
  if (what === 'parquet-truncated') {
    report.add(
      'error',
      'truncated-parquet',
      `${name} is a truncated Parquet file: it starts with PAR1 but its footer (the schema and row index) is missing, so no row can be read. Copy or download the file again.`,
      { file: name, line: 1 },
      1,
      name,
    );
    return null;
  }
  if (what !== 'parquet') {
    const hint = what === 'text' || what === 'json' ? ' Pick the CSV, TSV or JSON lines format for text files.' : '';
    report.add('error', 'wrong-format', `${name} looks like ${SNIFF_DESCRIPTION[what]}, not a Parquet file; the file is skipped.${hint}`, { file: name, line: 1 }, 1, name);
    return null;
  }
  const ab =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : bytes.slice().buffer;
  let metadata: FileMetaData;
  let names: string[];
  try {
    metadata = parquetMetadata(ab, { parsers: PARSERS });
    names = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (e) {
    report.add('error', 'corrupt-parquet', `${name} could not be read as Parquet (${errorText(e)}); the file is skipped. Copy or export it again.`, { file: name, line: 1 }, 1, name);
    return null;
  }
  const wanted = choose(names);
  if (wanted === null) return null;
  const numRows = Number(metadata.num_rows);
  const parts = new Map<string, { start: number; data: DecodedArray }[]>(wanted.map((c) => [c, []]));
  const steps = metadata.row_groups.length * wanted.length;
  let step = 0;
  let groupStart = 0;
  try {
    // Fast path: whole flat columns at once (falls back per column to parquetRead).
    const done = new Set<string>();
    for (const col of wanted) {
      const data = readFlatColumn(ab, metadata, col, PARSERS, compressors);
      if (data === null) continue;
      parts.set(col, [{ start: 0, data }]);
      done.add(col);
      step += metadata.row_groups.length;
      ctx.progress(step, steps, `reading ${name}: ${col}`);
      await ctx.pause();
    }
    for (const rg of metadata.row_groups) {
      const groupEnd = groupStart + Number(rg.num_rows);
      for (const col of wanted) {
        if (done.has(col)) continue;
        checkColumnPages(ab, metadata, col);
        await parquetRead({
          file: ab,
          metadata,
          columns: [col],
          rowStart: groupStart,
          rowEnd: groupEnd,
          compressors,
          parsers: PARSERS,
          onChunk: (chunk) => {
            parts.get(chunk.columnName)?.push({ start: chunk.rowStart, data: chunk.columnData });
          },
        });
        step++;
        ctx.progress(step, steps, `reading ${name}: ${col}`);
        await ctx.pause();
      }
      groupStart = groupEnd;
    }
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    report.add('error', 'corrupt-parquet', `${name} has damaged data pages (${errorText(e)}); the file is skipped. Copy or export it again.`, { file: name, line: 1 }, 1, name);
    return null;
  }
  const columns = new Map<string, DecodedArray>();
  for (const [col, chunks] of parts) columns.set(col, joinChunks(chunks, numRows));
  const timeColumns = new Set<string>();
  for (const el of metadata.schema) {
    const logical = el.logical_type?.type;
    const conv = el.converted_type;
    if (logical === 'TIMESTAMP' || logical === 'DATE' || conv === 'DATE' || conv === 'TIMESTAMP_MILLIS' || conv === 'TIMESTAMP_MICROS') timeColumns.add(el.name);
  }
  return { numRows, columns, timeColumns };
}

function joinChunks(chunks: { start: number; data: DecodedArray }[], numRows: number): DecodedArray {
  if (chunks.length === 1 && chunks[0].start === 0 && chunks[0].data.length === numRows) return chunks[0].data;
  const out: unknown[] = new Array<unknown>(numRows).fill(null);
  for (const { start, data } of chunks) {
    const n = Math.min(data.length, numRows - start);
    for (let i = 0; i < n; i++) out[start + i] = data[i];
  }
  return out;
}
