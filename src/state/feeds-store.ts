/** Feeds panel state (UI only: the lookup table and the feeds stay in the feeds worker). */
import { create } from 'zustand';
import type { FeedSessionSummary, ShopperView } from '../core/feeds/session';

export interface FeedsState {
  /** datasetVersion the feeds were composed for (null = none yet). */
  composedFor: number | null;
  summary: FeedSessionSummary | null;
  busy: string | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  /** Shoppers that have a feed, ascending (for "random shopper"). */
  shoppers: Uint32Array | null;
  selected: number | null;
  view: ShopperView | null;
  demo: boolean;
}

export const useFeedsStore = create<FeedsState>(() => ({
  composedFor: null,
  summary: null,
  busy: null,
  progress: null,
  error: null,
  shoppers: null,
  selected: null,
  view: null,
  demo: false,
}));
