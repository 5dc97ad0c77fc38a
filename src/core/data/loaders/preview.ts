import { LoadContext } from './context';
import { readDelimited } from './delimited-reader';
import { fileBytes } from './input';
import type { InputFile } from './input';
import { readJsonLines } from './jsonl-reader';
import { cellText } from './loader-output';
import { readParquetColumns } from './parquet-reader';
import type { ColumnMapping, GenericFormat, MappingKey } from './spec-schema';
import { openText } from './text-source';
import type { ReportEntry } from '../types';

/** The first rows of a file, as text, for a column-mapping form. */
export interface FilePreview {
  columns: string[];
  rows: string[][];
  /** The separator used (CSV / TSV). */
  delimiter?: string;
  /** Why the preview is empty or partial (wrong format, empty file, BOM, duplicate names...). */
  issues: ReportEntry[];
}

const PREVIEW_BYTES = 256 * 1024;

/** Reads the header and up to `maxRows` rows (only the first 256 KB of text files is decoded). */
export async function previewFile(file: InputFile, format: GenericFormat, maxRows = 20): Promise<FilePreview> {
  const ctx = new LoadContext();
  const columns: string[] = [];
  const rows: string[][] = [];
  let delimiter: string | undefined;
  if (format === 'parquet') {
    const all: string[] = [];
    const table = await readParquetColumns(file, ctx, (names) => {
      all.push(...names);
      return names;
    });
    columns.push(...all);
    if (table) {
      const n = Math.min(maxRows, table.numRows);
      for (let i = 0; i < n; i++) rows.push(columns.map((c) => cellText((table.columns.get(c) as ArrayLike<unknown>)[i])));
    }
  } else {
    const bytes = await fileBytes(file);
    const head = bytes.length > PREVIEW_BYTES ? bytes.subarray(0, PREVIEW_BYTES) : bytes;
    let text = await openText({ name: file.name, data: head }, format === 'jsonl' ? 'jsonl' : format, ctx);
    if (text !== null) {
      if (head !== bytes) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
      if (format === 'jsonl') {
        const objs: Record<string, unknown>[] = [];
        await readJsonLines(text, file.name, ctx, {
          row: (o) => {
            if (objs.length < maxRows) objs.push(o);
            return true;
          },
        });
        for (const o of objs) for (const k of Object.keys(o)) if (!columns.includes(k)) columns.push(k);
        for (const o of objs) rows.push(columns.map((c) => (Object.hasOwn(o, c) ? cellText(o[c]) : '')));
      } else {
        await readDelimited(text, file.name, { delimiter: format === 'tsv' ? '\t' : undefined, quoted: format !== 'tsv', countRows: false }, ctx, {
          header: (cols, d) => {
            columns.push(...cols);
            delimiter = d;
            return true;
          },
          row: (f) => {
            if (rows.length < maxRows) rows.push(f.slice(0, columns.length));
            return true;
          },
        });
      }
    }
  }
  const issues = ctx.report.build().entries.filter((e) => e.code !== 'malformed-row' || rows.length === 0);
  return { columns, rows, ...(delimiter !== undefined ? { delimiter } : {}), issues };
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Column-name synonyms per mapping key, most specific first (compared without case and punctuation). */
const SYNONYMS: Readonly<Record<MappingKey, readonly string[]>> = {
  shopper: ['shopper', 'shopperid', 'userid', 'user', 'customerid', 'customer', 'visitorid', 'visitor', 'clientid', 'client', 'buyer', 'memberid', 'session', 'sessionid'],
  item: ['itemid', 'item', 'productid', 'product', 'aid', 'sku', 'stockcode', 'movieid', 'articleid', 'article', 'asin'],
  timestamp: ['timestamp', 'ts', 'time', 'datetime', 'eventtime', 'invoicedate', 'eventdate', 'date', 'createdat', 'time_stamp'],
  action: ['action', 'event', 'eventtype', 'type', 'actiontype', 'interaction', 'behavior', 'behaviour'],
  device: ['device', 'devicetype', 'platform', 'channel'],
  duration: ['duration', 'dwell', 'dwelltime', 'durationsec', 'seconds'],
  basket: ['basket', 'basketid', 'orderid', 'order', 'invoiceno', 'invoice', 'transactionid', 'transaction', 'sessionid', 'session'],
  value: ['value', 'quantity', 'qty', 'rating', 'amount', 'score'],
  title: ['title', 'name', 'productname', 'itemname', 'description'],
  category: ['category', 'categoryid', 'categoryname', 'genre', 'genres'],
  brand: ['brand', 'brandname', 'manufacturer'],
  price: ['price', 'unitprice', 'itemprice'],
};

/**
 * Guesses a column mapping from column names (each column used at most once; keys in the order
 * shopper, item, timestamp, action, ... so a 'session' column goes to the shopper only when
 * nothing better is there). Returns only the keys it found.
 */
export function suggestMapping(columns: readonly string[]): Partial<ColumnMapping> {
  const used = new Set<number>();
  const out: Partial<ColumnMapping> = {};
  const normed = columns.map(norm);
  for (const key of Object.keys(SYNONYMS) as MappingKey[]) {
    for (const syn of SYNONYMS[key]) {
      const i = normed.findIndex((c, j) => !used.has(j) && c === norm(syn));
      if (i >= 0) {
        used.add(i);
        out[key] = columns[i];
        break;
      }
    }
  }
  return out;
}
