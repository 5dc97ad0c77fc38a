/**
 * Pfeed step 4 — the feed composer. No model runs at feed time: a shopper is their recent query
 * items; each query's precomputed targets come from the lookup table.
 *   1. queries: the shopper's view-like and purchase events, most recent first, each distinct
 *      (item, role) once at its latest time, at most `maxQueries` (100); views → view-query role,
 *      purchases → buy-query role.
 *   2. candidates: up to `targetsPerQuery` (10) targets per query; a target's score is
 *      Σ_q w_q · max(0, s_qt), w_q = role weight · 2^(−age_q / half-life) (recent queries weigh more).
 *   3. business rules: only the indexed target set; drop items the shopper already bought.
 *   4. rank by score, then diversity: at most `maxPerCategory` items of one category, and MMR on
 *      the target embeddings when `mmrLambda` < 1.
 *   5. popularity (`recentPurchaseCounts` over `popularityDays` before the composition time):
 *      with `popularityWeight` w > 0 the score is (1 − w) · personal / max personal + w ·
 *      popularity / max popularity; with `popularityPool` 'popular' (default) the most popular
 *      allowed items join the candidates, with 'candidates' the prior only re-ranks the items
 *      some query produced. With `popularBackfill` a feed short of candidates is filled with the
 *      most popular allowed items (score 0), so every feed has `length` items while the indexed
 *      set allows it. Ties rank the more popular item first.
 * Every feed item keeps the query items that produced it (item, action, time, contribution),
 * strongest first: the explanation. A popular item that no query produced has none — it can only
 * come from `popularityPool` 'popular' or `popularBackfill`; without them every item has one.
 */
import type { ItemTable } from '../data/types';
import { QUERY_ROLES, type LookupTable } from '../retrieval/lookup-table';
import { parseFeedConfig, type FeedConfig, type FeedConfigInput } from './config';
import { ShopperEvents, type FeedAction, type HistoryView } from './history';
import { recentPurchaseCounts } from './popularity';
import type { Dataset } from '../data/types';

export interface FeedReason {
  /** The query item (one of the shopper's own items). */
  query: number;
  action: FeedAction;
  /** Time of the shopper's (latest) event on the query item in that role. */
  time: number;
  /** This query's share of the item's score. */
  contribution: number;
}

export interface FeedItem {
  item: number;
  /** Ranking score = Σ because[].contribution (all of them, not only the kept reasons) + prior. */
  score: number;
  because: FeedReason[];
  /** The popularity prior's share of the score (absent when `popularityWeight` is 0). */
  prior?: number;
}

export interface Feed {
  shopper: number;
  /** Composition time (ms); recency is measured from here. */
  at: number;
  items: FeedItem[];
  /** Queries used, and how many of them had a row in the lookup table. */
  queries: number;
  queriesInTable: number;
}

const DAY_MS = 86_400_000;

export class FeedComposer {
  readonly cfg: FeedConfig;
  private readonly score: Float64Array;
  private readonly stamp: Int32Array;
  private readonly bought: Int32Array;
  private readonly candIndex: Int32Array;
  private readonly seenQ: Int32Array;
  private readonly inSet: Uint8Array;
  /** Popularity / its maximum over the indexed set (null without a prior). */
  private readonly popNorm: Float64Array | null = null;
  /** Indexed items with popularity > 0, most popular first (ties: lower index). */
  private readonly popRanked: Int32Array = new Int32Array(0);
  private tick = 0;

  constructor(
    private readonly table: LookupTable,
    private readonly items: Pick<ItemTable, 'length' | 'category'>,
    config: FeedConfigInput | FeedConfig = {},
    /** Target-role embeddings (N × dim), needed only for MMR. */
    private readonly targetEmb: { data: Float32Array; dim: number } | null = null,
    /**
     * Item popularity (item table order, ≥ 0), e.g. `recentPurchaseCounts` before the
     * composition time (`composerFor` counts it): needed for the popularity prior
     * (`popularityWeight` > 0); the popular backfill and the popularity tie-break use it when
     * given (without it, neither happens).
     */
    popularity: ArrayLike<number> | null = null,
  ) {
    this.cfg = parseFeedConfig(config);
    if (this.cfg.mmrLambda < 1 && !targetEmb) throw new Error('MMR (mmrLambda < 1) needs the target-role embeddings.');
    const n = items.length;
    if (table.nItems !== n) throw new Error(`The lookup table was built for ${table.nItems} items but the catalogue has ${n}.`);
    this.score = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.bought = new Int32Array(n);
    this.candIndex = new Int32Array(n);
    this.seenQ = new Int32Array(n * 2);
    this.inSet = new Uint8Array(n);
    for (const i of table.targetSet) this.inSet[i] = 1;
    if (this.cfg.popularityWeight > 0 && !popularity) throw new Error('The popularity prior (popularityWeight > 0) needs item popularity (recentPurchaseCounts; composerFor counts it).');
    if (popularity && popularity.length !== n) throw new Error(`Item popularity has ${popularity.length} entries but the catalogue has ${n} items.`);
    if (popularity) {
      let max = 0;
      const ranked: number[] = [];
      for (const i of table.targetSet) if (popularity[i] > 0) (ranked.push(i), (max = Math.max(max, popularity[i])));
      const norm = new Float64Array(n);
      for (const i of ranked) norm[i] = popularity[i] / max;
      ranked.sort((a, b) => norm[b] - norm[a] || a - b);
      this.popNorm = norm;
      this.popRanked = Int32Array.from(ranked);
    }
  }

  /** The feed of one shopper from their history (every event in `h` counts; pass only events up to `at`). */
  compose(shopper: number, h: HistoryView, at: number): Feed {
    const cfg = this.cfg;
    const t = ++this.tick;
    const halfLife = cfg.recencyHalfLifeDays * DAY_MS;
    // bought items (all of the history) and the query list, most recent first
    const qItem: number[] = [];
    const qRole: number[] = [];
    const qTime: number[] = [];
    for (let k = h.length - 1; k >= 0; k--) {
      const item = h.item(k);
      const act = h.action(k);
      const r = act === 'purchase' ? 1 : 0;
      if (r === 1) this.bought[item] = t;
      if (qItem.length < cfg.maxQueries && this.seenQ[item * 2 + r] !== t) {
        this.seenQ[item * 2 + r] = t;
        qItem.push(item);
        qRole.push(r);
        qTime.push(h.time(k));
      }
    }
    // candidates
    const cand: number[] = [];
    const reasons: FeedReason[][] = [];
    let inTable = 0;
    for (let q = 0; q < qItem.length; q++) {
      const rt = this.table.roles[QUERY_ROLES[qRole[q] === 1 ? 1 : 0]];
      const row = rt.rowOf[qItem[q]];
      if (row < 0) continue;
      inTable++;
      const age = Math.max(0, at - qTime[q]);
      const w = (qRole[q] === 1 ? cfg.buyWeight : cfg.viewWeight) * Math.pow(2, -age / halfLife);
      const kMax = Math.min(cfg.targetsPerQuery, this.table.k);
      for (let j = 0; j < kMax; j++) {
        const item = rt.targets[row * this.table.k + j];
        if (item < 0) break;
        if (this.inSet[item] !== 1) continue;
        if (cfg.excludeBought && this.bought[item] === t) continue;
        const c = w * Math.max(0, rt.scores[row * this.table.k + j]);
        if (this.stamp[item] !== t) {
          this.stamp[item] = t;
          this.score[item] = 0;
          this.candIndex[item] = cand.length;
          cand.push(item);
          reasons.push([]);
        }
        this.score[item] += c;
        reasons[this.candIndex[item]].push({ query: qItem[q], action: qRole[q] === 1 ? 'purchase' : 'view', time: qTime[q], contribution: c });
      }
    }
    const prior = this.popNorm && cfg.popularityWeight > 0 ? this.blendPopularity(cand, reasons, t) : null;
    const pop = this.popNorm;
    cand.sort(pop ? (a, b) => this.score[b] - this.score[a] || pop[b] - pop[a] || a - b : (a, b) => this.score[b] - this.score[a] || a - b);
    // with the prior on a 'popular' pool the popular items are candidates already (blendPopularity);
    // otherwise the backfill goes after the ranked candidates (score 0, prior 0)
    if (pop && cfg.popularBackfill && !(prior && cfg.popularityPool === 'popular')) this.backfill(cand, reasons, t);
    const picked = this.diversify(cand);
    const items: FeedItem[] = picked.map((item) => {
      const c = this.candIndex[item];
      const because = reasons[c].sort((a, b) => b.contribution - a.contribution || b.time - a.time).slice(0, cfg.maxReasons);
      return prior ? { item, score: this.score[item], because, prior: c < prior.length ? prior[c] : 0 } : { item, score: this.score[item], because };
    });
    return { shopper, at, items, queries: qItem.length, queriesInTable: inTable };
  }

  /**
   * The popularity prior: score = (1 − w) · personal / max personal + w · popularity / max
   * popularity, w = popularityWeight; with popularityPool 'popular' the most popular indexed items
   * the rules allow join the candidates first (a feed is never short while popular items remain),
   * with 'candidates' only the query-produced candidates are scored. Contributions are rescaled
   * so that score = Σ contributions + prior still holds. Returns each candidate's prior.
   */
  private blendPopularity(cand: number[], reasons: FeedReason[][], t: number): Float64Array {
    const cfg = this.cfg;
    const w = cfg.popularityWeight;
    const pop = this.popNorm!;
    if (cfg.popularityPool === 'popular') this.backfill(cand, reasons, t);
    let max = 0;
    for (const item of cand) if (this.score[item] > max) max = this.score[item];
    const scale = max > 0 ? (1 - w) / max : 0;
    const prior = new Float64Array(cand.length);
    for (let c = 0; c < cand.length; c++) {
      const item = cand[c];
      prior[c] = w * pop[item];
      this.score[item] = this.score[item] * scale + prior[c];
      for (const r of reasons[c]) r.contribution *= scale;
    }
    return prior;
  }

  /** Appends the most popular allowed items that are not candidates yet (score 0, no reasons), enough to fill the feed after the category cap. */
  private backfill(cand: number[], reasons: FeedReason[][], t: number): void {
    const cfg = this.cfg;
    let need = cfg.length * 2;
    for (let r = 0; r < this.popRanked.length && need > 0; r++) {
      const item = this.popRanked[r];
      if (this.stamp[item] === t || (cfg.excludeBought && this.bought[item] === t)) continue;
      this.stamp[item] = t;
      this.score[item] = 0;
      this.candIndex[item] = cand.length;
      cand.push(item);
      reasons.push([]);
      need--;
    }
  }

  private diversify(ranked: number[]): number[] {
    const cfg = this.cfg;
    const cap = cfg.maxPerCategory;
    const perCat = new Map<number, number>();
    const allowed = (item: number): boolean => {
      if (cap === 0) return true;
      const c = this.items.category[item];
      return c === 0 || (perCat.get(c) ?? 0) < cap;
    };
    const take = (item: number): void => {
      const c = this.items.category[item];
      if (c !== 0) perCat.set(c, (perCat.get(c) ?? 0) + 1);
    };
    const out: number[] = [];
    if (cfg.mmrLambda >= 1 || !this.targetEmb) {
      for (const item of ranked) {
        if (out.length >= cfg.length) break;
        if (!allowed(item)) continue;
        take(item);
        out.push(item);
      }
      return out;
    }
    // MMR over the best 5 × length candidates: λ · relevance (scaled to [0, 1]) − (1 − λ) · max similarity to the picked
    const { data, dim } = this.targetEmb;
    const pool = ranked.slice(0, cfg.length * 5);
    const top = pool.length ? this.score[pool[0]] || 1 : 1;
    const maxSim = new Float64Array(pool.length).fill(0);
    const used = new Uint8Array(pool.length);
    const lambda = cfg.mmrLambda;
    while (out.length < cfg.length) {
      let best = -1;
      let bestV = -Infinity;
      for (let p = 0; p < pool.length; p++) {
        if (used[p] || !allowed(pool[p])) continue;
        const v = lambda * (this.score[pool[p]] / top) - (1 - lambda) * (out.length ? maxSim[p] : 0);
        if (v > bestV) (bestV = v), (best = p);
      }
      if (best < 0) break;
      used[best] = 1;
      const item = pool[best];
      take(item);
      out.push(item);
      const o = item * dim;
      for (let p = 0; p < pool.length; p++) {
        if (used[p]) continue;
        const o2 = pool[p] * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += data[o + d] * data[o2 + d];
        if (s > maxSim[p]) maxSim[p] = s;
      }
    }
    return out;
  }
}

/**
 * A composer for feeds composed at `at` on `ds`: item popularity (purchases in the config's
 * `popularityDays` before `at`) is counted when the config uses it.
 */
export function composerFor(
  table: LookupTable,
  ds: Pick<Dataset, 'items' | 'events'>,
  config: FeedConfigInput | FeedConfig,
  at: number,
  targetEmb: { data: Float32Array; dim: number } | null = null,
): FeedComposer {
  const cfg = parseFeedConfig(config);
  const pop = cfg.popularityWeight > 0 || cfg.popularBackfill ? recentPurchaseCounts(ds, at, cfg.popularityDays) : null;
  return new FeedComposer(table, ds.items, cfg, targetEmb, pop);
}

export interface ComposeAllOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, note?: string) => void;
}

/** Feeds at `at` for the given shoppers (default: every shopper with a query event). */
export function composeAll(composer: FeedComposer, events: ShopperEvents, at: number, shoppers: ArrayLike<number> = events.shoppers(), opts: ComposeAllOptions = {}): Feed[] {
  const out: Feed[] = new Array(shoppers.length);
  for (let r = 0; r < shoppers.length; r++) {
    if ((r & 255) === 0) {
      if (opts.signal?.aborted) {
        const e = new Error('Composing feeds was cancelled.');
        e.name = 'AbortError';
        throw e;
      }
      opts.onProgress?.(r, shoppers.length, 'feeds');
    }
    out[r] = composer.compose(shoppers[r], events.history(shoppers[r]), at);
  }
  opts.onProgress?.(shoppers.length, shoppers.length, 'feeds');
  return out;
}
