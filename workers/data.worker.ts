/**
 * Data worker: a thin adapter from named jobs (workers/runtime.ts) to src/core/data.
 * Jobs: env, load, generate, stats, preview. Datasets leave the worker with their typed-array
 * buffers transferred, not copied.
 */
import { exposeJobs, transferResult } from './runtime';
import { datasetHash } from '../src/core/data/content-hash';
import type { JobContext } from '../src/runtime/protocol';
import type { Dataset, ValidationReport } from '../src/core/data/types';
import { datasetBuffers } from '../src/core/data/serialize';
import { eventTableBytes } from '../src/core/data/event-builder';
import { generateSynthetic, SYNTHETIC_GENERATOR_VERSION, syntheticPreset, type SyntheticPresetName } from '../src/core/data/synthetic';
import { computeStats, type DataStats } from '../src/ui/data/stats-adapter';
import type { ColumnMapping, FilePreview, GenericFormat, InputFile, LoadSpec } from '../src/core/data/load';

/** A file the worker fetches itself from this origin (the bundled datasets). */
export interface RemoteFile {
  name: string;
  url: string;
}

export interface LoadJobInput {
  spec: LoadSpec;
  /** Files picked or dropped by the user (File objects clone without copying their bytes), or same-origin URLs. */
  files: (InputFile | RemoteFile)[];
  name?: string;
}

function isRemote(f: InputFile | RemoteFile): f is RemoteFile {
  return 'url' in f;
}

/** Fetches a same-origin file as bytes, reporting bytes received. */
async function fetchBytes(f: RemoteFile, ctx: JobContext): Promise<InputFile> {
  const url = new URL(f.url, self.location.href);
  if (url.origin !== self.location.origin) throw new Error(`Refusing to fetch ${url.href}: the workbench only reads files from its own origin.`);
  const res = await fetch(url, { signal: ctx.signal });
  if (!res.ok || !res.body) throw new Error(`Could not fetch ${f.name} (${res.status} ${res.statusText}).`);
  const total = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.byteLength;
    ctx.progress(got, Math.max(total, got), `fetching ${f.name} (bytes)`);
  }
  const bytes = new Uint8Array(got);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.byteLength;
  }
  return { name: f.name, data: bytes };
}

export interface WorkerEnv {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  hardwareConcurrency: number;
}

/** What every dataset-producing job returns. */
export interface DatasetJobResult {
  dataset: Dataset | null;
  report: ValidationReport;
  stats: DataStats | null;
  /** Milliseconds the job spent producing the tables (fetch included), statistics excluded. */
  ms: number;
  eventBytes: number;
  /** The dataset's content hash (src/core/data/content-hash.ts), null without a dataset. */
  hash: string | null;
}

async function finish(dataset: Dataset | null, report: ValidationReport, t0: number): Promise<DatasetJobResult> {
  const ms = performance.now() - t0;
  const stats = dataset ? computeStats(dataset) : null;
  // hashed here, not on the main thread when a run starts or an export is built
  const hash = dataset ? await datasetHash(dataset) : null;
  const out: DatasetJobResult = { dataset, report, stats, ms, eventBytes: dataset ? eventTableBytes(dataset.events) : 0, hash };
  return transferResult(out, dataset ? datasetBuffers(dataset) : []);
}

/** Text files larger than this are previewed from their first bytes only. */
const PREVIEW_SLICE = 1 << 20;

const handlers = {
  /** The first rows of a file (for the mapping form) and a mapping suggested from its column names. */
  async preview(input: { file: InputFile; format: GenericFormat }): Promise<{ preview: FilePreview; suggestion: Partial<ColumnMapping> }> {
    const { previewFile, suggestMapping } = await import('../src/core/data/load');
    const { name, data } = input.file;
    // Parquet needs its footer, gzip its whole stream; other text formats only their head.
    const sliceable = input.format !== 'parquet' && !/\.gz$/i.test(name) && data instanceof Blob && data.size > PREVIEW_SLICE;
    const file = sliceable ? { name, data: data.slice(0, PREVIEW_SLICE) } : input.file;
    const preview = await previewFile(file, input.format);
    return { preview, suggestion: suggestMapping(preview.columns) };
  },

  /** Files (or same-origin URLs) + a load spec → tables, validation report and statistics. */
  async load(input: LoadJobInput, ctx: JobContext): Promise<DatasetJobResult> {
    const t0 = performance.now();
    const files: InputFile[] = [];
    for (const f of input.files) files.push(isRemote(f) ? await fetchBytes(f, ctx) : f);
    // Loaded on first use: Parquet / CSV readers stay out of the worker's start-up.
    const { loadDataset } = await import('../src/core/data/load');
    const { dataset, report } = await loadDataset(input.spec, files, { onProgress: ctx.progress, signal: ctx.signal, name: input.name });
    return finish(dataset, report, t0);
  },

  /** Facts about the worker's global scope (cross-origin isolation reaches workers too). */
  env(_input: null, _ctx: JobContext): WorkerEnv {
    return {
      crossOriginIsolated: self.crossOriginIsolated,
      sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
      hardwareConcurrency: navigator.hardwareConcurrency,
    };
  },

  /**
   * Statistics of a dataset the page already holds (e.g. one restored without them). The dataset
   * is structured-cloned into the worker (a copy), so the page keeps its own.
   */
  stats(input: { dataset: Dataset }): DataStats {
    return computeStats(input.dataset);
  },

  /** A synthetic preset world (src/core/data/synthetic), optionally with another seed. */
  async generate(input: { preset: SyntheticPresetName; seed?: number }, ctx: JobContext): Promise<DatasetJobResult> {
    const t0 = performance.now();
    const config = syntheticPreset(input.preset, input.seed === undefined ? {} : { seed: input.seed });
    const { dataset } = await generateSynthetic(config, {
      progress: ctx.progress,
      signal: ctx.signal,
      meta: { preset: input.preset },
    });
    const n = dataset.events.length;
    const report: ValidationReport = {
      files: [],
      rowsRead: n,
      rowsAccepted: n,
      rowsRejected: 0,
      entries: [
        {
          severity: 'info',
          code: 'synthetic',
          message: `Generated by ${SYNTHETIC_GENERATOR_VERSION} from the "${input.preset}" preset with seed ${config.seed}: nothing was read from files, so no row was rejected.`,
          count: n,
          examples: [],
        },
      ],
    };
    return finish(dataset, report, t0);
  },
};

export type DataJobs = typeof handlers;

exposeJobs(handlers);
