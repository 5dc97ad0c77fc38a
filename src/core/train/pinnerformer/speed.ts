/**
 * PinnerFormer speed numbers (PROTOCOLS.md "Benchmarks"), shared by the worker's bench job and
 * Node runs: steady-state training sequences per second with the default config (dense
 * all-action, M 64, hidden 128, 2 layers, batch 128) and inference shoppers per second (every
 * shopper with history before t0). The item feature is a seeded random N × 64 matrix: speed does
 * not depend on its values.
 */
import type { Dataset } from '../../data/types';
import { parsePinnerFormerConfig, type PinnerFormerConfigInput } from '../../models/pinnerformer/config';
import type { ItemEmbeddings } from '../../models/pinnerformer/features';
import { fullSnapshot } from '../../models/pinnerformer/incremental';
import { Rng } from '../../rng';
import { preparePinnerFormerData } from './data';
import { pinSageItemEmbeddings } from './item-source';
import { trainPinnerFormer } from './train';

export interface SpeedEntry {
  name: string;
  value: number;
  unit: string;
  backend: string;
  dataset: string;
  note?: string;
}

export function randomItemEmbeddings(nItems: number, dim = 64, seed = 7): ItemEmbeddings {
  const rng = new Rng(seed).fork('random-items');
  return { vectors: Float32Array.from({ length: nItems * dim }, () => rng.normal()), dim };
}

export async function measurePinnerFormerSpeed(
  ds: Dataset,
  opts: { backend: string; steps: number; config?: PinnerFormerConfigInput; signal?: AbortSignal; log?(line: string): void },
): Promise<SpeedEntry[]> {
  const cfg = parsePinnerFormerConfig({ ...(opts.config ?? {}), epochs: 1, maxStepsPerEpoch: Math.max(4, opts.steps), validationShoppers: 0 });
  const d = preparePinnerFormerData(ds, cfg);
  const items = randomItemEmbeddings(ds.items.length);
  const r = await trainPinnerFormer(cfg, d, items, { signal: opts.signal, metricsEvery: 1_000_000 });
  const out: SpeedEntry[] = [];
  const shape = `${cfg.objective}, M ${cfg.historyLength}, hidden ${cfg.hidden}, ${cfg.layers} layers, ${cfg.heads} heads, batch ${cfg.batchSize}, ${cfg.positionsPerSequence} positions`;
  out.push({
    name: 'pinnerformer.train.seqs_per_s',
    value: r.seqsPerSecond,
    unit: 'seqs/s',
    backend: opts.backend,
    dataset: ds.name,
    note: `steady state over ${Math.max(4, opts.steps)} steps (first 2 excluded; batch building included), ${shape}; target ≥ 100 on WASM`,
  });
  opts.log?.(`train ${r.seqsPerSecond.toFixed(1)} seqs/s`);
  const t = performance.now();
  const snap = await fullSnapshot(r.model, ds, d.split.t0, undefined, { signal: opts.signal });
  const s = (performance.now() - t) / 1000;
  out.push({
    name: 'pinnerformer.infer.shoppers_per_s',
    value: snap.ids.length / s,
    unit: 'shoppers/s',
    backend: opts.backend,
    dataset: ds.name,
    note: `${snap.ids.length} shoppers (every shopper with history before t0) in ${s.toFixed(2)} s; target: all of Online Retail ≤ 10 s`,
  });
  opts.log?.(`infer ${(snap.ids.length / s).toFixed(1)} shoppers/s`);
  r.model.dispose();
  return out;
}

/**
 * `pinnerformer.train_to_best.<dataset>`: a whole default training run (early stopping on the
 * validation shoppers' Recall@10) on the item embeddings the batch pipeline gives it — a budgeted
 * PinSage run on the events before t0 (item-source.ts), whose time is reported in the note, not
 * in the value.
 */
export async function measurePinnerFormerToBest(
  ds: Dataset,
  opts: { backend: string; config?: PinnerFormerConfigInput; signal?: AbortSignal; log?(line: string): void },
): Promise<SpeedEntry[]> {
  const cfg = parsePinnerFormerConfig(opts.config ?? {});
  const d = preparePinnerFormerData(ds, cfg);
  const items = await pinSageItemEmbeddings(ds, d.split.t0, undefined, { signal: opts.signal });
  opts.log?.(`item embeddings: ${items.source} in ${items.trainSeconds.toFixed(1)} s`);
  const r = await trainPinnerFormer(cfg, d, items, { signal: opts.signal });
  r.model.dispose();
  const st = r.state;
  return [
    {
      name: `pinnerformer.train_to_best.${ds.name}`,
      value: r.trainSeconds,
      unit: 's',
      backend: opts.backend,
      dataset: ds.name,
      note: `default config (${cfg.objective}, ≤ ${cfg.epochs} epochs, patience ${cfg.patience}): ${st.epoch} epochs run, best epoch ${st.bestEpoch} (val R@10 ${st.bestRecall10.toFixed(4)}), ${r.seqsPerSecond.toFixed(1)} seqs/s; validation included; item embeddings (${items.source}) took ${items.trainSeconds.toFixed(1)} s more; target ≤ 300 s`,
    },
  ];
}
