import type { LoadContext } from './context';
import { SNIFF_DESCRIPTION, decodeText, fileBytes, gunzip, sniff } from './input';
import type { InputFile, TextEncodingName } from './input';

export type TextKind = 'csv' | 'tsv' | 'jsonl' | 'delimited';

const KIND_NAME: Record<TextKind, string> = {
  csv: 'CSV text',
  tsv: 'tab-separated text',
  jsonl: 'JSON lines',
  delimited: 'delimited text',
};

/**
 * Reads a file as text for a text loader. Gzip is unpacked; an empty file, or bytes that are
 * clearly something else (an image, an archive, Parquet, JSON given as CSV...), give one 'error'
 * entry and `null`. A byte order mark is removed and reported as 'info'.
 */
export async function openText(
  file: InputFile,
  kind: TextKind,
  ctx: LoadContext,
  encoding: TextEncodingName = 'utf-8',
): Promise<string | null> {
  const report = ctx.report;
  let bytes = await fileBytes(file);
  let what = sniff(bytes);
  if (what === 'gzip') {
    try {
      bytes = await gunzip(bytes);
      report.add('info', 'decompressed', `${file.name} was gzip-compressed and was unpacked before reading.`, undefined, 1, file.name);
      what = sniff(bytes);
    } catch (e) {
      report.add('error', 'wrong-format', `${file.name} looks like gzip but could not be unpacked (${errorText(e)}); the file is skipped.`, { file: file.name, line: 1 }, 1, file.name);
      return null;
    }
  }
  ctx.checkAbort();
  if (what === 'empty') {
    report.add('error', 'empty-file', `${file.name} is empty (no header, no rows); choose a file with data.`, { file: file.name, line: 1 }, 1, file.name);
    return null;
  }
  const wantJson = kind === 'jsonl';
  // JSON lines whose first line is garbage are still JSON lines when a later line is an object.
  const ok = wantJson ? what === 'json' || (what === 'text' && hasJsonObjectLine(bytes)) : what === 'text';
  if (!ok) {
    const hint =
      what === 'json'
        ? 'Use the JSON lines format for JSON data.'
        : what === 'parquet' || what === 'parquet-truncated'
          ? 'Use the Parquet format for Parquet files.'
          : what === 'text' && wantJson
            ? 'It may be CSV/TSV: pick that format instead.'
            : 'Choose the right file or format.';
    report.add(
      'error',
      'wrong-format',
      `${file.name} looks like ${SNIFF_DESCRIPTION[what]}, not ${KIND_NAME[kind]}; the file is skipped. ${hint}`,
      { file: file.name, line: 1 },
      1,
      file.name,
    );
    return null;
  }
  // one file is one JavaScript string: V8 (Chromium, Node) caps strings at 2^29 − 24 characters
  const limit = ctx.maxTextChars;
  const tooLarge = (): null => {
    const mb = (bytes.length / 1e6).toFixed(0);
    report.add(
      'error',
      'file-too-large',
      `${file.name} holds ${mb} MB of text, more than this browser can hold as one string (${(limit / 1e6).toFixed(limit < 1e6 ? 3 : 0)} M characters); the file is skipped. Split it into several files with the same columns and load them together, or convert it to Parquet (no such limit).`,
      { file: file.name, line: 1 },
      1,
      file.name,
    );
    return null;
  };
  // UTF-8 takes at most 4 bytes per character, latin1 exactly 1
  if (bytes.length > (encoding === 'latin1' ? 1 : 4) * limit) return tooLarge();
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes, encoding);
  } catch (e) {
    if (e instanceof RangeError) return tooLarge();
    throw e;
  }
  // past the limit some engines return an empty string instead of throwing; the bytes were not empty
  if (decoded.text.length > limit || (decoded.text.length === 0 && bytes.length > limit)) return tooLarge();
  if (decoded.bom) {
    report.add('info', 'bom-stripped', `${file.name} starts with a ${decoded.bom} byte order mark; it was removed before reading the header.`, { file: file.name, line: 1 }, 1, file.name);
  }
  return decoded.text;
}

/** Whether one of the first lines (first 64 KB) starts with '{'. */
function hasJsonObjectLine(bytes: Uint8Array): boolean {
  return /^\s*\{/m.test(new TextDecoder('utf-8').decode(bytes.subarray(0, 65_536)));
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
