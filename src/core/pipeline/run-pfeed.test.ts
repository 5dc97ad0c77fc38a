// The pfeed stage in runPipeline on a tiny synthetic world (CPU): SIMO trains on the P3 pairs
// before the P4 cut-off, the evaluate stage reports P3 (per relation and complexity class) and P4
// (pfeed + popular-control per target set), and the export holds the lookup tables and feeds as
// Parquet and JSONL and the SIMO weights, which load back into an encoder that gives the same
// role embeddings.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { readWeights } from '../export/weights';
import { restoreSimoEncoder } from '../export/model-restore';
import { embedCatalogue } from '../models/simo/embed';
import type { PipelineConfigInput } from './config';
import { runPipeline } from './run';
import { parsePipelineConfig } from './validate';
import tiny from '../../../configs/tiny-synthetic.json';

const base = tiny as PipelineConfigInput;
// load → pfeed → evaluate → export only (PinSage / PinnerFormer are covered by the other runner tests)
const PFEED: PipelineConfigInput = { ...base, backend: 'cpu', stages: base.stages.filter((s) => ['load', 'pfeed', 'evaluate', 'export'].includes(s.stage)) };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

describe('runPipeline with the pfeed stage (tiny synthetic world, CPU)', () => {
  it('trains SIMO before t0, reports P3 and P4, exports lookup tables, feeds and weights that load back', async () => {
    const config = parsePipelineConfig(PFEED);
    const r = await runPipeline(config, { backend: { backend: 'cpu' } });
    expect(r.timings.map((t) => t.stage)).toEqual(['load', 'pfeed', 'evaluate', 'export']);
    const pd = r.state.pfeed!;
    const ds = r.state.load!.dataset;
    expect(pd.t0).toBe(ds.events.timestamp[ds.events.length - 1] - 14 * 86_400_000);
    const results = r.metrics!.results;
    const p3 = results.filter((e) => e.protocol === 'P3' && e.complexity === undefined);
    expect(p3.map((e) => e.relation).sort()).toEqual(['buy-buy', 'view-buy']);
    for (const e of p3) {
      expect(e.model).toBe('simo');
      expect(e.variant).toBe('d16');
      expect(e.counts.test_pairs).toBeGreaterThan(0);
      expect(e.metrics['recall@10']).toBeGreaterThanOrEqual(0);
      expect(e.metrics['recall@10']).toBeLessThanOrEqual(e.metrics['best_achievable_recall@10']);
    }
    expect(results.filter((e) => e.protocol === 'P3' && e.complexity !== undefined)).toHaveLength(8);
    const p4 = results.filter((e) => e.protocol === 'P4').map((e) => `${e.model}/${e.variant}`);
    expect([...new Set(p4)]).toEqual(['pfeed/all', 'popular-control/all', 'pfeed/promo', 'popular-control/promo']);
    const p4all = results.find((e) => e.protocol === 'P4' && e.model === 'pfeed' && e.variant === 'all')!;
    expect(p4all.counts.pairs).toBeGreaterThan(0);

    // every shopper with a view or purchase has a feed; each feed item is explained by the shopper's own items
    expect(pd.feeds.length).toBe(new Set(Array.from(ds.events.shopper)).size);
    const files = new Map(r.artifacts.map((f) => [f.path, f.bytes]));
    for (const p of ['pfeed/lookup-view-query.parquet', 'pfeed/lookup-buy-query.parquet', 'pfeed/lookup-view-query.jsonl', 'pfeed/lookup-buy-query.jsonl', 'pfeed/feeds.parquet', 'pfeed/feeds.jsonl', 'models/simo/weights.json']) {
      expect([...files.keys()]).toContain(p);
    }
    const text = (p: string): string[] => new TextDecoder().decode(files.get(p)!).trimEnd().split('\n');
    const buyRows = text('pfeed/lookup-buy-query.jsonl').map((l) => JSON.parse(l) as { query_id: string; target_ids: string[]; scores: number[] });
    expect(buyRows.length).toBe(pd.table.roles['buy-query'].queries.length);
    const row0 = pd.table.roles['buy-query'];
    expect(buyRows[0].query_id).toBe(ds.items.ids[row0.queries[0]]);
    expect(buyRows[0].target_ids).toEqual(Array.from(row0.targets.subarray(0, 10), (t) => ds.items.ids[t]));
    expect(Float32Array.from(buyRows[0].scores)).toEqual(row0.scores.subarray(0, 10));
    const feedLines = text('pfeed/feeds.jsonl').map((l) => JSON.parse(l) as { shopper_id: string; items: { rank: number; item_id: string }[] });
    expect(feedLines.length).toBe(pd.feeds.filter((f) => f.items.length > 0).length);
    expect(feedLines[0].items.map((x) => x.rank)).toEqual(feedLines[0].items.map((_, i) => i + 1));

    // SIMO weights load back: the restored encoder gives the exported run's role embeddings
    const w = readWeights(files.get('models/simo/weights.json')!, files.get('models/simo/weights.bin')!);
    const enc = restoreSimoEncoder(w, ds);
    try {
      const { embeddings } = await embedCatalogue(enc);
      expect(embeddings.buyQuery).toEqual(pd.embeddings.buyQuery);
      expect(embeddings.target).toEqual(pd.embeddings.target);
    } finally {
      enc.dispose();
    }
  }, 120_000);

  it('P3 / P4 without the pfeed stage, or pinsage init without the pinsage stage, is a config error naming the key', () => {
    expect(() => parsePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'evaluate', protocols: ['P4'] }] })).toThrow(/stages\.1\.protocols\.0: protocol P4 needs the "pfeed" stage/);
    expect(() => parsePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'pfeed', pinsage: 'init' }] })).toThrow(/stages\.1\.pinsage: pinsage "init" needs the "pinsage" stage/);
    expect(() => parsePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'pfeed', hidden: 30, heads: 4 }] })).toThrow(/stages\.1\.heads: hidden must be a multiple of heads/);
    expect(() => parsePipelineConfig({ ...base, stages: [{ stage: 'load' }, { stage: 'pfeed', feed: { lenght: 5 } }] })).toThrow(/stages\.1\.feed\.lenght: unknown key/);
  });
});
