import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { embeddingsParquet, feedsParquet, lookupParquet } from './parquet';
import { itemSet, smallWorld } from './test-fixture';
import type { FeedsExport, LookupTableExport } from './types';

const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

describe('Parquet exports (read back through hyparquet)', () => {
  it('embeddings: id, vector as list<float> of dim values (exact float32), title, category, kv metadata', async () => {
    const ds = smallWorld();
    const e = itemSet(ds, 12);
    const bytes = embeddingsParquet(e, 'items');
    const meta = parquetMetadata(ab(bytes));
    expect(Number(meta.num_rows)).toBe(ds.items.length);
    expect(parquetSchema(meta).children.map((c) => c.element.name)).toEqual(['id', 'vector', 'title', 'category']);
    const vec = parquetSchema(meta).children[1];
    expect(vec.element.converted_type).toBe('LIST');
    expect(vec.children[0].children[0].element.type).toBe('FLOAT');
    expect(meta.key_value_metadata?.find((k) => k.key === 'kloa.dim')?.value).toBe('12');
    const rows = await parquetReadObjects({ file: ab(bytes) });
    expect(rows.length).toBe(ds.items.length);
    for (const i of [0, 1, 777, ds.items.length - 1]) {
      expect(rows[i].id).toBe(ds.items.ids[i]);
      expect(rows[i].title).toBe(ds.items.title[i]);
      expect(rows[i].category).toBe(e.categories?.[i]);
      expect(Float32Array.from(rows[i].vector as number[])).toEqual(e.vectors.subarray(i * 12, (i + 1) * 12));
    }
  });

  it('lookup table: one row per (query, rank), unused slots left out', async () => {
    const ds = smallWorld();
    const q = ds.items.ids.slice(0, 50);
    const k = 5;
    const targetIds = q.flatMap((_, i) => Array.from({ length: k }, (_, j) => (i === 3 && j >= 2 ? '' : ds.items.ids[(i * 7 + j + 1) % ds.items.length])));
    const scores = Float32Array.from(targetIds, (_, x) => 1 - (x % k) / 10);
    const t: LookupTableExport = { role: 'view-query', queryIds: q, k, targetIds, scores };
    const rows = await parquetReadObjects({ file: ab(lookupParquet(t)) });
    expect(rows.length).toBe(50 * k - 3);
    expect(rows[0]).toEqual({ query_id: q[0], role: 'view-query', rank: 1, target_id: targetIds[0], score: scores[0] });
    const q3 = rows.filter((r) => r.query_id === q[3]);
    expect(q3.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('feeds: shopper_id, rank, item_id, score, explanation list<string>, target_set', async () => {
    const ds = smallWorld();
    const f: FeedsExport = {
      targetSet: 'all',
      rows: ds.shoppers.slice(0, 30).flatMap((s, i) =>
        [1, 2, 3].map((rank) => ({ shopperId: s, rank, itemId: ds.items.ids[i + rank], score: 1 / rank, explanation: rank === 2 ? [] : [ds.items.ids[i], ds.items.ids[i + 9]] })),
      ),
    };
    const rows = await parquetReadObjects({ file: ab(feedsParquet(f)) });
    expect(rows.length).toBe(90);
    expect(rows[0]).toEqual({ shopper_id: ds.shoppers[0], rank: 1, item_id: ds.items.ids[1], score: 1, explanation: [ds.items.ids[0], ds.items.ids[9]], target_set: 'all' });
    expect(rows[1].explanation).toEqual([]);
  });

  it('rejects vectors whose length does not match ids × dim', () => {
    expect(() => embeddingsParquet({ ids: ['a', 'b'], vectors: new Float32Array(5), dim: 3 }, 'items')).toThrow(/needs 6 values, got 5/);
  });
});
