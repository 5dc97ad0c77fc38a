/**
 * P2 end to end for one dataset: the baselines (popularity, repeat, mean-embedding when an item
 * embedding table is given) and any model passed in, on the same split, each a `metrics.json`
 * entry. The temporal split always; the disjoint variant as well when the dataset has at least
 * P2_DISJOINT_MIN_SHOPPERS shoppers (or when asked). Entries carry `split: 'temporal' | 'disjoint'`
 * and `recall@10_ci95: [lo, hi]` beside the metrics.
 */
import type { Dataset } from '../data/types';
import type { MetricsEntry } from './metrics-json';
import { evaluateP2, type P2EvalOptions, type P2Progress, type P2Result, type P2Scorer } from './p2-metrics';
import { p2PopularityCounts, popularityP2Scorer, repeatLists, repeatP2Scorer } from './p2-baselines';
import { P2_DISJOINT_MIN_SHOPPERS, p2Split, type P2Options, type P2Split, type P2Variant } from './splits/p2-shopper-to-item';

export const P2_BASELINES = ['popularity', 'repeat', 'mean-embedding'] as const;
export type P2Baseline = (typeof P2_BASELINES)[number];

/** A model to evaluate: builds its scorer for a split (it must use only events before split.t0). */
export interface P2ModelSpec {
  model: string;
  variant?: string;
  scorer(split: P2Split, ds: Dataset): P2Scorer | Promise<P2Scorer>;
  /** train / infer seconds to report (eval is measured here). */
  seconds?: Record<string, number>;
  extra?: Record<string, unknown>;
}

export interface P2SuiteOptions {
  /** Split options (window, history length, seed); `variant` is set per run. */
  split?: Omit<P2Options, 'variant'>;
  /** Split variants to run; default temporal, plus disjoint from P2_DISJOINT_MIN_SHOPPERS shoppers. */
  variants?: readonly P2Variant[];
  /** Baselines to compute (default all three; mean-embedding only with `itemEmbeddings`). */
  baselines?: readonly P2Baseline[];
  /** Item embedding table (e.g. PinSage's) for mean-embedding: nItems × dim. */
  itemEmbeddings?: { emb: Float32Array; dim: number; source?: string };
  models?: readonly P2ModelSpec[];
  eval?: Omit<P2EvalOptions, 'signal' | 'onProgress'>;
  signal?: AbortSignal;
  log?(line: string): void;
  onProgress?(stage: string, p: P2Progress): void;
}

/** One metrics.json entry from a P2 result. */
export function p2Entry(
  r: P2Result,
  model: string,
  variant: string | undefined,
  split: P2Split,
  seconds: Record<string, number>,
  extra: Record<string, unknown> = {},
): MetricsEntry {
  return {
    protocol: 'P2',
    model,
    ...(variant ? { variant } : {}),
    split: split.variant,
    metrics: { ...r.metrics },
    'recall@10_ci95': r.ci95,
    counts: { ...r.counts },
    seconds: { train: 0, infer: 0, ...seconds },
    window_days: split.windowDays,
    history_length: split.historyLength,
    t0: new Date(split.t0).toISOString(),
    ...extra,
  };
}

export function defaultP2Variants(ds: Dataset): P2Variant[] {
  return ds.shoppers.length >= P2_DISJOINT_MIN_SHOPPERS ? ['temporal', 'disjoint'] : ['temporal'];
}

export async function runP2Suite(ds: Dataset, opts: P2SuiteOptions = {}): Promise<MetricsEntry[]> {
  const log = opts.log ?? (() => undefined);
  const out: MetricsEntry[] = [];
  const baselines = opts.baselines ?? P2_BASELINES;
  for (const variant of opts.variants ?? defaultP2Variants(ds)) {
    const split = p2Split(ds, { ...opts.split, variant });
    log(`P2 ${variant}: t0 ${new Date(split.t0).toISOString()}, ${split.shoppers.length} eval shoppers, ${split.targetPairs} target pairs`);
    const run = async (model: string, v: string | undefined, scorer: P2Scorer, seconds: Record<string, number>, extra?: Record<string, unknown>): Promise<void> => {
      const t = performance.now();
      const stage = `${model}${v ? '/' + v : ''}@${variant}`;
      const r = await evaluateP2(ds.items.length, split, scorer, { ...opts.eval, signal: opts.signal, onProgress: (p) => opts.onProgress?.(stage, p) });
      const e = p2Entry(r, model, v, split, { ...seconds, eval: (performance.now() - t) / 1000 }, extra);
      out.push(e);
      log(`${stage} ${JSON.stringify(e.metrics)}`);
    };
    if (baselines.includes('popularity') || baselines.includes('repeat')) {
      const pop = p2PopularityCounts(ds, split);
      if (baselines.includes('popularity')) await run('popularity', undefined, popularityP2Scorer(pop), {});
      if (baselines.includes('repeat')) await run('repeat', undefined, repeatP2Scorer(repeatLists(ds, split), pop), {});
    }
    if (baselines.includes('mean-embedding') && opts.itemEmbeddings) {
      const { emb, dim, source } = opts.itemEmbeddings;
      // loaded on demand: the only tfjs user here (the page runs the other baselines without tfjs)
      const { meanEmbeddingP2Scorer } = await import('./p2-mean-embedding');
      const sc = meanEmbeddingP2Scorer(ds, split, emb, dim);
      try {
        await run('mean-embedding', undefined, sc, {}, source ? { item_embeddings: source } : {});
      } finally {
        sc.dispose();
      }
    }
    for (const m of opts.models ?? []) {
      const sc = await m.scorer(split, ds);
      try {
        await run(m.model, m.variant, sc, m.seconds ?? {}, m.extra);
      } finally {
        (sc as Partial<{ dispose(): void }>).dispose?.();
      }
    }
  }
  return out;
}
