/**
 * SIMO / SISO worker (Pfeed's item encoder): a thin adapter from named jobs (workers/runtime.ts)
 * to src/core (models/simo, train/simo, eval/p3). Jobs: init (backend), relations (which P3
 * relations a dataset supports), train (P3 split → train → embed the catalogue → P3 on the test
 * pairs; the three role matrices transferred), embed (the last trained encoder, again), bench
 * (catalogue embedding time, SIMO vs SISO).
 */
import { exposeJobs, transferResult } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import { initCompute, type BackendInfo, type BackendName, type InitOptions } from '../src/core/compute';
import type { Dataset } from '../src/core/data/types';
import type { MetricsEntry } from '../src/core/eval/metrics-json';
import { evaluateP3, p3Entries, p3RelationSupport, type RelationSupport } from '../src/core/eval/p3';
import { parseSimoConfig, simoVariant, type SimoConfigInput } from '../src/core/models/simo/config';
import { embedCatalogue } from '../src/core/models/simo/embed';
import type { PinSageMatrix, SimoEncoder } from '../src/core/models/simo/encoder';
import type { ItemRoleEmbeddings } from '../src/core/models/simo/roles';
import { prepareSimoData } from '../src/core/train/simo/data';
import { timeCatalogueEmbedding } from '../src/core/train/simo/embed-bench';
import { trainSimo } from '../src/core/train/simo/train';

export interface SimoTrainJobInput {
  dataset: Dataset;
  config: SimoConfigInput;
  /** N × D PinSage embeddings (required when config.pinsage ≠ 'off'). */
  pinsage?: PinSageMatrix | null;
}

export interface SimoTrainJobOutput {
  embeddings: ItemRoleEmbeddings;
  entries: MetricsEntry[];
  relations: RelationSupport[];
  embedSeconds: number;
  backend: string;
}

let backend = 'cpu';
let last: SimoEncoder | null = null;

function transferEmbeddings<T extends { embeddings: ItemRoleEmbeddings }>(value: T): T {
  const e = value.embeddings;
  return transferResult(value, [e.viewQuery.buffer, e.buyQuery.buffer, e.target.buffer] as ArrayBuffer[]);
}

const handlers = {
  async init(input: InitOptions, _ctx: JobContext): Promise<BackendInfo> {
    const info = await initCompute(input);
    backend = info.backend;
    return info;
  },
  relations(input: { dataset: Dataset }, _ctx: JobContext): RelationSupport[] {
    return p3RelationSupport(input.dataset);
  },
  async train(input: SimoTrainJobInput, ctx: JobContext): Promise<SimoTrainJobOutput> {
    const cfg = parseSimoConfig(input.config);
    ctx.progress(0, 1, 'building P3 pairs');
    const d = prepareSimoData(input.dataset, cfg);
    const r = await trainSimo(cfg, d, {
      pinsage: input.pinsage,
      signal: ctx.signal,
      onEvent: (e) => {
        if (e.type === 'throughput') ctx.progress(e.step, e.totalSteps, `epoch ${e.epoch}, ${Math.round(e.pairsPerSecond)} pairs/s`);
        else if (e.type === 'epoch') ctx.progress(e.epoch, cfg.epochs, `epoch ${e.epoch}: validation Recall@10 ${e.recall10.toFixed(4)}`);
      },
    });
    last?.dispose();
    last = r.encoder;
    ctx.progress(1, 1, 'embedding the catalogue');
    const emb = await embedCatalogue(r.encoder, { signal: ctx.signal });
    const t0 = performance.now();
    const results = await evaluateP3(d.split, emb.embeddings, { relations: d.relations, signal: ctx.signal });
    const entries = p3Entries(cfg.mode, simoVariant(cfg), results, { train: r.trainSeconds, infer: emb.seconds, eval: (performance.now() - t0) / 1000 });
    return transferEmbeddings({ embeddings: emb.embeddings, entries, relations: p3RelationSupport(input.dataset), embedSeconds: emb.seconds, backend });
  },
  async embed(_input: null, ctx: JobContext): Promise<{ embeddings: ItemRoleEmbeddings; seconds: number }> {
    if (!last) throw new Error('No trained SIMO / SISO encoder in this worker yet: run train first.');
    const r = await embedCatalogue(last, { signal: ctx.signal, onProgress: (a, b) => ctx.progress(a, b) });
    return transferEmbeddings({ embeddings: r.embeddings, seconds: r.seconds });
  },
  /** Speed numbers for bench/cases/pfeed-encoder.ts (PROTOCOLS.md "Benchmarks"). */
  async bench(
    input: { dataset: Dataset; backend: BackendName; config?: SimoConfigInput; repeats?: number },
    ctx: JobContext,
  ): Promise<{ name: string; value: number; unit: string; backend: string; dataset: string; note?: string }[]> {
    const info = await initCompute({ forced: input.backend });
    backend = info.backend;
    const cfg = parseSimoConfig(input.config ?? {});
    const t = await timeCatalogueEmbedding(input.dataset, cfg, input.repeats ?? 3, ctx.signal);
    return t.map((x) => ({
      name: `pfeed.embed_catalogue.${x.mode}`,
      value: x.seconds,
      unit: 's',
      backend,
      dataset: input.dataset.name,
      note: `${x.items} items × 3 roles, d${cfg.hidden}, ${cfg.layers} layers, ${cfg.roleAttention} role attention; median of ${x.runs.length} (${x.runs.map((s) => s.toFixed(2)).join(', ')} s)`,
    }));
  },
};

export type SimoJobs = typeof handlers;

exposeJobs(handlers);
