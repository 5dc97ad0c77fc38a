/**
 * manifest.json: what produced the run and what it wrote. Shape (docs/export.md):
 * {"format": "kloa-run-manifest", "version": 1, "run", "createdAt", "seed", "backend", "adapter",
 *  "dataset": {"name", "hash", "events", "items", "shoppers", "meta"}, "config", "libraries",
 *  "stages": [{"stage", "seconds"}], "totalSeconds",
 *  "artifacts": [{"path", "bytes", "sha256", "mediaType"}], "extra"}
 */
import type { ArtifactFile, ExportDatasetInfo, ManifestFields } from './types';

export const MANIFEST_FORMAT = 'kloa-run-manifest';

export interface ManifestArtifact {
  path: string;
  bytes: number;
  /** 'sha256:' + hex */
  sha256: string;
  mediaType: string;
}

export interface RunManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  run: string;
  createdAt: string;
  seed: number;
  backend: string;
  adapter: unknown;
  dataset: ExportDatasetInfo;
  config: unknown;
  libraries: Record<string, string>;
  stages: { stage: string; seconds: number }[];
  totalSeconds: number;
  artifacts: ManifestArtifact[];
  extra?: Record<string, unknown>;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', copy as Uint8Array<ArrayBuffer>));
  let s = '';
  for (const x of d) s += x.toString(16).padStart(2, '0');
  return `sha256:${s}`;
}

export async function buildManifest(fields: ManifestFields, dataset: ExportDatasetInfo, files: readonly ArtifactFile[]): Promise<RunManifest> {
  const artifacts: ManifestArtifact[] = [];
  for (const f of files) artifacts.push({ path: f.path, bytes: f.bytes.length, sha256: await sha256Hex(f.bytes), mediaType: f.mediaType });
  const stages = fields.stages.map((s) => ({ stage: s.stage, seconds: s.seconds }));
  return {
    format: MANIFEST_FORMAT,
    version: 1,
    run: fields.runName,
    createdAt: fields.createdAt,
    seed: fields.seed,
    backend: fields.backend,
    adapter: fields.adapter ?? null,
    dataset: { ...dataset, meta: { ...(dataset.meta ?? {}) } },
    config: fields.config,
    libraries: { ...fields.libraries },
    stages,
    totalSeconds: stages.reduce((a, s) => a + s.seconds, 0),
    artifacts,
    ...(fields.extra ? { extra: { ...fields.extra } } : {}),
  };
}

export function manifestFile(m: RunManifest): ArtifactFile {
  return { path: 'manifest.json', bytes: new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`), mediaType: 'application/json' };
}
