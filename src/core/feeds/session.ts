/**
 * One dataset's feeds, as the Feeds panel and the bench hold them: role embeddings (given, or the
 * stand-in), the lookup table of the chosen target set, every shopper's feed at `at` (default: the
 * dataset's last event), and the shopper histories for the timeline and the refresh.
 */
import { ACTION_CODE, type Dataset, type ProgressFn } from '../data/types';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { buildLookupTable, lookupTableBytes, type LookupTable } from '../retrieval/lookup-table';
import { isViewLike } from '../eval/splits/p3-pairs';
import { composeAll, composerFor, FeedComposer, type Feed } from './composer';
import { parseFeedConfig, type FeedConfig, type FeedConfigInput } from './config';
import { ShopperEvents, type FeedAction, type NewEvents } from './history';
import { bookOf, refreshFeeds, type FeedBook, type RefreshReport } from './refresh';
import { standInRoleEmbeddings } from './standin-embeddings';
import type { FeedEncoderInfo } from './feed-encoder';
import { parseTargetSetRule, selectTargetSet, suggestTargetSets, targetSetName, targetSetTitle, type TargetSetChoice, type TargetSetRule, type TargetSetRuleInput } from './target-sets';

export interface FeedSessionSummary {
  dataset: string;
  at: number;
  /** 'standin-coengagement' or the encoder's source. */
  embeddings: string;
  /** How the role embeddings were made (SIMO run, or the stand-in and why). */
  encoder: FeedEncoderInfo;
  hasViews: boolean;
  targetSet: { name: string; title: string; size: number; rule: TargetSetRule };
  choices: TargetSetChoice[];
  viewQueries: number;
  buyQueries: number;
  k: number;
  tableBytes: number;
  shoppers: number;
  emptyFeeds: number;
  seconds: { embed: number; index: number; feeds: number };
  config: FeedConfig;
}

export interface TimelineEntry {
  item: number;
  action: FeedAction;
  time: number;
}

export interface ShopperView {
  shopper: number;
  /** Most recent first. */
  timeline: TimelineEntry[];
  /** Query events in the history in total. */
  events: number;
  feed: Feed | null;
}

export interface FeedSessionOptions {
  embeddings?: ItemRoleEmbeddings;
  /** How `embeddings` were made (default: 'standin' when none are given, else an unnamed encoder). */
  encoderInfo?: FeedEncoderInfo;
  rule?: TargetSetRuleInput;
  config?: FeedConfigInput;
  k?: number;
  at?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

const secondsSince = (t: number): number => (performance.now() - t) / 1000;

export function datasetHasViews(ds: Dataset): boolean {
  const a = ds.events.action;
  for (let e = 0; e < a.length; e++) if (isViewLike(a[e])) return true;
  return false;
}

export class FeedSession {
  private table!: LookupTable;
  private composer!: FeedComposer;
  private book!: FeedBook;
  private rule!: TargetSetRule;
  private seconds = { embed: 0, index: 0, feeds: 0 };
  readonly events: ShopperEvents;
  readonly hasViews: boolean;
  readonly choices: TargetSetChoice[];

  private constructor(
    readonly ds: Dataset,
    readonly emb: ItemRoleEmbeddings,
    readonly encoderInfo: FeedEncoderInfo,
    readonly cfg: FeedConfig,
    readonly k: number,
    readonly at: number,
  ) {
    this.events = new ShopperEvents(ds, at);
    this.hasViews = datasetHasViews(ds);
    this.choices = suggestTargetSets(ds, at);
  }

  static async create(ds: Dataset, opts: FeedSessionOptions = {}): Promise<FeedSession> {
    if (ds.events.length === 0) throw new Error('The dataset has no events: there is nothing to compose feeds from.');
    const purchases = ds.events.action.some((a) => a === ACTION_CODE.purchase);
    if (!purchases) throw new Error('The dataset has no purchases: Pfeed needs purchases (buy-query role) to compose feeds.');
    // `at` just after the last event: every event is history
    const at = opts.at ?? ds.events.timestamp[ds.events.length - 1] + 1;
    const cfg = parseFeedConfig(opts.config ?? {});
    const t = performance.now();
    opts.onProgress?.(0, 3, 'role embeddings');
    const emb = opts.embeddings ?? standInRoleEmbeddings(ds, { before: at });
    const info: FeedEncoderInfo =
      opts.encoderInfo ?? (opts.embeddings ? { kind: 'simo', fallbackReason: '', seconds: 0 } : { kind: 'standin', fallbackReason: 'no encoder was given', seconds: 0 });
    const s = new FeedSession(ds, emb, info, cfg, opts.k ?? 10, at);
    s.seconds.embed = secondsSince(t);
    await s.setTargetSet(opts.rule ?? { kind: 'all' }, opts.onProgress, opts.signal);
    return s;
  }

  /** Indexes another target set and recomposes every feed. */
  async setTargetSet(ruleInput: TargetSetRuleInput, onProgress?: ProgressFn, signal?: AbortSignal): Promise<void> {
    const rule = parseTargetSetRule(ruleInput);
    const set = selectTargetSet(this.ds, rule);
    if (set.length === 0) throw new Error(`The target set "${targetSetName(rule)}" is empty on this dataset.`);
    let t = performance.now();
    const table = await buildLookupTable(this.ds, this.emb, set, {
      k: this.k,
      cutoff: this.at,
      targetSetName: targetSetName(rule),
      signal,
      onProgress: onProgress && ((d, tot) => onProgress(d, tot * 2, 'lookup table')),
    });
    const index = secondsSince(t);
    const composer = composerFor(table, this.ds, this.cfg, this.at, this.cfg.mmrLambda < 1 ? { data: this.emb.target, dim: this.emb.dim } : null);
    t = performance.now();
    const shoppers = this.events.shoppers();
    const feeds = composeAll(composer, this.events, this.at, shoppers, {
      signal,
      onProgress: onProgress && ((d, tot) => onProgress(tot + d, tot * 2, 'feeds')),
    });
    this.seconds = { ...this.seconds, index, feeds: secondsSince(t) };
    this.table = table;
    this.composer = composer;
    this.rule = rule;
    this.book = bookOf(feeds, this.at);
  }

  get lookupTable(): LookupTable {
    return this.table;
  }

  summary(): FeedSessionSummary {
    let empty = 0;
    for (const f of this.book.feeds.values()) if (f.items.length === 0) empty++;
    return {
      dataset: this.ds.name,
      at: this.at,
      embeddings: this.emb.source,
      encoder: this.encoderInfo,
      hasViews: this.hasViews,
      targetSet: { name: targetSetName(this.rule), title: targetSetTitle(this.rule), size: this.table.targetSet.length, rule: this.rule },
      choices: this.choices,
      viewQueries: this.table.roles['view-query'].queries.length,
      buyQueries: this.table.roles['buy-query'].queries.length,
      k: this.table.k,
      tableBytes: lookupTableBytes(this.table),
      shoppers: this.book.feeds.size,
      emptyFeeds: empty,
      seconds: this.seconds,
      config: this.cfg,
    };
  }

  /** Every shopper's current feed (empty ones included), shoppers ascending: what the export writes. */
  feeds(): Feed[] {
    return this.shoppersWithFeeds().map((s) => this.book.feeds.get(s) as Feed);
  }

  /** Shoppers that have a feed, ascending. */
  shoppersWithFeeds(): number[] {
    return [...this.book.feeds.keys()].sort((a, b) => a - b);
  }

  view(shopper: number, timelineLength = 30): ShopperView {
    const h = this.events.history(shopper);
    const timeline: TimelineEntry[] = [];
    for (let k = h.length - 1; k >= 0 && timeline.length < timelineLength; k--) timeline.push({ item: h.item(k), action: h.action(k), time: h.time(k) });
    return { shopper, timeline, events: h.length, feed: this.book.feeds.get(shopper) ?? null };
  }

  refresh(fresh: NewEvents, now: number, activeMinutes?: number): RefreshReport {
    return refreshFeeds(this.book, this.events, this.composer, fresh, now, activeMinutes);
  }
}
