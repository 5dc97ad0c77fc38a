/**
 * A faster path for flat (non-nested) Parquet columns, built from hyparquet's own page decoders
 * (its public `hyparquet/src/*.js` entry points): pages are decoded as hyparquet does, but values
 * go straight into one output array instead of through its generic list assembly, and INT64
 * dictionaries are turned into numbers once instead of one BigInt per row. Numeric columns come
 * back as Float64Array with NaN for nulls; others as arrays with null. Returns null for anything
 * it does not handle (nested columns, unknown pages), so the caller falls back to `parquetRead`.
 */
import type { Compressors, DecodedArray, FileMetaData, ParquetParsers } from 'hyparquet';
import { parquetSchema } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS, convert, convertWithDictionary } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getTreePath, isFlatColumn } from 'hyparquet/src/schema.js';

const NUMERIC = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);

function toNumbers(a: DecodedArray): ArrayLike<unknown> {
  if (a instanceof BigInt64Array || a instanceof BigUint64Array) return Array.from(a, Number);
  return a;
}

type PageHeader = ReturnType<typeof parquetHeader>;

/** A page header hyparquet cannot be trusted with (damaged bytes): it may loop on it forever. */
export class DamagedPageError extends Error {
  override name = 'DamagedPageError';
}

const isSize = (x: unknown, max = 2 ** 31): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

/**
 * Checks the fields hyparquet's page decoders rely on before they run: sizes within the column
 * chunk, known encodings, level lengths present. A damaged header (found by the loader fuzz test:
 * a V2 page without level lengths made hyparquet spin forever) throws DamagedPageError.
 */
function checkPageHeader(h: PageHeader, offset: number, chunkSize: number): void {
  const bad = (what: string): never => {
    throw new DamagedPageError(`damaged page header (${what})`);
  };
  if (!isSize(h.compressed_page_size) || offset + h.compressed_page_size > chunkSize) bad('page size beyond the column chunk');
  if (!isSize(h.uncompressed_page_size, 2 ** 30)) bad('uncompressed size');
  const v1 = h.data_page_header;
  if (h.type === 'DATA_PAGE' && (!v1 || !isSize(v1.num_values) || v1.encoding === undefined)) bad('data page');
  const v2 = h.data_page_header_v2;
  if (h.type === 'DATA_PAGE_V2') {
    if (!v2) throw new DamagedPageError('damaged page header (data page v2)');
    if (!isSize(v2.num_values) || !isSize(v2.num_nulls) || v2.num_nulls > v2.num_values || v2.encoding === undefined) bad('data page v2');
    if (!isSize(v2.definition_levels_byte_length) || !isSize(v2.repetition_levels_byte_length)) bad('level lengths');
    if (v2.definition_levels_byte_length + v2.repetition_levels_byte_length > h.compressed_page_size) bad('level lengths beyond the page');
  }
  if (h.type === 'DICTIONARY_PAGE' && (!h.dictionary_page_header || !isSize(h.dictionary_page_header.num_values))) bad('dictionary page');
}

/**
 * Walks the page headers of a column's chunks (without decoding pages) and throws
 * DamagedPageError on a damaged one: run before handing a column to hyparquet's parquetRead.
 */
export function checkColumnPages(ab: ArrayBuffer, metadata: FileMetaData, name: string): void {
  for (const rg of metadata.row_groups) {
    for (const chunk of rg.columns) {
      const cm = chunk.meta_data;
      if (!cm || cm.path_in_schema[0] !== name) continue;
      const start = Number(cm.dictionary_page_offset ?? cm.data_page_offset);
      const size = Number(cm.total_compressed_size);
      if (!isSize(start, ab.byteLength) || !isSize(size) || start + size > ab.byteLength) throw new DamagedPageError('damaged column chunk (beyond the end of the file)');
      const reader = { view: new DataView(ab, start, size), offset: 0 };
      while (reader.offset < size) {
        let h: PageHeader;
        try {
          h = parquetHeader(reader);
        } catch (e) {
          throw new DamagedPageError(`damaged page header (${e instanceof Error ? e.message : String(e)})`);
        }
        checkPageHeader(h, reader.offset, size);
        reader.offset += h.compressed_page_size;
      }
    }
  }
}

export function readFlatColumn(
  ab: ArrayBuffer,
  metadata: FileMetaData,
  name: string,
  parsers: Partial<ParquetParsers>,
  compressors: Compressors,
): DecodedArray | null {
  const tree = parquetSchema(metadata);
  const numRows = Number(metadata.num_rows);
  const allParsers: ParquetParsers = { ...DEFAULT_PARSERS, ...parsers };
  let out: Float64Array | unknown[] | null = null;
  let r = 0;
  for (const rg of metadata.row_groups) {
    const chunk = rg.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name);
    const cm = chunk?.meta_data;
    if (!cm) return null;
    const schemaPath = getTreePath(tree, cm.path_in_schema);
    if (!isFlatColumn(schemaPath)) return null;
    const element = schemaPath[schemaPath.length - 1].element;
    const decoder = { pathInSchema: cm.path_in_schema, type: cm.type, element, schemaPath, codec: cm.codec, parsers: allParsers, compressors, utf8: true };
    const numeric = NUMERIC.has(cm.type) && element.converted_type === undefined && (element.logical_type === undefined || element.logical_type.type === 'TIMESTAMP');
    out ??= numeric ? new Float64Array(numRows) : new Array<unknown>(numRows);
    const maxDef = getMaxDefinitionLevel(schemaPath);
    const start = Number(cm.dictionary_page_offset ?? cm.data_page_offset);
    const size = Number(cm.total_compressed_size);
    if (start + size > ab.byteLength) return null;
    const reader = { view: new DataView(ab, start, size), offset: 0 };
    let dict: ArrayLike<unknown> | undefined;
    const groupEnd = r + Number(rg.num_rows);
    while (r < groupEnd && reader.offset < reader.view.byteLength) {
      const h = parquetHeader(reader);
      checkPageHeader(h, reader.offset, size);
      const comp = new Uint8Array(ab, start + reader.offset, h.compressed_page_size);
      reader.offset += h.compressed_page_size;
      let defs: number[] | undefined;
      let values: ArrayLike<unknown>;
      if (h.type === 'DICTIONARY_PAGE' && h.dictionary_page_header) {
        const page = decompressPage(comp, Number(h.uncompressed_page_size), cm.codec, compressors);
        const plain = readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, cm.type, h.dictionary_page_header.num_values, element.type_length);
        dict = toNumbers(convert(plain, decoder));
        continue;
      } else if (h.type === 'DATA_PAGE' && h.data_page_header) {
        const page = decompressPage(comp, Number(h.uncompressed_page_size), cm.codec, compressors);
        const dp = readDataPage(page, h.data_page_header, decoder);
        defs = dp.definitionLevels;
        values = convertWithDictionary(dp.dataPage, dict as DecodedArray | undefined, h.data_page_header.encoding, decoder);
      } else if (h.type === 'DATA_PAGE_V2' && h.data_page_header_v2) {
        const dp = readDataPageV2(comp, h, decoder);
        defs = dp.definitionLevels;
        values = convertWithDictionary(dp.dataPage, dict as DecodedArray | undefined, h.data_page_header_v2.encoding, decoder);
      } else {
        continue; // index pages and the like
      }
      if (values instanceof BigInt64Array || values instanceof BigUint64Array) values = toNumbers(values);
      const n = defs && defs.length > 0 ? defs.length : values.length;
      if (r + n > numRows) return null;
      if (out instanceof Float64Array) {
        if (defs && defs.length > 0) {
          let v = 0;
          for (let i = 0; i < n; i++) out[r++] = defs[i] === maxDef ? (values[v++] as number) : NaN;
        } else for (let i = 0; i < n; i++) out[r++] = values[i] as number;
      } else if (defs && defs.length > 0) {
        let v = 0;
        for (let i = 0; i < n; i++) out[r++] = defs[i] === maxDef ? values[v++] : null;
      } else for (let i = 0; i < n; i++) out[r++] = values[i];
    }
    if (r !== groupEnd) return null;
  }
  if (out instanceof Float64Array) {
    for (let i = 0; i < out.length; i++) if (typeof out[i] !== 'number') return null;
  }
  return r === numRows ? out : null;
}
