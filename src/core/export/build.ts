/**
 * buildArtifacts: every file of a run, from what the run produced (types.ts ArtifactInput).
 * Layout (docs/export.md):
 *   embeddings/items.npy, items.ids.json, items.parquet; embeddings/shoppers.* likewise
 *   pfeed/lookup-ROLE.parquet, lookup-ROLE.jsonl; pfeed/feeds.parquet, feeds.jsonl
 *   search/items.es-bulk.ndjson, items.es-index.json, items.opensearch-bulk.ndjson, items.opensearch-index.json
 *   projector/items.tensors.tsv, items.metadata.tsv (shoppers.* likewise), projector_config.pbtxt, projector_config.json
 *   snapshot/shoppers.kv.jsonl, shoppers.npy, shoppers.ids.json, snapshot.json
 *   models/MODEL/weights.json, weights.bin
 *   metrics.json, manifest.json (last; lists every other file with its size and sha256)
 */
import { embeddingsParquet, feedsParquet, lookupParquet } from './parquet';
import { feedsJsonl, linesToBytes, lookupJsonl } from './jsonl';
import { writeNpyFloat32 } from './npy';
import { bulkNdjson, esMapping, openSearchMapping } from './search-bulk';
import { metadataTsv, projectorConfigJson, projectorConfigPbtxt, tensorsTsv, type ProjectorEntry } from './projector';
import { writeWeights } from './weights';
import { buildManifest, manifestFile } from './manifest';
import { safeFileName, safeIndexName } from './safe-names';
import { f32RowJson } from './float-text';
import { checkEmbeddingSet } from './validate';
import { EXPORT_FORMATS, type ArtifactFile, type ArtifactInput, type BuildOptions, type EmbeddingSet, type ExportFormat } from './types';

const enc = new TextEncoder();
const jsonBytes = (x: unknown): Uint8Array => enc.encode(`${JSON.stringify(x, null, 2)}\n`);

export const MEDIA = {
  npy: 'application/x-npy',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json',
  jsonl: 'application/jsonl',
  ndjson: 'application/x-ndjson',
  tsv: 'text/tab-separated-values',
  pbtxt: 'text/plain',
  bin: 'application/octet-stream',
} as const;

function npyFiles(dir: string, name: string, e: EmbeddingSet): ArtifactFile[] {
  checkEmbeddingSet(e, name);
  return [
    { path: `${dir}/${name}.npy`, bytes: writeNpyFloat32(e.vectors, [e.ids.length, e.dim]), mediaType: MEDIA.npy },
    { path: `${dir}/${name}.ids.json`, bytes: enc.encode(`${JSON.stringify(e.ids)}\n`), mediaType: MEDIA.json },
  ];
}

/** The list of files (metrics.json included, manifest.json last). Async: the manifest holds sha256 digests. */
export async function buildArtifacts(input: ArtifactInput, options: BuildOptions = {}): Promise<ArtifactFile[]> {
  const formats = new Set<ExportFormat>(options.formats ?? EXPORT_FORMATS);
  for (const f of formats) if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new Error(`export: unknown format ${JSON.stringify(f)}; allowed: ${EXPORT_FORMATS.join(', ')}`);
  const { items, shoppers } = input;
  const jobs: { path: string; make: () => ArtifactFile[] }[] = [];
  const add = (path: string, make: () => ArtifactFile[]): void => void jobs.push({ path, make });

  if (formats.has('npy')) {
    if (items) add('embeddings/items.npy', () => npyFiles('embeddings', 'items', items));
    if (shoppers) add('embeddings/shoppers.npy', () => npyFiles('embeddings', 'shoppers', shoppers));
  }
  if (formats.has('parquet')) {
    if (items) add('embeddings/items.parquet', () => [{ path: 'embeddings/items.parquet', bytes: embeddingsParquet(items, 'items'), mediaType: MEDIA.parquet }]);
    if (shoppers) add('embeddings/shoppers.parquet', () => [{ path: 'embeddings/shoppers.parquet', bytes: embeddingsParquet(shoppers, 'shoppers'), mediaType: MEDIA.parquet }]);
    for (const t of input.lookupTables ?? []) {
      const p = `pfeed/lookup-${safeFileName(t.role)}.parquet`;
      add(p, () => [{ path: p, bytes: lookupParquet(t), mediaType: MEDIA.parquet }]);
    }
    const feeds = input.feeds;
    if (feeds) add('pfeed/feeds.parquet', () => [{ path: 'pfeed/feeds.parquet', bytes: feedsParquet(feeds), mediaType: MEDIA.parquet }]);
  }
  if (formats.has('jsonl')) {
    for (const t of input.lookupTables ?? []) {
      const p = `pfeed/lookup-${safeFileName(t.role)}.jsonl`;
      add(p, () => [{ path: p, bytes: lookupJsonl(t), mediaType: MEDIA.jsonl }]);
    }
    const feeds = input.feeds;
    if (feeds) add('pfeed/feeds.jsonl', () => [{ path: 'pfeed/feeds.jsonl', bytes: feedsJsonl(feeds), mediaType: MEDIA.jsonl }]);
  }
  const indexName = safeIndexName(options.indexName ?? `${input.dataset.name}-items`);
  const similarity = options.similarity ?? 'cosine';
  if (items && formats.has('es-bulk'))
    add('search/items.es-bulk.ndjson', () => [
      { path: 'search/items.es-bulk.ndjson', bytes: bulkNdjson(items, indexName), mediaType: MEDIA.ndjson },
      { path: 'search/items.es-index.json', bytes: jsonBytes(esMapping(items, similarity)), mediaType: MEDIA.json },
    ]);
  if (items && formats.has('opensearch-bulk'))
    add('search/items.opensearch-bulk.ndjson', () => [
      { path: 'search/items.opensearch-bulk.ndjson', bytes: bulkNdjson(items, indexName), mediaType: MEDIA.ndjson },
      { path: 'search/items.opensearch-index.json', bytes: jsonBytes(openSearchMapping(items, similarity)), mediaType: MEDIA.json },
    ]);
  if (formats.has('projector') && (items || shoppers)) {
    add('projector/', () => {
      const out: ArtifactFile[] = [];
      const entries: ProjectorEntry[] = [];
      for (const [name, e] of [['items', items], ['shoppers', shoppers]] as const) {
        if (!e) continue;
        const tensorPath = `${name}.tensors.tsv`;
        const metadataPath = `${name}.metadata.tsv`;
        out.push({ path: `projector/${tensorPath}`, bytes: tensorsTsv(e), mediaType: MEDIA.tsv });
        out.push({ path: `projector/${metadataPath}`, bytes: metadataTsv(e), mediaType: MEDIA.tsv });
        entries.push({ name, rows: e.ids.length, dim: e.dim, tensorPath, metadataPath });
      }
      out.push({ path: 'projector/projector_config.pbtxt', bytes: projectorConfigPbtxt(entries), mediaType: MEDIA.pbtxt });
      out.push({ path: 'projector/projector_config.json', bytes: projectorConfigJson(entries), mediaType: MEDIA.json });
      return out;
    });
  }
  const snap = input.snapshot;
  if (snap && formats.has('kv-snapshot'))
    add('snapshot/', () => {
      checkEmbeddingSet(snap, 'snapshot');
      const lines = snap.ids.map((id, i) => `${JSON.stringify({ id }).slice(0, -1)},"vector":${f32RowJson(snap.vectors, i, snap.dim)}}`);
      return [
        { path: 'snapshot/shoppers.kv.jsonl', bytes: linesToBytes(lines), mediaType: MEDIA.jsonl },
        ...npyFiles('snapshot', 'shoppers', snap),
        { path: 'snapshot/snapshot.json', bytes: jsonBytes({ asOf: snap.asOf, shoppers: snap.ids.length, dim: snap.dim, source: snap.source ?? null }), mediaType: MEDIA.json },
      ];
    });
  if (formats.has('weights'))
    for (const w of input.weights ?? []) {
      const dir = `models/${safeFileName(w.model, { fallback: 'model' })}`;
      add(dir, () => {
        const { json, bin } = writeWeights(w);
        return [
          { path: `${dir}/weights.json`, bytes: json, mediaType: MEDIA.json },
          { path: `${dir}/weights.bin`, bytes: bin, mediaType: MEDIA.bin },
        ];
      });
    }
  const metrics = input.metrics;
  if (metrics && formats.has('metrics')) add('metrics.json', () => [{ path: 'metrics.json', bytes: jsonBytes(metrics), mediaType: MEDIA.json }]);

  const files: ArtifactFile[] = [];
  const total = jobs.length + 1;
  for (let i = 0; i < jobs.length; i++) {
    options.signal?.throwIfAborted();
    files.push(...jobs[i].make());
    options.onProgress?.(i + 1, total, jobs[i].path);
    // let the event loop breathe between files (progress, cancel)
    await new Promise<void>((r) => setTimeout(r, 0));
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`export: two artifacts at ${f.path} (two lookup tables with the same role?)`);
    seen.add(f.path);
  }
  options.signal?.throwIfAborted();
  const manifest = manifestFile(await buildManifest(input.manifest, input.dataset, files));
  files.push(manifest);
  options.onProgress?.(total, total, manifest.path);
  return files;
}
