// The daily incremental run on a tiny synthetic world (CPU): a full run (PinnerFormer + Pfeed,
// exported), then runIncremental with the previous run's files and a next-day events CSV. Shoppers
// active that day are recomputed / recomposed, a new shopper is added, events on unknown items are
// skipped, and every untouched shopper's snapshot vector and feed line is bit-identical to the
// previous run's; the lookup tables and weights are carried over byte for byte; the next day chains
// (the output as --previous, both days' files: day 1 is history).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { readNpyFloat32 } from '../export/npy';
import type { PipelineConfigInput } from './config';
import { PipelineError } from './errors';
import { runIncremental } from './incremental';
import { PREVIOUS_RUN_FILES } from './previous';
import { runPipeline } from './run';
import { parsePipelineConfig } from './validate';
import tiny from '../../../configs/tiny-synthetic.json';

const base = tiny as PipelineConfigInput;
// no evaluate: the models and their exports are what the incremental run needs (PinSage gives PinnerFormer its item embeddings)
const CFG: PipelineConfigInput = { ...base, backend: 'cpu', stages: base.stages.filter((s) => s.stage !== 'evaluate') };
const dec = new TextDecoder();

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

describe('runIncremental (tiny synthetic world, CPU)', () => {
  it('reuses the previous models: recomputes / recomposes the day\'s shoppers, keeps the others bit for bit, adds new ones', async () => {
    const config = parsePipelineConfig(CFG);
    const first = await runPipeline(config, { backend: { backend: 'cpu' } });
    const prevFiles = new Map(first.artifacts.map((f) => [f.path, f.bytes]));
    const previous = new Map<string, Uint8Array>();
    for (const p of PREVIOUS_RUN_FILES) if (prevFiles.has(p)) previous.set(p, prevFiles.get(p)!);
    expect(previous.size).toBe(PREVIOUS_RUN_FILES.length);

    const ds = first.state.load!.dataset;
    const asOf = ds.events.timestamp[ds.events.length - 1] + 1;
    const prevIds: string[] = JSON.parse(dec.decode(prevFiles.get('snapshot/shoppers.ids.json')!));
    const feedLines = dec.decode(prevFiles.get('pfeed/feeds.jsonl')!).trimEnd().split('\n');
    const withFeed = feedLines.map((l) => (JSON.parse(l) as { shopper_id: string }).shopper_id);
    // the day: two shoppers with a feed view / buy, one more shopper, a new shopper, an unknown item
    const active = [withFeed[0], withFeed[3], prevIds[prevIds.length - 1]];
    const items = ds.items.ids;
    // the new shopper buys an item that is a buy-query of the previous table, so they get a feed
    const buyQuery = (JSON.parse(dec.decode(prevFiles.get('pfeed/lookup-buy-query.jsonl')!).split('\n')[0]) as { query_id: string }).query_id;
    const t = (h: number): string => new Date(asOf + h * 3_600_000).toISOString();
    const csv = [
      'shopper_id,item_id,action,timestamp',
      `${active[0]},${items[5]},view,${t(1)}`,
      `${active[0]},${items[6]},purchase,${t(2)}`,
      `${active[1]},${items[7]},purchase,${t(3)}`,
      `${active[2]},${items[8]},view,${t(4)}`,
      `brand-new-shopper,${buyQuery},purchase,${t(5)}`,
      `${active[1]},no-such-item,view,${t(6)}`,
    ].join('\n');
    const r = await runIncremental(config, { backend: { backend: 'cpu' }, previous, events: [{ name: 'day.csv', data: new TextEncoder().encode(csv + '\n') }] });
    expect(r.timings.map((x) => x.stage)).toEqual(['load', 'pinnerformer', 'pfeed', 'export']);
    expect(r.report.events).toMatchObject({ read: 6, appended: 5, unknownItems: 1, newShoppers: 1, newDay: 5 });
    const uniqueActive = new Set(active).size;
    expect(r.report.pinnerformer).toMatchObject({ recomputed: uniqueActive, added: 1, kept: prevIds.length - uniqueActive, shoppers: prevIds.length + 1 });
    expect(r.report.pfeed!.recomposed).toBe(uniqueActive + 1);
    expect(r.report.pfeed!.unchanged).toBe(r.report.pfeed!.feeds - uniqueActive - 1);

    const files = new Map(r.artifacts.map((f) => [f.path, f.bytes]));
    // snapshot: untouched shoppers bit-identical, active ones changed, the new one appended
    const before = readNpyFloat32(prevFiles.get('snapshot/shoppers.npy')!);
    const after = readNpyFloat32(files.get('snapshot/shoppers.npy')!);
    const ids: string[] = JSON.parse(dec.decode(files.get('snapshot/shoppers.ids.json')!));
    expect(ids.slice(0, prevIds.length)).toEqual(prevIds);
    expect(ids[ids.length - 1]).toBe('brand-new-shopper');
    const dim = before.shape[1];
    const bits = (v: Float32Array, row: number): number[] => Array.from(new Uint32Array(v.slice(row * dim, (row + 1) * dim).buffer));
    let kept = 0;
    prevIds.forEach((id, row) => {
      if (active.includes(id)) expect(bits(after.values, row)).not.toEqual(bits(before.values, row));
      else (expect(bits(after.values, row)).toEqual(bits(before.values, row)), kept++);
    });
    expect(kept).toBe(prevIds.length - uniqueActive);
    // feeds: every untouched shopper's line is the previous line, byte for byte
    const newLines = dec.decode(files.get('pfeed/feeds.jsonl')!).trimEnd().split('\n');
    const byId = new Map(newLines.map((l) => [(JSON.parse(l) as { shopper_id: string }).shopper_id, l]));
    for (const [k, id] of withFeed.entries()) if (!active.includes(id)) expect(byId.get(id)).toBe(feedLines[k]);
    expect(byId.has('brand-new-shopper')).toBe(true);
    // lookup tables and weights carried over unchanged
    for (const p of ['pfeed/lookup-view-query.jsonl', 'pfeed/lookup-buy-query.jsonl', 'pfeed/lookup-buy-query.parquet', 'models/pinnerformer/weights.bin', 'models/simo/weights.bin']) {
      expect(files.get(p), p).toEqual(prevFiles.get(p));
    }
    const manifest = JSON.parse(dec.decode(files.get('manifest.json')!));
    expect(manifest.dataset.hash).toBe(first.state.load!.info.hash);
    expect(manifest.extra.incremental.pinnerformer.recomputed).toBe(uniqueActive);

    // the next day chains: this output is the previous run, both days' files are passed, day 1 is history
    const previous2 = new Map<string, Uint8Array>();
    for (const p of PREVIOUS_RUN_FILES) if (files.has(p)) previous2.set(p, files.get(p)!);
    const day2 = `shopper_id,item_id,action,timestamp\n${withFeed[5]},${items[11]},purchase,${t(30)}\n`;
    const r2 = await runIncremental(config, {
      backend: { backend: 'cpu' },
      previous: previous2,
      events: [
        { name: 'day.csv', data: new TextEncoder().encode(csv + '\n') },
        { name: 'day2.csv', data: new TextEncoder().encode(day2) },
      ],
    });
    expect(r2.report.events).toMatchObject({ appended: 6, newDay: 1, newShoppers: 1 });
    expect(r2.report.pinnerformer).toMatchObject({ recomputed: 1, added: 0, kept: prevIds.length });
    expect(r2.report.pfeed).toMatchObject({ recomposed: 1, added: 0 });

    // a day before the previous run, or another dataset, is a dataset error
    const old = `shopper_id,item_id,action,timestamp\n${active[0]},${items[5]},view,${new Date(asOf - 86_400_000).toISOString()}\n`;
    const e1 = await runIncremental(config, { backend: { backend: 'cpu' }, previous, events: [{ name: 'old.csv', data: new TextEncoder().encode(old) }] }).catch((e: unknown) => e);
    expect((e1 as PipelineError).kind).toBe('dataset');
    expect((e1 as PipelineError).message).toMatch(/no event of a known item at or after/);
    const synth = base.dataset as { kind: 'synthetic'; preset?: 'small'; params: Record<string, unknown> };
    const other = parsePipelineConfig({ ...CFG, dataset: { ...synth, params: { ...synth.params, seed: 99 } } });
    const e2 = await runIncremental(other, { backend: { backend: 'cpu' }, previous, events: [{ name: 'day.csv', data: new TextEncoder().encode(csv + '\n') }] }).catch((e: unknown) => e);
    expect((e2 as PipelineError).kind).toBe('dataset');
    expect((e2 as PipelineError).message).toMatch(/is not the one of the previous run/);
  }, 120_000);
});
