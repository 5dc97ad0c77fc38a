/**
 * What the batch CLI (scripts/batch.mjs) and the batch page (batch.html) exchange. The CLI calls
 * `window.__kloaBatch.run(request)` through Playwright; the page reports events through the
 * exposed function `__kloaBatchEvent`, fetches dataset bytes from `/__batch/file/<i>` (answered by
 * the CLI's page.route) and keeps the artifacts, which the CLI then pulls in base64 chunks with
 * `window.__kloaBatch.read(path, offset, length)` (binary-safe through page.evaluate).
 */
import type { MetricsJson } from '../core/eval/metrics-json';
import type { PipelineErrorData } from '../core/pipeline/errors';
import type { PipelineEvent, StageTiming } from '../core/pipeline/types';

export const FILE_ROUTE = '/__batch/file/';

export interface BatchRequest {
  /** The parsed config JSON (validated again in the page; `--backend` / `--stages` already applied). */
  config: unknown;
  /** Dataset files: the name the loader sees and the index to fetch at FILE_ROUTE + index. */
  files: { name: string; index: number }[];
  /** Incremental run (--previous): the new day's events files, fetched like the dataset files. */
  events?: { name: string; index: number }[];
  /** Incremental run: the previous run's files (path relative to its folder), fetched likewise. */
  previous?: { path: string; index: number }[];
}

export interface BatchArtifactInfo {
  path: string;
  bytes: number;
  mediaType: string;
}

export type BatchResponse =
  | {
      ok: true;
      metrics: MetricsJson | null;
      timings: StageTiming[];
      artifacts: BatchArtifactInfo[];
      backend: Record<string, unknown>;
      /** Incremental run: what was recomputed / kept / new (IncrementalRunReport). */
      incremental?: unknown;
    }
  | { ok: false; error: PipelineErrorData };

export type BatchEvent = PipelineEvent | { type: 'backend'; info: Record<string, unknown> } ;

declare global {
  interface Window {
    __kloaBatch?: {
      ready: true;
      run(request: BatchRequest): Promise<BatchResponse>;
      /** Base64 of bytes [offset, offset + length) of an artifact of the last run. */
      read(path: string, offset: number, length: number): Promise<string>;
    };
    __kloaBatchEvent?: (e: BatchEvent) => void;
  }
}
