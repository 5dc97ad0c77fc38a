/**
 * Feeds panel state (UI only: the lookup table and the feeds stay in the feeds worker; the Export
 * panel asks the worker for them as export rows).
 */
import { create } from 'zustand';
import type { FeedSessionSummary, ShopperView } from '../core/feeds/session';
import type { SimoRunReport } from '../../workers/feeds.worker';
import { FEED_SIMO_STEPS } from '../core/feeds/feed-encoder-defaults';

export interface FeedsState {
  /** datasetVersion the feeds were composed for (null = none yet). */
  composedFor: number | null;
  summary: FeedSessionSummary | null;
  busy: string | null;
  progress: { done: number; total: number; note?: string } | null;
  /** Role embeddings of the next compose: SIMO trained in the feeds worker (default) or the stand-in. */
  encoderKind: 'simo' | 'standin';
  /** SIMO training steps of the next compose (all epochs together). */
  simoSteps: number;
  error: string | null;
  /** Shoppers that have a feed, ascending (for "random shopper"). */
  shoppers: Uint32Array | null;
  selected: number | null;
  view: ShopperView | null;
  demo: boolean;
  /** What the worker's kept SIMO encoder was trained from ([datasetVersion, request]); a compose with another key trains again. */
  simoKey: string | null;
  /** A pipeline config file's pfeed stage (Runs panel, Open a config file…): the SIMO config and target set of the next composes, until cleared. */
  fileSimo: { file: string; config: Record<string, unknown>; rule: Record<string, unknown> } | null;
  /** The SIMO run behind the current feeds (null: the stand-in) and its Runs-panel record id. */
  run: { report: SimoRunReport; recordId: string | null } | null;
}

export const useFeedsStore = create<FeedsState>(() => ({
  composedFor: null,
  summary: null,
  busy: null,
  progress: null,
  encoderKind: 'simo',
  simoSteps: FEED_SIMO_STEPS,
  error: null,
  shoppers: null,
  selected: null,
  view: null,
  demo: false,
  simoKey: null,
  fileSimo: null,
  run: null,
}));
