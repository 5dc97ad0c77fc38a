// External vectors from Parquet (written here with hyparquet-writer): a list column and numeric
// columns, joined onto the catalogue by item id; bad rows give clear errors.
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { joinVectors, parseVectorParquet } from './external-vectors';

describe('parseVectorParquet', () => {
  it('reads an id column and a list<float> column, then joins by item id', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'sku', data: ['b', 'a', 'zz'] },
          { name: 'embedding', data: [[0.5, 1.5, -2], [1, 2, 3], [9, 9, 9]] },
        ],
        schema: [
          { name: 'root', num_children: 2 },
          { name: 'sku', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
          { name: 'embedding', repetition_type: 'REQUIRED', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
        ],
      }),
    );
    const v = await parseVectorParquet(bytes, 'sku');
    expect(v.ids).toEqual(['b', 'a', 'zz']);
    expect(v.dim).toBe(3);
    expect(Array.from(v.rows)).toEqual([0.5, 1.5, -2, 1, 2, 3, 9, 9, 9]);
    const joined = joinVectors(['a', 'cold', 'b'], v.ids, v.rows, v.dim);
    expect(joined.matched).toBe(2);
    expect(Array.from(joined.values)).toEqual([1, 2, 3, 0, 0, 0, 0.5, 1.5, -2]);
  });

  it('reads numeric columns in schema order with the first column as id, and rejects non-finite values', async () => {
    const write = (v2: number[]): Uint8Array =>
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'id', data: ['x', 'y'], type: 'STRING' },
            { name: 'v1', data: [1, 2], type: 'DOUBLE' },
            { name: 'v2', data: v2, type: 'DOUBLE' },
          ],
        }),
      );
    const v = await parseVectorParquet(write([10, 20]));
    expect(v.ids).toEqual(['x', 'y']);
    expect(v.dim).toBe(2);
    expect(Array.from(v.rows)).toEqual([1, 10, 2, 20]);
    await expect(parseVectorParquet(write([10, NaN]))).rejects.toThrow(/row 2/);
    await expect(parseVectorParquet(write([10, 20]), 'item_id')).rejects.toThrow(/no column "item_id"/);
  });
});
