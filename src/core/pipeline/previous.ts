/**
 * A previous run's output folder, read back for the daily incremental run (`--previous DIR`):
 * manifest.json (config, dataset hash), the PinnerFormer weights and shopper snapshot, the Pfeed
 * lookup tables and feeds, the SIMO weights. Every problem is a PipelineError('config') naming
 * the file, so the CLI can say which part of the folder is missing or broken.
 */
import type { FeedRow, ModelWeights } from '../export/types';
import { readNpyFloat32 } from '../export/npy';
import { readWeights } from '../export/weights';
import type { ShopperSnapshot } from '../models/pinnerformer/incremental';
import type { QueryRole } from '../models/simo/roles';
import { PipelineError } from './errors';

/** Files of a previous run the incremental run reads (paths relative to its folder). */
export const PREVIOUS_RUN_FILES = [
  'manifest.json',
  'models/pinnerformer/weights.json',
  'models/pinnerformer/weights.bin',
  'snapshot/shoppers.npy',
  'snapshot/shoppers.ids.json',
  'snapshot/snapshot.json',
  'pfeed/lookup-view-query.jsonl',
  'pfeed/lookup-buy-query.jsonl',
  'pfeed/feeds.jsonl',
  'models/simo/weights.json',
  'models/simo/weights.bin',
] as const;

export interface PreviousLookupRow {
  queryId: string;
  targetIds: string[];
  scores: number[];
}

export interface PreviousFeeds {
  targetSet: string;
  /** Shopper id → its feed rows, in the file's order. */
  byShopper: Map<string, FeedRow[]>;
}

export interface PreviousRun {
  run: string;
  createdAt: string;
  datasetHash: string;
  /** The previous run's pipeline config (its models' settings). */
  config: unknown;
  extra: Record<string, unknown>;
  pinnerformer?: { weights: ModelWeights; snapshot: ShopperSnapshot };
  pfeed?: { lookup: Record<QueryRole, PreviousLookupRow[]>; feeds: PreviousFeeds; composedAt: number; simo?: ModelWeights };
}

const dec = new TextDecoder();

function bad(path: string, why: string): PipelineError {
  return new PipelineError('config', `--previous: ${path} ${why}. Point --previous at the output folder of a complete batch run (one with manifest.json).`);
}

function json<T>(files: ReadonlyMap<string, Uint8Array>, path: string): T {
  const b = files.get(path);
  if (!b) throw bad(path, 'is missing');
  try {
    return JSON.parse(dec.decode(b)) as T;
  } catch (e) {
    throw bad(path, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function jsonLines<T>(files: ReadonlyMap<string, Uint8Array>, path: string): T[] {
  const b = files.get(path);
  if (!b) throw bad(path, 'is missing');
  const text = dec.decode(b);
  if (text.length && !text.endsWith('\n')) throw bad(path, 'does not end with a newline (truncated?)');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l, k) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw bad(path, `line ${k + 1} is not valid JSON`);
      }
    });
}

function weights(files: ReadonlyMap<string, Uint8Array>, dir: string): ModelWeights {
  const j = files.get(`${dir}/weights.json`);
  const b = files.get(`${dir}/weights.bin`);
  if (!j || !b) throw bad(`${dir}/weights.json / weights.bin`, 'are missing');
  try {
    return readWeights(j, b);
  } catch (e) {
    throw bad(`${dir}/weights.json`, `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

interface ManifestShape {
  format?: string;
  run?: string;
  createdAt?: string;
  dataset?: { hash?: string };
  config?: unknown;
  extra?: Record<string, unknown>;
}

/** Reads what the incremental run needs; a model whose files are all absent is simply not there. */
export function readPreviousRun(files: ReadonlyMap<string, Uint8Array>): PreviousRun {
  const m = json<ManifestShape>(files, 'manifest.json');
  if (m.format !== 'kloa-run-manifest' || typeof m.dataset?.hash !== 'string') throw bad('manifest.json', 'is not a kloa run manifest');
  const out: PreviousRun = { run: m.run ?? '', createdAt: m.createdAt ?? '', datasetHash: m.dataset.hash, config: m.config, extra: m.extra ?? {} };
  if (files.has('models/pinnerformer/weights.json') || files.has('snapshot/shoppers.npy')) {
    const w = weights(files, 'models/pinnerformer');
    const ids = json<string[]>(files, 'snapshot/shoppers.ids.json');
    const meta = json<{ asOf?: string; dim?: number }>(files, 'snapshot/snapshot.json');
    const npyBytes = files.get('snapshot/shoppers.npy');
    if (!npyBytes) throw bad('snapshot/shoppers.npy', 'is missing');
    let npy: { shape: number[]; values: Float32Array };
    try {
      npy = readNpyFloat32(npyBytes);
    } catch (e) {
      throw bad('snapshot/shoppers.npy', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (npy.shape.length !== 2 || npy.shape[0] !== ids.length) throw bad('snapshot/shoppers.npy', `has shape (${npy.shape.join(', ')}) but shoppers.ids.json lists ${ids.length} shoppers`);
    const asOf = Date.parse(meta.asOf ?? '');
    if (!Number.isFinite(asOf)) throw bad('snapshot/snapshot.json', 'has no valid "asOf" time');
    out.pinnerformer = { weights: w, snapshot: { ids, vectors: npy.values, dim: npy.shape[1], asOf } };
  }
  if (files.has('pfeed/feeds.jsonl')) {
    const lookup = {} as Record<QueryRole, PreviousLookupRow[]>;
    for (const role of ['view-query', 'buy-query'] as const) {
      lookup[role] = jsonLines<{ query_id: string; target_ids: string[]; scores: (number | null)[] }>(files, `pfeed/lookup-${role}.jsonl`).map((r) => ({
        queryId: r.query_id,
        targetIds: r.target_ids,
        scores: r.scores.map((x) => (x === null ? Number.NaN : x)),
      }));
    }
    const byShopper = new Map<string, FeedRow[]>();
    let targetSet = '';
    for (const line of jsonLines<{ shopper_id: string; target_set: string; items: { rank: number; item_id: string; score: number | null; explanation: string[] }[] }>(files, 'pfeed/feeds.jsonl')) {
      targetSet = line.target_set;
      byShopper.set(
        line.shopper_id,
        line.items.map((x) => ({ shopperId: line.shopper_id, rank: x.rank, itemId: x.item_id, score: x.score === null ? Number.NaN : x.score, explanation: x.explanation })),
      );
    }
    const pf = (out.extra.pfeed ?? {}) as { composedAt?: string; targetSet?: string };
    const composedAt = Date.parse(pf.composedAt ?? '');
    if (!Number.isFinite(composedAt)) throw bad('manifest.json', 'has no extra.pfeed.composedAt (the time the feeds were composed)');
    out.pfeed = {
      lookup,
      feeds: { targetSet: pf.targetSet ?? targetSet, byShopper },
      composedAt,
      ...(files.has('models/simo/weights.json') ? { simo: weights(files, 'models/simo') } : {}),
    };
  }
  if (!out.pinnerformer && !out.pfeed) throw bad('the folder', 'holds neither PinnerFormer weights + snapshot nor Pfeed lookup tables + feeds: there is nothing to update incrementally');
  return out;
}
