import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SYNTHETIC_PRESETS } from '../data/synthetic/presets';
import { parsePinSageConfig } from '../models/pinsage/config';
import { parsePinnerFormerConfig } from '../models/pinnerformer/config';
import { parseSimoConfig } from '../models/simo/config';
import { FEED_SIMO_DEFAULTS } from '../feeds/feed-encoder-defaults';
import { parseTargetSetRule } from '../feeds/target-sets';
import { validatePipelineConfig } from '../pipeline/validate';
import { diffConfigs, flattenConfig } from './config-diff';
import { alignCurves } from './curves';
import { datasetConfigFor, ONLINE_RETAIL_CONFIG_PATH } from './dataset-config';
import { feedsFormValues, pipelineFileOf, trainFormValues } from './pipeline-config';
import { mainEntry, thinCurve } from './types';

const smallMeta = { source: 'synthetic', seed: 42, config: JSON.stringify(SYNTHETIC_PRESETS.small), preset: 'small' };

describe('dataset config of a loaded dataset', () => {
  it('synthetic world: its generator config, which the pipeline schema accepts', () => {
    const d = datasetConfigFor({ name: 'synthetic-small', meta: smallMeta, source: 'Synthetic: small preset' });
    expect(d).toMatchObject({ kind: 'synthetic', preset: 'small', params: { events: 50000, seed: 42 } });
  });
  it('bundled Online Retail: the preset file as seen from configs/ (the path exists)', () => {
    const d = datasetConfigFor({ name: 'online-retail', meta: { source: 'UCI' }, source: 'Bundled: UCI Online Retail (CC BY 4.0)' });
    expect(d).toMatchObject({ kind: 'preset', preset: 'online-retail', files: [ONLINE_RETAIL_CONFIG_PATH] });
    expect(readFileSync(new URL('../../../configs/default.json', import.meta.url), 'utf8')).toContain(ONLINE_RETAIL_CONFIG_PATH.slice(3));
  });
  it('user files: from the Data panel source line and the loader meta (after a reload too)', () => {
    const d = datasetConfigFor({ name: 'ev.csv', meta: { format: 'csv', mapping: JSON.stringify({ shopper: 'u', item: 'i', timestamp: 't' }) }, source: 'Files: ev.csv (csv)' });
    expect(d).toMatchObject({ kind: 'generic', format: 'csv', files: ['ev.csv'], mapping: { shopper: 'u', item: 'i', timestamp: 't' }, defaultAction: 'view' });
    const p = datasetConfigFor({ name: 'ratings', meta: {}, source: 'Files: ratings.dat, movies.dat (movielens format)' });
    expect(p).toMatchObject({ kind: 'preset', preset: 'movielens', files: ['ratings.dat', 'movies.dat'] });
    expect(datasetConfigFor({ name: 'x', meta: {}, source: 'somewhere else' })).toBeNull();
  });
});

describe('a run as a pipeline config file', () => {
  const dataset = { config: datasetConfigFor({ name: 'synthetic-small', meta: smallMeta, source: 'Synthetic: small preset' }) };
  it('PinSage: walks + pinsage stages, top-level seed and backend; the pipeline schema accepts it and it reads back into the same form values', () => {
    const config = parsePinSageConfig({ hidden: 32, epochs: 2, walks: 40, seed: 7 }) as unknown as Record<string, unknown>;
    const out = pipelineFileOf({ name: 'my run', model: 'pinsage', config, backend: { name: 'wasm' }, dataset });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const v = validatePipelineConfig(JSON.parse(out.text));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.config.seed).toBe(7);
    expect(v.config.backend).toBe('wasm');
    expect(v.config.stages.map((s) => s.stage)).toEqual(['load', 'walks', 'pinsage', 'evaluate', 'export']);
    const back = trainFormValues(v.config);
    expect('error' in back).toBe(false);
    if ('error' in back) return;
    expect(back.model).toBe('pinsage');
    expect(parsePinSageConfig(back.pinsage as object)).toEqual(config);
  });
  it('PinnerFormer: a pinnerformer stage; unknown backend names become auto', () => {
    const config = parsePinnerFormerConfig({ hidden: 16, layers: 1 }) as unknown as Record<string, unknown>;
    const out = pipelineFileOf({ name: 'pf', model: 'pinnerformer', config, backend: { name: 'none' }, dataset });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const v = validatePipelineConfig(out.json);
    expect(v.ok && v.config.backend).toBe('auto');
    if (!v.ok) return;
    const back = trainFormValues(v.config);
    expect(!('error' in back) && back.model).toBe('pinnerformer');
    if ('error' in back) return;
    expect(parsePinnerFormerConfig(back.pinnerformer as object)).toEqual(config);
  });
  it('SIMO (Feeds panel): a pfeed stage with its SIMO config, k and target set; evaluate P3 and P4; the schema accepts it', () => {
    const simo = parseSimoConfig({ ...FEED_SIMO_DEFAULTS, maxStepsPerEpoch: 4, seed: 5 });
    const config = { ...simo, steps: 12, k: 10, targetSets: [parseTargetSetRule({ kind: 'promo' })] } as unknown as Record<string, unknown>;
    const out = pipelineFileOf({ name: 'feeds', model: 'simo', config, backend: { name: 'wasm' }, dataset });
    expect(out.ok, JSON.stringify(!out.ok && out.problems)).toBe(true);
    if (!out.ok) return;
    const v = validatePipelineConfig(out.json);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.config.seed).toBe(5);
    expect(v.config.stages.map((s) => s.stage)).toEqual(['load', 'pfeed', 'evaluate', 'export']);
    const pf = v.config.stages.find((s) => s.stage === 'pfeed');
    expect(pf).toMatchObject({ hidden: 32, layers: 1, maxStepsPerEpoch: 4, epochs: 3, k: 10, targetSets: [{ kind: 'promo' }] });
    expect(v.config.stages.find((s) => s.stage === 'evaluate')).toMatchObject({ protocols: ['P3', 'P4'] });
    // and back into the Feeds panel: the same SIMO config, 4 × 3 = 12 steps, the promo target set; no Train-panel model
    const back = feedsFormValues(v.config);
    expect(back?.steps).toBe(12);
    expect(back?.rule).toEqual({ kind: 'promo' });
    expect(back?.notes).toEqual([]);
    expect(parseSimoConfig(back?.simo as object)).toEqual(simo);
    expect(trainFormValues(v.config)).toMatchObject({ error: expect.stringContaining('"pfeed" stage goes to the Feeds panel') });
    const full = validatePipelineConfig({ ...out.json, stages: [{ stage: 'load' }, { stage: 'pfeed', pinsage: 'off', epochs: 5, targetSets: [{ kind: 'all' }, { kind: 'promo' }] }] });
    expect(full.ok).toBe(true);
    if (full.ok) expect(feedsFormValues(full.config)).toMatchObject({ steps: null, notes: ['only the first of 2 target sets is composed'] });
  });
  it('a config the schema refuses is not written: the problems name the key', () => {
    const config = { ...parsePinSageConfig({}), hidden: 3 } as unknown as Record<string, unknown>;
    const out = pipelineFileOf({ name: 'bad', model: 'pinsage', config, backend: { name: 'cpu' }, dataset });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0].path).toBe('stages.2.hidden');
    const none = pipelineFileOf({ name: 'x', model: 'pinsage', config: parsePinSageConfig({}) as unknown as Record<string, unknown>, backend: { name: 'cpu' }, dataset: { config: null } });
    expect(none.ok).toBe(false);
  });
});

describe('comparison helpers', () => {
  it('diff keeps only differing keys (missing counts as different)', () => {
    const rows = diffConfigs([
      { a: 1, b: { c: 'x', d: [1, 2] }, e: true },
      { a: 1, b: { c: 'y', d: [1, 2] } },
    ]);
    expect(rows).toEqual([
      { key: 'b.c', values: ['x', 'y'] },
      { key: 'e', values: ['true', undefined] },
    ]);
    expect(flattenConfig({ z: { y: 2 } })).toEqual({ 'z.y': '2' });
  });
  it('curves align on the union of steps with gaps as null', () => {
    expect(alignCurves([[[1, 0.5], [3, 0.25]], [[2, 1], [3, 0.75]]])).toEqual([[1, 2, 3], [0.5, null, 0.25], [null, 1, 0.75]]);
  });
  it('thinCurve keeps the first and last point and at most max points', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => [i, i * 2] as [number, number]);
    const t = thinCurve(pts, 100);
    expect(t.length).toBe(100);
    expect(t[0]).toEqual([0, 0]);
    expect(t[99]).toEqual([999, 1998]);
  });
  it('mainEntry picks the model row, not a baseline', () => {
    const e = (model: string) => ({ protocol: 'P1' as const, model, metrics: {}, counts: {}, seconds: {} });
    expect(mainEntry({ model: 'pinsage', entries: [e('popularity'), e('pinsage')] })?.model).toBe('pinsage');
  });
});
