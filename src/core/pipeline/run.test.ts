// runPipeline on a tiny synthetic world in Node (CPU backend): every stage runs and reports, P1
// metrics come out for PinSage and the baselines, the same config + seed + backend gives the same
// metrics twice, a dataset that cannot load is a 'dataset' error, and cancel is an 'aborted' error.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { datasetHash } from '../data/content-hash';
import { generateSyntheticSync } from '../data/synthetic';
import { syntheticInput, type PipelineConfigInput } from './config';
import { PipelineError } from './errors';
import { runPipeline } from './run';
import type { PipelineEvent } from './types';
import { parsePipelineConfig } from './validate';
import tiny from '../../../configs/tiny-synthetic.json';

// configs/tiny-synthetic.json without its export stage (added below), pinnerformer (run-pinnerformer.test.ts) and pfeed (run-pfeed.test.ts)
const TINY: PipelineConfigInput = {
  ...(tiny as PipelineConfigInput),
  backend: 'cpu',
  stages: (tiny as PipelineConfigInput).stages.filter((st) => st.stage !== 'export' && st.stage !== 'pinnerformer' && st.stage !== 'pfeed'),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

describe('runPipeline (tiny synthetic world, CPU)', () => {
  it('runs load → walks → pinsage → evaluate with progress, timings and P1 metrics; twice gives the same metrics', async () => {
    const config = parsePipelineConfig(TINY);
    const events: PipelineEvent[] = [];
    const a = await runPipeline(config, { backend: { backend: 'cpu' }, onEvent: (e) => events.push(e) });
    expect(a.timings.map((t) => t.stage)).toEqual(['load', 'walks', 'pinsage', 'evaluate']);
    for (const t of a.timings) expect(t.seconds).toBeGreaterThanOrEqual(0);
    expect(events.filter((e) => e.type === 'stage-start').map((e) => e.stage)).toEqual(['load', 'walks', 'pinsage', 'evaluate']);
    expect(events.some((e) => e.type === 'progress' && e.stage === 'pinsage')).toBe(true);
    const m = a.metrics!;
    expect(m.results.map((r) => r.model)).toEqual(['pinsage', 'popularity', 'itemknn', 'ppr']);
    expect(m.results[0].variant).toBe('importance-pooling');
    expect(m.results[0].counts.test_pairs).toBeGreaterThan(0);
    expect(m.backend).toBe('cpu');
    expect(m.seed).toBe(11);
    // the dataset hash is the hash of the same synthetic world generated here
    const ds = generateSyntheticSync(syntheticInput(config.dataset as Extract<typeof config.dataset, { kind: 'synthetic' }>)).dataset;
    expect(m.dataset.hash).toBe(await datasetHash(ds));
    expect(m.dataset.events).toBe(ds.events.length);
    // the second run adds the export stage (src/core/export buildArtifacts)
    const withExport = parsePipelineConfig({ ...TINY, stages: [...TINY.stages, { stage: 'export' }] });
    const b = await runPipeline(withExport, { backend: { backend: 'cpu' } });
    const paths = b.artifacts.map((f) => f.path);
    for (const p of ['embeddings/items.npy', 'embeddings/items.parquet', 'search/items.es-bulk.ndjson', 'projector/items.tensors.tsv', 'models/pinsage/weights.bin', 'metrics.json']) expect(paths).toContain(p);
    expect(paths[paths.length - 1]).toBe('manifest.json');
    const manifest = JSON.parse(new TextDecoder().decode(b.artifacts[b.artifacts.length - 1].bytes));
    expect(JSON.stringify(manifest)).toContain(m.dataset.hash);
    expect(b.timings.map((t) => t.stage)).toEqual(['load', 'walks', 'pinsage', 'evaluate', 'export']);
    const strip = (x: typeof m) => x.results.map((r) => ({ model: r.model, variant: r.variant, metrics: r.metrics, counts: r.counts }));
    expect(strip(b.metrics!)).toEqual(strip(m));
    expect(Array.from(b.state.pinsage!.embeddings)).toEqual(Array.from(a.state.pinsage!.embeddings));
  }, 60_000);

  it('a preset dataset whose files are not what the preset reads is a dataset error', async () => {
    const config = parsePipelineConfig({ ...TINY, dataset: { kind: 'preset', preset: 'online-retail', files: ['online_retail.parquet'] } });
    const files = [{ name: 'online_retail.parquet', data: new TextEncoder().encode('not parquet at all') }];
    const err = await runPipeline(config, { backend: { backend: 'cpu' }, files }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect((err as PipelineError).kind).toBe('dataset');
    expect((err as PipelineError).stage).toBe('load');
  });

  it('cancelling during a stage ends in an aborted error naming the stage', async () => {
    const config = parsePipelineConfig(TINY);
    const ac = new AbortController();
    const err = await runPipeline(config, {
      backend: { backend: 'cpu' },
      signal: ac.signal,
      onEvent: (e) => e.type === 'stage-start' && e.stage === 'walks' && ac.abort(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect((err as PipelineError).kind).toBe('aborted');
    expect((err as PipelineError).stage).toBe('walks');
  });
});
