/**
 * Feeds worker: a thin adapter from named jobs (workers/runtime.ts) to src/core/feeds. Jobs:
 * init (compute backend), compose (role embeddings — SIMO trained here with a small step budget
 * by default, kept for the next compose of the same dataset and request unless `fresh`, and then
 * scored on its P3 test pairs (the run the Runs panel records); the stand-in when asked
 * or when SIMO cannot be trained — → lookup table → every shopper's feed), pfeed (the lookup
 * tables and feeds as export rows, for the Export panel's pfeed/*.parquet and *.jsonl files),
 * targetSet (index another "X for you" set and recompose), shopper (timeline + feed of one
 * shopper), speed (the pfeed.* bench numbers). The session stays in the worker; the page gets
 * summaries and one shopper at a time.
 */
import { exposeJobs } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import { initCompute, type BackendInfo, type InitOptions } from '../src/core/compute';
import type { Dataset } from '../src/core/data/types';
import type { ItemRoleEmbeddings } from '../src/core/models/simo/roles';
import type { FeedConfigInput } from '../src/core/feeds/config';
import { FeedSession, type FeedSessionSummary, type ShopperView } from '../src/core/feeds/session';
import type { TargetSetRuleInput } from '../src/core/feeds/target-sets';
import { measureFeedSpeed, median } from '../src/core/feeds/speed';
import { feedEncoder, type FeedEncoderInfo, type FeedEncoderRequest, type FeedEncoderResult } from '../src/core/feeds/feed-encoder';
import { sessionPfeedExport, type PfeedExport } from '../src/core/feeds/session-export';
import { evaluateP3, p3Entries } from '../src/core/eval/p3';
import { P3_RELATIONS } from '../src/core/eval/splits/p3-pairs';
import type { MetricsEntry } from '../src/core/eval/metrics-json';
import type { ModelWeights } from '../src/core/export/types';
import { simoVariant, type SimoConfig } from '../src/core/models/simo/config';

export interface ComposeInput {
  dataset: Dataset;
  rule?: TargetSetRuleInput;
  config?: FeedConfigInput;
  /** Role embeddings of an encoder trained elsewhere (used as they are). */
  embeddings?: ItemRoleEmbeddings;
  /** Without `embeddings`: how to make them here (default SIMO, FEED_SIMO_STEPS steps). */
  encoder?: FeedEncoderRequest;
  /** Train again even when the last encoder was made from the same data and request (a re-run). */
  fresh?: boolean;
}

/** The SIMO training run of a compose (null in ComposeOutput when no encoder was trained by it). */
export interface SimoRunReport {
  config: SimoConfig;
  /** Steps asked for (all epochs together) and taken. */
  steps: { asked: number | null; taken: number };
  /** P3 entries (one per relation) on the held-out test pairs. */
  entries: MetricsEntry[];
  /** (step, loss) and (step, validation Recall@10) points. */
  curves: { loss: [number, number][]; validation: [number, number][] };
  pairsPerSecond: number;
  seconds: Record<string, number>;
  backend: string;
}

export interface PfeedJobOutput extends PfeedExport {
  /** The SIMO encoder's weights (models/simo/weights.*), null for the stand-in. */
  weights: ModelWeights | null;
}

export interface ComposeOutput {
  summary: FeedSessionSummary;
  /** The SIMO run this compose trained (null: stand-in, or the kept encoder was reused). */
  run: SimoRunReport | null;
}

export interface SpeedOutput {
  backend: string;
  shoppers: number;
  feedsAllSeconds: number;
  indexSeconds: number;
  refreshSeconds: number;
  refreshShoppers: number;
  repeats: { feedsAll: number[]; refresh: number[] };
}

let session: FeedSession | null = null;
/** The last encoder result and what it was made from (a recompose of the same data reuses it). */
let encoded: { key: string; result: FeedEncoderResult } | null = null;

function encoderKey(ds: Dataset, req: FeedEncoderRequest): string {
  return JSON.stringify([ds.name, ds.events.length, ds.items.length, ds.events.length ? ds.events.timestamp[ds.events.length - 1] : 0, req]);
}
let backend = 'cpu';

function need(): FeedSession {
  if (!session) throw new Error('No feeds composed yet: run "compose" first.');
  return session;
}

const handlers = {
  async init(input: InitOptions, _ctx: JobContext): Promise<BackendInfo> {
    const info = await initCompute(input);
    backend = info.backend;
    return info;
  },
  async compose(input: ComposeInput, ctx: JobContext): Promise<ComposeOutput> {
    session = null;
    let embeddings = input.embeddings;
    let encoderInfo: FeedEncoderInfo | undefined = embeddings ? { kind: 'simo', fallbackReason: '', seconds: 0 } : undefined;
    let run: SimoRunReport | null = null;
    if (!embeddings) {
      const req = input.encoder ?? { kind: 'simo' };
      const key = encoderKey(input.dataset, req);
      if (encoded?.key !== key || input.fresh) {
        encoded = null;
        const loss: [number, number][] = [];
        const validation: [number, number][] = [];
        let step = 0;
        let pps = 0;
        const result = await feedEncoder(input.dataset, req, {
          signal: ctx.signal,
          onProgress: ctx.progress,
          onEvent: (e) => {
            if (e.type === 'loss') {
              step = e.step;
              loss.push([e.step, e.loss]);
            } else if (e.type === 'throughput') {
              step = e.step;
              pps = e.pairsPerSecond;
            } else if (e.type === 'validation') validation.push([step, e.recall10]);
          },
        });
        encoded = { key, result };
        if (result.simo) {
          const { config, split } = result.simo;
          ctx.progress(0, 1, 'SIMO: P3 Recall@10 on the test pairs');
          const t0 = performance.now();
          const p3 = await evaluateP3(split, result.embeddings, { relations: P3_RELATIONS.filter((r) => result.info.relations?.includes(r) ?? true), signal: ctx.signal });
          const evalSeconds = (performance.now() - t0) / 1000;
          const seconds = { train: result.info.seconds, eval: evalSeconds };
          run = {
            config,
            steps: { asked: req.kind === 'simo' ? (req.steps ?? null) : null, taken: result.info.steps ?? 0 },
            entries: p3Entries(config.mode, simoVariant(config), p3, seconds),
            curves: { loss, validation },
            pairsPerSecond: pps,
            seconds,
            backend,
          };
        }
      }
      embeddings = encoded.result.embeddings;
      encoderInfo = encoded.result.info;
    }
    session = await FeedSession.create(input.dataset, { rule: input.rule, config: input.config, embeddings, encoderInfo, onProgress: ctx.progress, signal: ctx.signal });
    const summary = session.summary();
    if (run) run.seconds = { ...run.seconds, index: summary.seconds.index, feeds: summary.seconds.feeds };
    return { summary, run };
  },
  /** The lookup tables (both query roles) and every shopper's feed of the current session, as export rows, and the SIMO weights behind them. */
  pfeed(_: null, _ctx: JobContext): PfeedJobOutput {
    const s = need();
    const simo = encoded && encoded.result.embeddings === s.emb ? encoded.result.simo : undefined;
    return { ...sessionPfeedExport(s), weights: simo ? { model: 'simo', config: simo.config, tensors: simo.weights } : null };
  },
  async targetSet(input: { rule: TargetSetRuleInput }, ctx: JobContext): Promise<FeedSessionSummary> {
    const s = need();
    await s.setTargetSet(input.rule, ctx.progress, ctx.signal);
    return s.summary();
  },
  shopper(input: { shopper: number; timeline?: number }, _ctx: JobContext): ShopperView {
    return need().view(input.shopper, input.timeline ?? 30);
  },
  /** Shoppers that have a feed (for "random shopper"). */
  shoppers(_: null, _ctx: JobContext): Uint32Array {
    return Uint32Array.from(need().shoppersWithFeeds());
  },
  async speed(input: { dataset: Dataset; repeats?: number }, _ctx: JobContext): Promise<SpeedOutput> {
    const r = await measureFeedSpeed(input.dataset, { repeats: input.repeats ?? 3 });
    return {
      backend,
      shoppers: r.shoppers,
      feedsAllSeconds: median(r.feedsAllSeconds),
      indexSeconds: r.indexSeconds,
      refreshSeconds: median(r.refreshSeconds),
      refreshShoppers: r.refreshShoppers,
      repeats: { feedsAll: r.feedsAllSeconds, refresh: r.refreshSeconds },
    };
  },
};

export type FeedsJobs = typeof handlers;

exposeJobs(handlers);
