/**
 * Feeds worker: a thin adapter from named jobs (workers/runtime.ts) to src/core/feeds. Jobs:
 * init (compute backend), compose (role embeddings — SIMO trained here with a small step budget
 * by default, kept for the next compose of the same dataset and request; the stand-in when asked
 * or when SIMO cannot be trained — → lookup table → every shopper's feed),
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

export interface ComposeInput {
  dataset: Dataset;
  rule?: TargetSetRuleInput;
  config?: FeedConfigInput;
  /** Role embeddings of an encoder trained elsewhere (used as they are). */
  embeddings?: ItemRoleEmbeddings;
  /** Without `embeddings`: how to make them here (default SIMO, FEED_SIMO_STEPS steps). */
  encoder?: FeedEncoderRequest;
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
  async compose(input: ComposeInput, ctx: JobContext): Promise<FeedSessionSummary> {
    session = null;
    let embeddings = input.embeddings;
    let encoderInfo: FeedEncoderInfo | undefined = embeddings ? { kind: 'simo', fallbackReason: '', seconds: 0 } : undefined;
    if (!embeddings) {
      const req = input.encoder ?? { kind: 'simo' };
      const key = encoderKey(input.dataset, req);
      if (encoded?.key !== key) {
        encoded = null;
        encoded = { key, result: await feedEncoder(input.dataset, req, { signal: ctx.signal, onProgress: ctx.progress }) };
      }
      embeddings = encoded.result.embeddings;
      encoderInfo = encoded.result.info;
    }
    session = await FeedSession.create(input.dataset, { rule: input.rule, config: input.config, embeddings, encoderInfo, onProgress: ctx.progress, signal: ctx.signal });
    return session.summary();
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
