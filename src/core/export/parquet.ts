/**
 * Parquet files (hyparquet-writer, SNAPPY) for embeddings, Pfeed lookup tables and feeds.
 *
 * Vectors are one `vector` column of the standard 3-level Parquet LIST of FLOAT
 * (`required group vector (LIST) { repeated group list { required float element } }`), which
 * pyarrow reads as `list<float>`, pandas as one NumPy array per row and DuckDB as `FLOAT[]`
 * (castable to `FLOAT[dim]`). The values are BYTE_STREAM_SPLIT-encoded without statistics (smaller,
 * read by pyarrow, DuckDB and hyparquet). The dimension is also in the key-value metadata `kloa.dim`.
 * Lookup tables and feeds are long tables, one row per (query, rank) / (shopper, rank).
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { EmbeddingSet, FeedsExport, ItemEmbeddingSet, LookupTableExport } from './types';
import { checkEmbeddingSet, checkLookupTable } from './validate';

type ColumnData = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];

const CREATED_BY = 'kloa-workbench (hyparquet-writer)';

function stringCol(name: string): SchemaElement {
  return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };
}

function listCols(name: string, leaf: SchemaElement): SchemaElement[] {
  return [
    { name, repetition_type: 'REQUIRED', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { ...leaf, name: 'element', repetition_type: 'REQUIRED' },
  ];
}

function write(columns: { schema: SchemaElement[]; data: ColumnData }[], kv: Record<string, string>): Uint8Array {
  const topLevel = columns.length;
  const schema: SchemaElement[] = [{ name: 'root', num_children: topLevel }, ...columns.flatMap((c) => c.schema)];
  const buf = parquetWriteBuffer({
    columnData: columns.map((c) => c.data),
    schema,
    kvMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })),
    createdBy: CREATED_BY,
    rowGroupSize: 100_000,
  });
  return new Uint8Array(buf);
}

function vectorRows(e: EmbeddingSet): number[][] {
  const n = e.ids.length;
  const rows = new Array<number[]>(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(e.vectors.subarray(i * e.dim, (i + 1) * e.dim));
  return rows;
}

/** Embeddings as Parquet: `id` (string), `vector` (list<float>), and `title`, `category` (strings) when given. */
export function embeddingsParquet(e: ItemEmbeddingSet, kind: string): Uint8Array {
  checkEmbeddingSet(e, kind);
  const cols: { schema: SchemaElement[]; data: ColumnData }[] = [
    { schema: [stringCol('id')], data: { name: 'id', data: [...e.ids] } },
    { schema: listCols('vector', { name: 'element', type: 'FLOAT' }), data: { name: 'vector', data: vectorRows(e), statistics: false, encoding: 'BYTE_STREAM_SPLIT' } },
  ];
  if (e.titles) cols.push({ schema: [stringCol('title')], data: { name: 'title', data: [...e.titles] } });
  if (e.categories) cols.push({ schema: [stringCol('category')], data: { name: 'category', data: [...e.categories] } });
  return write(cols, { 'kloa.kind': kind, 'kloa.dim': String(e.dim), 'kloa.source': e.source ?? '' });
}

/** Lookup-table rows in rank order, unused slots (empty target id) left out. */
export function lookupRows(t: LookupTableExport): { queryId: string; rank: number; targetId: string; score: number }[] {
  checkLookupTable(t);
  const rows: { queryId: string; rank: number; targetId: string; score: number }[] = [];
  for (let q = 0; q < t.queryIds.length; q++) {
    let rank = 0;
    for (let j = 0; j < t.k; j++) {
      const target = t.targetIds[q * t.k + j];
      if (target === '') continue;
      rank++;
      rows.push({ queryId: t.queryIds[q], rank, targetId: target, score: t.scores[q * t.k + j] });
    }
  }
  return rows;
}

/** A lookup table as Parquet: `query_id`, `role`, `rank` (int32, 1-based), `target_id`, `score` (float). */
export function lookupParquet(t: LookupTableExport): Uint8Array {
  const rows = lookupRows(t);
  return write(
    [
      { schema: [stringCol('query_id')], data: { name: 'query_id', data: rows.map((r) => r.queryId) } },
      { schema: [stringCol('role')], data: { name: 'role', data: rows.map(() => t.role) } },
      { schema: [{ name: 'rank', type: 'INT32', repetition_type: 'REQUIRED' }], data: { name: 'rank', data: Int32Array.from(rows, (r) => r.rank) } },
      { schema: [stringCol('target_id')], data: { name: 'target_id', data: rows.map((r) => r.targetId) } },
      { schema: [{ name: 'score', type: 'FLOAT', repetition_type: 'REQUIRED' }], data: { name: 'score', data: Float32Array.from(rows, (r) => r.score) } },
    ],
    { 'kloa.kind': 'lookup-table', 'kloa.role': t.role, 'kloa.k': String(t.k) },
  );
}

/** Feeds as Parquet: `shopper_id`, `rank` (int32, 1-based), `item_id`, `score` (float), `explanation` (list<string>), `target_set`. */
export function feedsParquet(f: FeedsExport): Uint8Array {
  const r = f.rows;
  return write(
    [
      { schema: [stringCol('shopper_id')], data: { name: 'shopper_id', data: r.map((x) => x.shopperId) } },
      { schema: [{ name: 'rank', type: 'INT32', repetition_type: 'REQUIRED' }], data: { name: 'rank', data: Int32Array.from(r, (x) => x.rank) } },
      { schema: [stringCol('item_id')], data: { name: 'item_id', data: r.map((x) => x.itemId) } },
      { schema: [{ name: 'score', type: 'FLOAT', repetition_type: 'REQUIRED' }], data: { name: 'score', data: Float32Array.from(r, (x) => x.score) } },
      {
        schema: listCols('explanation', { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
        data: { name: 'explanation', data: r.map((x) => [...x.explanation]) },
      },
      { schema: [stringCol('target_set')], data: { name: 'target_set', data: r.map(() => f.targetSet) } },
    ],
    { 'kloa.kind': 'feeds', 'kloa.target_set': f.targetSet, 'kloa.composed_at': f.composedAt ?? '' },
  );
}
