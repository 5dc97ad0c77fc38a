// docs/batch.md's config reference matches the schema: every top-level key, dataset kind, stage id
// and stage parameter of pipelineConfigSchema is named on the page (as `key`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetConfigSchema, pipelineConfigSchema, stageConfigSchema, STAGE_IDS } from './config';

const doc = readFileSync(new URL('../../../docs/batch.md', import.meta.url), 'utf8');
const named = (k: string): boolean => doc.includes('`' + k + '`');

describe('docs/batch.md config reference', () => {
  it('names every top-level key, dataset kind and stage id', () => {
    const missing = [...Object.keys(pipelineConfigSchema.shape), ...datasetConfigSchema.options.map((o) => o.shape.kind.value), ...STAGE_IDS].filter((k) => !named(k));
    expect(missing).toEqual([]);
  });

  it('names every parameter of every stage and every dataset key', () => {
    const keys = [...stageConfigSchema.options.flatMap((o) => Object.keys(o.shape)), ...datasetConfigSchema.options.flatMap((o) => Object.keys(o.shape))];
    expect(keys.filter((k) => !named(k))).toEqual([]);
  });
});
