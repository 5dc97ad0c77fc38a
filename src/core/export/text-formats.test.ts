import { describe, expect, it } from 'vitest';
import { feedsJsonl, lookupJsonl } from './jsonl';
import { bulkNdjson, esMapping, openSearchMapping } from './search-bulk';
import { metadataTsv, projectorConfigJson, projectorConfigPbtxt, tensorsTsv } from './projector';
import { f32Text } from './float-text';
import { itemSet, shopperSet, smallWorld, unitVectors } from './test-fixture';
import type { FeedsExport, LookupTableExport } from './types';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const lines = (b: Uint8Array): string[] => text(b).slice(0, -1).split('\n');

describe('float text', () => {
  it('is a decimal of at most 9 significant digits that reads back as the same float32', () => {
    const v = unitVectors(500, 8, 3);
    for (const x of v) {
      const s = f32Text(x);
      expect(Math.fround(Number(s))).toBe(x);
      expect(s.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
    expect(f32Text(0.5)).toBe('0.5');
    expect(f32Text(Math.fround(0.1))).toBe('0.1');
  });

  it('writes a float64 as the float32 it rounds to (what Float32Array / Parquet FLOAT hold)', () => {
    // 9 digits of these doubles name the neighbouring float32, not fround(x) (found by a random search)
    for (const x of [1.9189800649698558, 1.488510785808104, 1.5523040867547442, 0.1, 1 / 3, -2.5e-7]) expect(Math.fround(Number(f32Text(x)))).toBe(Math.fround(x));
  });
});

describe('search bulk NDJSON', () => {
  it('alternates action and document lines, every line valid JSON, ends with a newline, vectors exact in float32', () => {
    const ds = smallWorld();
    const e = itemSet(ds, 8);
    const bytes = bulkNdjson(e, 'synthetic-small-items');
    expect(text(bytes).endsWith('\n')).toBe(true);
    const ls = lines(bytes);
    expect(ls.length).toBe(2 * ds.items.length);
    const parsed = ls.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (let i = 0; i < ds.items.length; i += 97) {
      expect(parsed[2 * i]).toEqual({ index: { _index: 'synthetic-small-items', _id: ds.items.ids[i] } });
      const doc = parsed[2 * i + 1] as { id: string; title: string; category: string; embedding: number[] };
      expect(doc.id).toBe(ds.items.ids[i]);
      expect(doc.title).toBe(ds.items.title[i]);
      expect(Float32Array.from(doc.embedding)).toEqual(e.vectors.subarray(i * 8, i * 8 + 8));
    }
  });

  it('escapes ids and titles with quotes, newlines and unicode', () => {
    const e = { ids: ['a"b', 'line\nbreak', '日本'], titles: ['=1+1', 'tab\there', '"quoted"'], vectors: unitVectors(3, 4, 1), dim: 4 };
    const ls = lines(bulkNdjson(e, 'x'));
    expect(ls.length).toBe(6);
    expect((JSON.parse(ls[3]) as { id: string }).id).toBe('line\nbreak');
    expect((JSON.parse(ls[1]) as { title: string }).title).toBe('=1+1');
  });

  it('refuses non-finite values (search engines reject them)', () => {
    expect(() => bulkNdjson({ ids: ['a'], vectors: Float32Array.of(1, NaN), dim: 2 }, 'x')).toThrow(/non-finite/);
  });

  it('mappings: ES dense_vector with dims and similarity; OpenSearch knn_vector with dimension and method', () => {
    const e = itemSet(smallWorld(), 32);
    expect(esMapping(e)).toEqual({
      mappings: {
        properties: {
          id: { type: 'keyword' },
          title: { type: 'text' },
          category: { type: 'keyword' },
          source: { type: 'keyword' },
          embedding: { type: 'dense_vector', dims: 32, index: true, similarity: 'cosine' },
        },
      },
    });
    const os = openSearchMapping(e, 'dot_product') as { settings: unknown; mappings: { properties: { embedding: Record<string, unknown> } } };
    expect(os.settings).toEqual({ index: { knn: true } });
    expect(os.mappings.properties.embedding).toMatchObject({ type: 'knn_vector', dimension: 32, method: { name: 'hnsw', space_type: 'innerproduct', engine: 'lucene' } });
  });
});

describe('TensorBoard projector files', () => {
  it('tensors TSV has N rows of dim numbers; metadata TSV has a header plus N rows with several columns', () => {
    const ds = smallWorld();
    const e = itemSet(ds, 10);
    const t = lines(tensorsTsv(e));
    expect(t.length).toBe(ds.items.length);
    expect(t.every((l) => l.split('\t').length === 10)).toBe(true);
    expect(Float32Array.from(t[5].split('\t').map(Number))).toEqual(e.vectors.subarray(50, 60));
    const m = lines(metadataTsv(e));
    expect(m.length).toBe(ds.items.length + 1);
    expect(m[0]).toBe('id\ttitle\tcategory');
    expect(m.slice(1).every((l) => l.split('\t').length === 3)).toBe(true);
  });

  it('a single metadata column has no header row (the projector rule)', () => {
    const ds = smallWorld();
    const s = shopperSet(ds, 4);
    const m = lines(metadataTsv(s));
    expect(m.length).toBe(ds.shoppers.length);
    expect(m[0]).toBe(ds.shoppers[0]);
  });

  it('neutralises formula cells and keeps tabs / newlines out of cells', () => {
    const e = { ids: ['-12', '=cmd', 'ok'], titles: ['@SUM(A1)', 'a\tb\nc', '+1'], categories: ['-', '', 'x'], vectors: unitVectors(3, 2, 1), dim: 2 };
    const m = lines(metadataTsv(e));
    expect(m).toEqual(['id\ttitle\tcategory', "-12\t'@SUM(A1)\t'-", "'=cmd\ta b c\t", 'ok\t+1\tx']);
  });

  it('config files name every tensor with its shape and paths', () => {
    const entries = [{ name: 'items', rows: 2000, dim: 16, tensorPath: 'items.tensors.tsv', metadataPath: 'items.metadata.tsv' }];
    expect(text(projectorConfigPbtxt(entries))).toBe(
      'embeddings {\n  tensor_name: "items"\n  tensor_shape: 2000\n  tensor_shape: 16\n  tensor_path: "items.tensors.tsv"\n  metadata_path: "items.metadata.tsv"\n}\n',
    );
    expect(JSON.parse(text(projectorConfigJson(entries)))).toEqual({
      embeddings: [{ tensorName: 'items', tensorShape: [2000, 16], tensorPath: 'items.tensors.tsv', metadataPath: 'items.metadata.tsv' }],
    });
  });
});

describe('JSON lines', () => {
  it('lookup table: one line per query with targets in rank order; feeds: one line per shopper', () => {
    const ds = smallWorld();
    const q = ds.items.ids.slice(0, 20);
    const t: LookupTableExport = { role: 'buy-query', queryIds: q, k: 3, targetIds: q.flatMap((_, i) => [q[(i + 1) % 20], '', q[(i + 2) % 20]]), scores: Float32Array.from({ length: 60 }, (_, x) => 0.9 - (x % 3) * 0.1) };
    const b = lookupJsonl(t);
    expect(text(b).endsWith('\n')).toBe(true);
    const ls = lines(b).map((l) => JSON.parse(l) as { query_id: string; role: string; target_ids: string[]; scores: number[] });
    expect(ls.length).toBe(20);
    expect(ls[0]).toEqual({ query_id: q[0], role: 'buy-query', target_ids: [q[1], q[2]], scores: [Number(f32Text(Math.fround(0.9))), Number(f32Text(Math.fround(0.7)))] });
    const f: FeedsExport = {
      targetSet: 'promo',
      rows: [
        { shopperId: 's1', rank: 2, itemId: 'b', score: 0.5, explanation: ['q'] },
        { shopperId: 's2', rank: 1, itemId: 'c', score: NaN, explanation: [] },
        { shopperId: 's1', rank: 1, itemId: 'a', score: 0.75, explanation: [] },
      ],
    };
    const fl = lines(feedsJsonl(f)).map((l) => JSON.parse(l) as unknown);
    expect(fl).toEqual([
      { shopper_id: 's1', target_set: 'promo', items: [{ rank: 1, item_id: 'a', score: 0.75, explanation: [] }, { rank: 2, item_id: 'b', score: 0.5, explanation: ['q'] }] },
      { shopper_id: 's2', target_set: 'promo', items: [{ rank: 1, item_id: 'c', score: null, explanation: [] }] },
    ]);
  });
});
