/** What each export format writes and what it needs (the Export panel's checklist). */
import type { ExportFormat } from '../../core/export/types';

export interface FormatLabel {
  label: string;
  files: string;
  /** Which input the format needs: 'items' (item embeddings), 'shoppers', 'pfeed', 'snapshot', 'weights', 'metrics'. */
  needs: 'items' | 'embeddings' | 'pfeed' | 'snapshot' | 'weights' | 'metrics';
}

export const FORMAT_LABELS: Record<ExportFormat, FormatLabel> = {
  npy: { label: 'NumPy .npy', files: 'embeddings/*.npy + *.ids.json', needs: 'embeddings' },
  parquet: { label: 'Parquet', files: 'embeddings/*.parquet, pfeed/*.parquet', needs: 'embeddings' },
  jsonl: { label: 'JSON lines', files: 'pfeed/lookup-*.jsonl, feeds.jsonl', needs: 'pfeed' },
  'es-bulk': { label: 'Elasticsearch bulk', files: 'search/items.es-bulk.ndjson + items.es-index.json', needs: 'items' },
  'opensearch-bulk': { label: 'OpenSearch bulk', files: 'search/items.opensearch-bulk.ndjson + items.opensearch-index.json', needs: 'items' },
  projector: { label: 'TensorBoard projector', files: 'projector/*.tsv, projector_config.pbtxt / .json', needs: 'embeddings' },
  'kv-snapshot': { label: 'Shopper KV snapshot', files: 'snapshot/shoppers.kv.jsonl, .npy, snapshot.json', needs: 'snapshot' },
  weights: { label: 'Model weights', files: 'models/MODEL/weights.json + weights.bin', needs: 'weights' },
  metrics: { label: 'metrics.json', files: 'metrics.json (PROTOCOLS.md shape)', needs: 'metrics' },
};

export const NEED_TEXT: Record<FormatLabel['needs'], string> = {
  items: 'needs item embeddings: load a trained run above',
  embeddings: 'needs embeddings: load a trained PinSage or PinnerFormer run above',
  pfeed: 'needs Pfeed lookup tables / feeds: train SIMO and compose feeds in the Feeds panel first',
  snapshot: 'needs shopper embeddings: infer them from a PinnerFormer run above',
  weights: 'needs a trained run loaded above',
  metrics: 'needs a finished Train-panel run',
};
