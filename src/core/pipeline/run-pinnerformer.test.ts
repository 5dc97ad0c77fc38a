// The pinnerformer stage in runPipeline on a tiny synthetic world (CPU): PinnerFormer trains on the
// P2 split with this run's PinSage item embeddings when their train period ends before t0, the
// evaluate stage reports P1 and P2 (model + baselines), and the export holds the shopper
// embeddings and the key-value snapshot of every shopper.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import type { PipelineConfigInput } from './config';
import { runPipeline } from './run';
import type { PipelineEvent } from './types';
import { parsePipelineConfig } from './validate';
import tiny from '../../../configs/tiny-synthetic.json';

const base = tiny as PipelineConfigInput;
// the pfeed stage has its own runner test (run-pfeed.test.ts)
const noPfeed: PipelineConfigInput = { ...base, stages: base.stages.filter((s) => s.stage !== 'pfeed') };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

describe('runPipeline with the pinnerformer stage (tiny synthetic world, CPU)', () => {
  it('trains PinnerFormer, reports P1 and P2, exports shopper embeddings and the KV snapshot', async () => {
    // configs/tiny-synthetic.json (without pfeed): P1's train period (before T_end − 20 % of 90 days) ends
    // before P2's t0 (T_end − 14 days), so this run's PinSage embeddings are reused
    const config = parsePipelineConfig({ ...noPfeed, backend: 'cpu' });
    const events: PipelineEvent[] = [];
    const r = await runPipeline(config, { backend: { backend: 'cpu' }, onEvent: (e) => events.push(e) });
    expect(r.timings.map((t) => t.stage)).toEqual(['load', 'walks', 'pinsage', 'pinnerformer', 'evaluate', 'export']);
    const pf = r.state.pinnerformer!;
    expect(pf.itemSource).toMatch(/^pinsage\/importance-pooling of this run/);
    // the snapshot holds every shopper with at least one event
    const ev = r.state.load!.dataset.events;
    const withEvents = new Set(Array.from(ev.shopper).filter((x) => x !== 0xffffffff)).size;
    expect(pf.snapshot.ids.length).toBe(withEvents);
    const p2 = r.metrics!.results.filter((e) => e.protocol === 'P2');
    expect(p2.map((e) => e.model)).toEqual(['popularity', 'repeat', 'mean-embedding', 'pinnerformer']);
    expect(p2[3].variant).toBe('dense-all-action');
    expect(p2[3].counts).toBeDefined();
    expect(r.metrics!.results.filter((e) => e.protocol === 'P1').length).toBe(4);
    const paths = r.artifacts.map((f) => f.path);
    for (const p of ['embeddings/shoppers.npy', 'embeddings/shoppers.parquet', 'snapshot/shoppers.kv.jsonl', 'models/pinnerformer/weights.bin']) expect(paths).toContain(p);
    const kv = new TextDecoder().decode(r.artifacts.find((f) => f.path === 'snapshot/shoppers.kv.jsonl')!.bytes).trimEnd().split('\n');
    expect(kv.length).toBe(pf.snapshot.ids.length);
    expect(JSON.parse(kv[0]).vector).toHaveLength(pf.snapshot.dim);
  }, 120_000);

  it('protocol P2 without the pinnerformer stage is a config error naming the key', () => {
    expect(() => parsePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'walks' }, { stage: 'evaluate', protocols: ['P1', 'P2'] }] })).toThrow(
      /stages\.2\.protocols\.1: protocol P2 needs the "pinnerformer" stage/,
    );
  });
});
