/**
 * Interop check, env-gated (KLOA_EXPORT_INTEROP=DIR): writes a full artifact set for the synthetic
 * small world into DIR, then reads it with the tools other teams use, where installed:
 * NumPy (`python3 -c 'import numpy'`) for the .npy files and the weights pair, and DuckDB
 * (`@duckdb/node-api`, resolved from KLOA_DUCKDB_MODULE or the project) for the Parquet files.
 * Neither is a project dependency; a missing tool is reported and its part skipped.
 *   KLOA_EXPORT_INTEROP=/tmp/kloa-export KLOA_DUCKDB_MODULE=/tmp/duck/node_modules/@duckdb/node-api/lib/index.js npx vitest run src/core/export/interop.run.test.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetHash } from '../data/content-hash';
import { buildArtifacts } from './build';
import { itemSet, shopperSet, smallWorld } from './test-fixture';

const DIR = process.env.KLOA_EXPORT_INTEROP;

/** The few parts of @duckdb/node-api used here (not a project dependency). */
interface DuckModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRowObjectsJson(): unknown[] }> }> }> };
}

describe.skipIf(!DIR)('export interop (NumPy, DuckDB)', () => {
  it('writes the artifacts and reads them back with NumPy and DuckDB', async () => {
    const dir = DIR as string;
    const ds = smallWorld();
    const items = itemSet(ds, 16);
    const shoppers = shopperSet(ds, 16);
    const info = { name: ds.name, hash: await datasetHash(ds), events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length };
    const q = ds.items.ids.slice(0, 50);
    const files = await buildArtifacts({
      dataset: info,
      items,
      shoppers,
      lookupTables: [{ role: 'view-query', queryIds: q, k: 3, targetIds: q.flatMap((_, i) => [q[(i + 1) % 50], q[(i + 2) % 50], q[(i + 3) % 50]]), scores: new Float32Array(150).fill(0.5) }],
      feeds: { targetSet: 'all', rows: ds.shoppers.slice(0, 10).map((s, i) => ({ shopperId: s, rank: 1, itemId: q[i], score: 1, explanation: [q[i + 1]] })) },
      snapshot: { ...shoppers, asOf: '2026-01-01T00:00:00Z' },
      weights: [{ model: 'pinsage', config: {}, tensors: [{ name: 'G2', shape: [3, 2], values: Float32Array.of(1, 2, 3, 4, 5, 6) }] }],
      manifest: { runName: 'interop', createdAt: new Date().toISOString(), config: {}, seed: 42, backend: 'cpu', libraries: {}, stages: [] },
    });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.bytes);
    }
    let numpy = true;
    try {
      execFileSync('python3', ['-c', 'import numpy']);
    } catch {
      numpy = false;
      console.warn('interop: python3 with numpy not found; .npy check skipped');
    }
    if (numpy) {
      const py = `
import json, numpy as np, sys
d = sys.argv[1]
a = np.load(d + '/embeddings/items.npy')
ids = json.load(open(d + '/embeddings/items.ids.json'))
m = json.load(open(d + '/models/pinsage/weights.json'))
b = open(d + '/models/pinsage/weights.bin', 'rb').read()
t = m['tensors'][0]
w = np.frombuffer(b, '<f4', count=int(np.prod(t['shape'])), offset=t['offset']).reshape(t['shape'])
print(json.dumps({'shape': list(a.shape), 'dtype': str(a.dtype), 'ids': len(ids), 'row0': a[0].tolist(), 'w': w.tolist()}))
`;
      const out = JSON.parse(execFileSync('python3', ['-c', py, dir]).toString()) as { shape: number[]; dtype: string; ids: number; row0: number[]; w: number[][] };
      expect(out).toMatchObject({ shape: [ds.items.length, 16], dtype: 'float32', ids: ds.items.length, w: [[1, 2], [3, 4], [5, 6]] });
      expect(Float32Array.from(out.row0)).toEqual(items.vectors.subarray(0, 16));
    }
    const duckPath = process.env.KLOA_DUCKDB_MODULE ?? '@duckdb/node-api';
    let duck: DuckModule | null = null;
    try {
      duck = (await import(/* @vite-ignore */ duckPath)) as DuckModule;
    } catch {
      console.warn('interop: @duckdb/node-api not found; Parquet check in DuckDB skipped');
    }
    if (duck) {
      const conn = await (await duck.DuckDBInstance.create(':memory:')).connect();
      const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
      const emb = await rows(`SELECT count(*) AS n, min(len(vector)) AS lo, max(len(vector)) AS hi, typeof(any_value(vector)) AS t FROM '${dir}/embeddings/items.parquet'`);
      expect(emb[0]).toMatchObject({ n: String(ds.items.length), lo: '16', hi: '16', t: 'FLOAT[]' });
      const fixed = await rows(`SELECT id, vector::FLOAT[16] AS v FROM '${dir}/embeddings/items.parquet' LIMIT 1`);
      expect(fixed[0].id).toBe(ds.items.ids[0]);
      expect(Float32Array.from(fixed[0].v as number[])).toEqual(items.vectors.subarray(0, 16));
      const lk = await rows(`SELECT count(*) AS n, max(rank) AS k FROM '${dir}/pfeed/lookup-view-query.parquet'`);
      expect(lk[0]).toMatchObject({ n: '150', k: 3 });
      const fd = await rows(`SELECT shopper_id, explanation FROM '${dir}/pfeed/feeds.parquet' LIMIT 1`);
      expect(fd[0]).toEqual({ shopper_id: ds.shoppers[0], explanation: [q[1]] });
      const js = await rows(`SELECT count(*) AS n FROM read_json('${dir}/snapshot/shoppers.kv.jsonl', format='newline_delimited')`);
      expect(js[0].n).toBe(String(ds.shoppers.length));
    }
    writeFileSync(join(dir, 'interop-ok.txt'), `numpy ${numpy}, duckdb ${duck !== null}\n`);
  }, 120_000);
});
