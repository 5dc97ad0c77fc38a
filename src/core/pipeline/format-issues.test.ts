// The config validator's messages: each problem names its key path, the value found and the
// allowed values / keys (enums, discriminated unions, strict objects, unavailable stages).
import { describe, expect, it } from 'vitest';
import { parsePinSageConfig } from '../models/pinsage/config';
import { formatProblems } from './format-issues';
import { validatePipelineConfig } from './validate';

const base = {
  seed: 7,
  dataset: { kind: 'synthetic', preset: 'small', params: { events: 2000, items: 200, shoppers: 60 } },
  stages: [{ stage: 'load' }, { stage: 'walks' }, { stage: 'pinsage', epochs: 1 }, { stage: 'evaluate' }],
};

function problems(input: unknown) {
  const v = validatePipelineConfig(input);
  if (v.ok) throw new Error('expected the config to be rejected');
  return v.problems;
}

describe('pipeline config validation messages', () => {
  it('accepts a valid config and fills defaults from the model schemas', () => {
    const v = validatePipelineConfig(base);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.config.backend).toBe('auto');
    const ps = v.config.stages[2];
    expect(ps.stage === 'pinsage' && ps.learningRate).toBe(parsePinSageConfig({}).learningRate);
    expect(ps.stage === 'pinsage' && ps.epochs).toBe(1);
    expect(v.config.split.p1.testFraction).toBe(0.1);
  });

  it('an unknown backend names the key and the allowed values', () => {
    const p = problems({ ...base, backend: 'gpu' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: 'backend', received: 'gpu', allowed: ['auto', 'webgpu', 'wasm', 'cpu'] });
    expect(formatProblems(p)).toBe('backend: not an allowed value (got "gpu"); allowed: auto, webgpu, wasm, cpu');
  });

  it('a number out of range inside a stage names stages.<i>.<key> and the value', () => {
    const p = problems({ ...base, stages: [{ stage: 'load' }, { stage: 'walks' }, { stage: 'pinsage', learningRate: 5 }] });
    expect(p[0].path).toBe('stages.2.learningRate');
    expect(formatProblems(p)).toMatch(/^stages\.2\.learningRate: Too big: expected number to be <=1 \(got 5\)$/);
  });

  it('an unknown key lists the keys the stage accepts', () => {
    const p = problems({ ...base, stages: [{ stage: 'load' }, { stage: 'walks', walkz: 3 }] });
    expect(p[0].path).toBe('stages.1.walkz');
    expect(p[0].allowed).toEqual(['stage', 'walks', 'walkLength', 'alpha', 'topT']);
  });

  it('an unknown stage id lists the stage ids', () => {
    const p = problems({ ...base, stages: [{ stage: 'load' }, { stage: 'train' }] });
    expect(p[0]).toMatchObject({ path: 'stages.1.stage', received: 'train' });
    expect(p[0].allowed).toEqual(['load', 'walks', 'pinsage', 'pinnerformer', 'pfeed', 'evaluate', 'export']);
  });

  it('an unknown dataset kind and a bad preset id list the allowed values', () => {
    expect(problems({ ...base, dataset: { kind: 'csv' } })[0]).toMatchObject({ path: 'dataset.kind', allowed: ['preset', 'generic', 'synthetic'] });
    const p = problems({ ...base, dataset: { kind: 'preset', preset: 'retail', files: ['x.parquet'] } });
    expect(p[0].path).toBe('dataset.preset');
    expect(p[0].allowed).toContain('online-retail');
  });

  it('synthetic parameters are validated by the generator schema, under dataset.params', () => {
    const p = problems({ ...base, dataset: { kind: 'synthetic', params: { events: 5 } } });
    expect(p[0].path).toBe('dataset.params.events');
    expect(p[0].message).toMatch(/>=1000/);
  });

  it('stages out of order, repeated or missing what they need are named', () => {
    expect(formatProblems(problems({ ...base, stages: [{ stage: 'load' }, { stage: 'pinsage' }] }))).toMatch(/stages\.1\.stage: stage "pinsage" needs the "walks" stage/);
    expect(formatProblems(problems({ ...base, stages: [{ stage: 'load' }, { stage: 'evaluate' }, { stage: 'walks' }] }))).toMatch(/stages\.2\.stage: stage "walks" is out of order/);
    expect(formatProblems(problems({ ...base, stages: [{ stage: 'load' }, { stage: 'load' }] }))).toMatch(/listed twice/);
  });
});

describe('the pfeed stage', () => {
  it('validates with its defaults; a bad target set or feed key names the path and the allowed values', () => {
    expect(validatePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'pfeed' }] }).ok).toBe(true);
    const p = problems({ ...base, stages: [{ stage: 'load' }, { stage: 'pfeed', targetSets: [{ kind: 'sale' }], feed: { lenght: 5 } }] });
    const text = formatProblems(p);
    expect(text).toMatch(/stages\.1\.targetSets\.0\.kind: .*allowed: all, category, promo, new/);
    expect(text).toMatch(/stages\.1\.feed\.lenght: unknown key "lenght"; allowed: length, /);
  });
});

describe('missing keys', () => {
  it('a missing required key says "missing" and the expected type', () => {
    const { dataset: _d, ...noDataset } = base;
    const p = problems(noDataset);
    expect(formatProblems(p)).toBe('dataset: missing (expected object)');
  });
});
