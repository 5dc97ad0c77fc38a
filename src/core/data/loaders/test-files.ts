/** Test helpers (Node only): paths of the shared real datasets and the fixtures, read as InputFiles. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputFile } from './input';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file is src/core/data/loaders/test-files.ts). */
export const REPO_ROOT = resolve(here, '../../../..');
/** ../shared/datasets beside the checkout (CI and the dev machine both have it there). */
export const SHARED_DATASETS = resolve(REPO_ROOT, '../shared/datasets');
export const FIXTURES = join(here, 'fixtures');

export function readInput(path: string, name = path.split('/').pop() ?? path): InputFile {
  const b = readFileSync(path);
  return { name, data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
}

export const shared = (rel: string): InputFile => readInput(join(SHARED_DATASETS, rel));
export const fixture = (rel: string): InputFile => readInput(join(FIXTURES, rel));
export const textFile = (name: string, text: string): InputFile => ({ name, data: new TextEncoder().encode(text) });
