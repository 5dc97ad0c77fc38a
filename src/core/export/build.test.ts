import { parquetReadObjects } from 'hyparquet';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { datasetHash } from '../data/content-hash';
import { metricsJson } from '../eval/metrics-json';
import { buildArtifacts } from './build';
import type { RunManifest } from './manifest';
import { parseNpyHeader, readNpyFloat32 } from './npy';
import { itemSet, shopperSet, smallWorld } from './test-fixture';
import type { ArtifactFile, ArtifactInput } from './types';
import { readWeights } from './weights';

async function input(): Promise<ArtifactInput> {
  const ds = smallWorld();
  const hash = await datasetHash(ds);
  const info = { name: ds.name, hash, events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length, meta: { ...ds.meta } };
  const items = itemSet(ds, 16);
  const shoppers = shopperSet(ds, 16);
  const q = ds.items.ids.slice(0, 100);
  const k = 4;
  const lookup = (role: string) => ({ role, queryIds: q, k, targetIds: q.flatMap((_, i) => [1, 2, 3, 4].map((j) => ds.items.ids[(i + j * 13) % ds.items.length])), scores: new Float32Array(q.length * k).fill(0.5) });
  return {
    dataset: info,
    items,
    shoppers,
    lookupTables: [lookup('view-query'), lookup('buy-query')],
    feeds: { targetSet: 'all', rows: ds.shoppers.slice(0, 40).map((s, i) => ({ shopperId: s, rank: 1, itemId: ds.items.ids[i], score: 0.25, explanation: [ds.items.ids[i + 1]] })) },
    snapshot: { ...shoppers, asOf: '2026-01-01T00:00:00.000Z' },
    weights: [{ model: 'pinsage', config: { hidden: 2 }, tensors: [{ name: 'G2', shape: [2, 2], values: Float32Array.of(1, 2, 3, 4) }] }],
    metrics: metricsJson(info, 42, 'cpu', [{ protocol: 'P1', model: 'popularity', metrics: { 'recall@10': 0.1 }, counts: { test_pairs: 5 }, seconds: { eval: 0.1 } }]),
    manifest: { runName: '../evil run', createdAt: '2026-12-01T00:00:00.000Z', config: { stages: ['export'] }, seed: 42, backend: 'cpu', adapter: null, libraries: { 'hyparquet-writer': '0.17.0' }, stages: [{ stage: 'export', seconds: 1.5 }] },
  };
}

const get = (files: ArtifactFile[], path: string): ArtifactFile => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`missing ${path}; have ${files.map((x) => x.path).join(', ')}`);
  return f;
};
const text = (f: ArtifactFile): string => new TextDecoder().decode(f.bytes);

describe('buildArtifacts', () => {
  it('writes every format; the manifest lists each file with its size and sha256 and the dataset content hash', async () => {
    const ds = smallWorld();
    const inp = await input();
    const progress: string[] = [];
    const files = await buildArtifacts(inp, { onProgress: (_d, _t, p) => progress.push(p) });
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'embeddings/items.npy', 'embeddings/items.ids.json', 'embeddings/items.parquet', 'embeddings/shoppers.npy', 'embeddings/shoppers.parquet',
        'pfeed/lookup-view-query.parquet', 'pfeed/lookup-buy-query.jsonl', 'pfeed/feeds.parquet', 'pfeed/feeds.jsonl',
        'search/items.es-bulk.ndjson', 'search/items.es-index.json', 'search/items.opensearch-bulk.ndjson', 'search/items.opensearch-index.json',
        'projector/items.tensors.tsv', 'projector/items.metadata.tsv', 'projector/shoppers.tensors.tsv', 'projector/projector_config.pbtxt', 'projector/projector_config.json',
        'snapshot/shoppers.kv.jsonl', 'snapshot/shoppers.npy', 'snapshot/snapshot.json', 'models/pinsage/weights.json', 'models/pinsage/weights.bin', 'metrics.json',
      ]),
    );
    expect(paths[paths.length - 1]).toBe('manifest.json');
    expect(paths.every((p) => !p.split('/').includes('..') && !p.startsWith('/'))).toBe(true);
    expect(progress[progress.length - 1]).toBe('manifest.json');

    const m = JSON.parse(text(get(files, 'manifest.json'))) as RunManifest;
    expect(m.dataset.hash).toBe(await datasetHash(ds));
    expect(m.dataset.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m).toMatchObject({ format: 'kloa-run-manifest', run: '../evil run', seed: 42, backend: 'cpu', totalSeconds: 1.5, libraries: { 'hyparquet-writer': '0.17.0' } });
    expect(m.artifacts.length).toBe(files.length - 1);
    for (const a of m.artifacts) {
      const f = get(files, a.path);
      expect(a.bytes).toBe(f.bytes.length);
      expect(a.sha256).toBe(`sha256:${createHash('sha256').update(f.bytes).digest('hex')}`);
    }

    // spot checks through the readers
    const npy = get(files, 'embeddings/items.npy').bytes;
    expect(parseNpyHeader(npy).shape).toEqual([ds.items.length, 16]);
    expect(readNpyFloat32(npy).values).toEqual(inp.items?.vectors);
    expect(JSON.parse(text(get(files, 'embeddings/items.ids.json')))).toEqual(ds.items.ids);
    const rows = await parquetReadObjects({ file: get(files, 'embeddings/shoppers.parquet').bytes.slice().buffer });
    expect(rows.length).toBe(ds.shoppers.length);
    for (const p of ['search/items.es-bulk.ndjson', 'search/items.opensearch-bulk.ndjson', 'snapshot/shoppers.kv.jsonl', 'pfeed/feeds.jsonl', 'pfeed/lookup-view-query.jsonl']) {
      const t = text(get(files, p));
      expect(t.endsWith('\n')).toBe(true);
      for (const l of t.slice(0, -1).split('\n')) expect(() => JSON.parse(l) as unknown).not.toThrow();
    }
    expect(JSON.parse(text(get(files, 'search/items.es-bulk.ndjson')).split('\n')[0])).toEqual({ index: { _index: 'synthetic-small-items', _id: ds.items.ids[0] } });
    expect(text(get(files, 'projector/items.tensors.tsv')).split('\n').length - 1).toBe(ds.items.length);
    expect(text(get(files, 'projector/items.metadata.tsv')).split('\n').length - 1).toBe(ds.items.length + 1);
    expect(text(get(files, 'snapshot/shoppers.kv.jsonl')).split('\n').length - 1).toBe(ds.shoppers.length);
    const w = readWeights(get(files, 'models/pinsage/weights.json').bytes, get(files, 'models/pinsage/weights.bin').bytes);
    expect(Array.from(w.tensors[0].values)).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(text(get(files, 'metrics.json')))).toEqual(inp.metrics);
  });

  it('writes only the chosen formats (plus the manifest); a run without embeddings still gets metrics and a manifest', async () => {
    const inp = await input();
    const only = await buildArtifacts(inp, { formats: ['npy'] });
    expect(only.map((f) => f.path)).toEqual(['embeddings/items.npy', 'embeddings/items.ids.json', 'embeddings/shoppers.npy', 'embeddings/shoppers.ids.json', 'manifest.json']);
    const bare = await buildArtifacts({ dataset: inp.dataset, metrics: inp.metrics, manifest: inp.manifest });
    expect(bare.map((f) => f.path)).toEqual(['metrics.json', 'manifest.json']);
    await expect(buildArtifacts(inp, { formats: ['zip' as 'npy'] })).rejects.toThrow(/unknown format "zip"/);
  });

  it('stops on abort and rejects duplicate paths', async () => {
    const inp = await input();
    const ac = new AbortController();
    ac.abort();
    await expect(buildArtifacts(inp, { signal: ac.signal })).rejects.toThrow();
    const lt = inp.lookupTables?.[0];
    if (!lt) throw new Error('fixture');
    await expect(buildArtifacts({ ...inp, lookupTables: [lt, { ...lt }] }, { formats: ['jsonl'] })).rejects.toThrow(/two artifacts at pfeed\/lookup-view-query.jsonl/);
  });
});
