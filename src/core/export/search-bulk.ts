/**
 * Elasticsearch / OpenSearch bulk files: NDJSON with an action line
 * `{"index":{"_index":NAME,"_id":ID}}` and a document line
 * `{"id", "title"?, "category"?, "source"?, "embedding": [...]}` per item, the file ending in '\n'
 * (the _bulk API requires it). The matching index bodies (PUT /NAME) map `embedding` to
 * Elasticsearch `dense_vector` (dims, index: true, similarity) or OpenSearch `knn_vector`
 * (dimension, HNSW method on the lucene engine, space type from the similarity).
 */
import { f32Text } from './float-text';
import { linesToBytes } from './jsonl';
import type { ItemEmbeddingSet } from './types';
import { checkEmbeddingSet } from './validate';

export type Similarity = 'cosine' | 'dot_product' | 'l2_norm';

const OPENSEARCH_SPACE: Record<Similarity, string> = { cosine: 'cosinesimil', dot_product: 'innerproduct', l2_norm: 'l2' };
/** Elasticsearch's dense_vector limit (8.11+). */
export const ES_MAX_DIMS = 4096;
/** OpenSearch's knn_vector limit (lucene engine 16,000; 1,024 in older releases). */
export const OPENSEARCH_MAX_DIMS = 16000;

function vectorJson(e: ItemEmbeddingSet, i: number): string {
  const parts = new Array<string>(e.dim);
  for (let j = 0; j < e.dim; j++) {
    const x = e.vectors[i * e.dim + j];
    if (!Number.isFinite(x)) throw new Error(`search bulk: vector of ${JSON.stringify(e.ids[i])} has a non-finite value at ${j}; search engines reject it`);
    parts[j] = f32Text(x);
  }
  return `[${parts.join(',')}]`;
}

/** The bulk NDJSON body (the same for Elasticsearch and OpenSearch). */
export function bulkNdjson(e: ItemEmbeddingSet, indexName: string): Uint8Array {
  checkEmbeddingSet(e, 'search bulk');
  const lines: string[] = [];
  for (let i = 0; i < e.ids.length; i++) {
    lines.push(JSON.stringify({ index: { _index: indexName, _id: e.ids[i] } }));
    const doc: Record<string, string> = { id: e.ids[i] };
    if (e.titles) doc.title = e.titles[i];
    if (e.categories) doc.category = e.categories[i];
    if (e.source) doc.source = e.source;
    const json = JSON.stringify(doc);
    lines.push(`${json.slice(0, -1)},"embedding":${vectorJson(e, i)}}`);
  }
  return linesToBytes(lines);
}

function textProperties(e: ItemEmbeddingSet): Record<string, unknown> {
  const p: Record<string, unknown> = { id: { type: 'keyword' } };
  if (e.titles) p.title = { type: 'text' };
  if (e.categories) p.category = { type: 'keyword' };
  if (e.source) p.source = { type: 'keyword' };
  return p;
}

/** Elasticsearch index body: `dense_vector` with dims, index: true and the similarity. */
export function esMapping(e: ItemEmbeddingSet, similarity: Similarity = 'cosine'): Record<string, unknown> {
  if (e.dim > ES_MAX_DIMS) throw new Error(`Elasticsearch dense_vector holds at most ${ES_MAX_DIMS} dims, the embeddings have ${e.dim}`);
  return {
    mappings: {
      properties: { ...textProperties(e), embedding: { type: 'dense_vector', dims: e.dim, index: true, similarity } },
    },
  };
}

/** OpenSearch index body: k-NN enabled, `knn_vector` with dimension and an HNSW method (lucene engine). */
export function openSearchMapping(e: ItemEmbeddingSet, similarity: Similarity = 'cosine'): Record<string, unknown> {
  if (e.dim > OPENSEARCH_MAX_DIMS) throw new Error(`OpenSearch knn_vector holds at most ${OPENSEARCH_MAX_DIMS} dimensions, the embeddings have ${e.dim}`);
  return {
    settings: { index: { knn: true } },
    mappings: {
      properties: {
        ...textProperties(e),
        embedding: {
          type: 'knn_vector',
          dimension: e.dim,
          method: { name: 'hnsw', space_type: OPENSEARCH_SPACE[similarity], engine: 'lucene', parameters: { m: 16, ef_construction: 100 } },
        },
      },
    },
  };
}
