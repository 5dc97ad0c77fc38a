/**
 * TensorBoard Embedding Projector files for one or more embedding sets NAME:
 * - `NAME.tensors.tsv`: N lines of `dim` tab-separated numbers, no header;
 * - `NAME.metadata.tsv`: one line per row; with a single column (id) no header, with more
 *   columns (id, title, category) a header row first (the projector's rule), so N + 1 lines;
 * - `projector_config.pbtxt` (TensorBoard's ProjectorConfig, paths relative to the folder) and
 *   `projector_config.json` (the standalone projector, projector.tensorflow.org "Load").
 * Text cells go through csv-safe.ts (formula neutralising, no tabs or newlines inside a cell).
 */
import { toTsv, type Cell } from './csv-safe';
import { f32Text } from './float-text';
import type { ItemEmbeddingSet } from './types';
import { checkEmbeddingSet } from './validate';

const enc = new TextEncoder();

export function tensorsTsv(e: ItemEmbeddingSet): Uint8Array {
  checkEmbeddingSet(e, 'projector');
  const lines = new Array<string>(e.ids.length);
  const parts = new Array<string>(e.dim);
  for (let i = 0; i < e.ids.length; i++) {
    for (let j = 0; j < e.dim; j++) parts[j] = f32Text(e.vectors[i * e.dim + j]);
    lines[i] = parts.join('\t');
  }
  return enc.encode(lines.length ? `${lines.join('\n')}\n` : '');
}

export function metadataTsv(e: ItemEmbeddingSet): Uint8Array {
  checkEmbeddingSet(e, 'projector');
  const header: string[] = ['id'];
  if (e.titles) header.push('title');
  if (e.categories) header.push('category');
  const rows: Cell[][] = [];
  if (header.length > 1) rows.push(header);
  for (let i = 0; i < e.ids.length; i++) {
    const r: Cell[] = [e.ids[i]];
    if (e.titles) r.push(e.titles[i]);
    if (e.categories) r.push(e.categories[i]);
    rows.push(r);
  }
  return enc.encode(toTsv(rows));
}

export interface ProjectorEntry {
  name: string;
  rows: number;
  dim: number;
  tensorPath: string;
  metadataPath: string;
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function projectorConfigPbtxt(entries: readonly ProjectorEntry[]): Uint8Array {
  const blocks = entries.map(
    (e) =>
      `embeddings {\n  tensor_name: ${quote(e.name)}\n  tensor_shape: ${e.rows}\n  tensor_shape: ${e.dim}\n  tensor_path: ${quote(e.tensorPath)}\n  metadata_path: ${quote(e.metadataPath)}\n}\n`,
  );
  return enc.encode(blocks.join(''));
}

export function projectorConfigJson(entries: readonly ProjectorEntry[]): Uint8Array {
  const json = {
    embeddings: entries.map((e) => ({ tensorName: e.name, tensorShape: [e.rows, e.dim], tensorPath: e.tensorPath, metadataPath: e.metadataPath })),
  };
  return enc.encode(`${JSON.stringify(json, null, 2)}\n`);
}
