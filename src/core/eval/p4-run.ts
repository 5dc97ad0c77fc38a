/**
 * P4 end to end for one dataset: role embeddings from events before t0 (the caller's encoder —
 * SIMO — or the stand-in), then per target set: lookup table (queries: items with a view or
 * purchase before t0), feeds at t0 for every eval shopper, `pfeed` and `popular-control`
 * metrics.json entries (variant = target set name).
 *
 * Every entry carries `rule`: the pfeed entry the feed config's business rule ('exclude-bought'
 * when the composer drops items the shopper already bought, else 'keep-bought'); the control is
 * written twice — `rule: 'none'`, the protocol's list identical for every shopper, and
 * `rule: 'exclude-bought'`, the same list without the shopper's past purchases (p4.ts on why).
 * With several feed configs (`feeds`) the lookup table is built once per target set and each
 * config gives one pfeed entry. With `vsControl` each pfeed entry also carries `vsControl`: its
 * difference to the control under the same rule (exclude-bought → the control exclude-bought,
 * keep-bought → the protocol's list), with the shopper-paired standard error and a bootstrap 95 %
 * interval (p4-paired.ts), for recall@feed and recall@feed_new.
 */
import type { Dataset } from '../data/types';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { buildLookupTable } from '../retrieval/lookup-table';
import { composerFor } from '../feeds/composer';
import { parseFeedConfig, type FeedConfigInput } from '../feeds/config';
import { ShopperEvents } from '../feeds/history';
import { selectTargetSet, targetSetMask, targetSetName, type TargetSetRuleInput, parseTargetSetRule } from '../feeds/target-sets';
import type { MetricsEntry } from './metrics-json';
import { p4CutOff, p4Split, popularControl, popularControlExcludingBought, purchasedBefore, scoreP4 } from './p4';
import { p4PairedDifference } from './p4-paired';

export interface P4RunOptions {
  /** Role embeddings built from events before t0 only. */
  embed: (ds: Dataset, before: number) => Promise<ItemRoleEmbeddings> | ItemRoleEmbeddings;
  targetSets?: TargetSetRuleInput[];
  feed?: FeedConfigInput;
  /** Several feed configs scored on the same tables (default: [feed]). */
  feeds?: FeedConfigInput[];
  k?: number;
  windowDays?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Add each pfeed entry's paired difference to the control under its rule (default false). */
  vsControl?: boolean;
}

const now = (): number => performance.now();

export async function runP4(ds: Dataset, opts: P4RunOptions): Promise<MetricsEntry[]> {
  const t0 = p4CutOff(ds, opts.windowDays);
  const cfgs = (opts.feeds ?? [opts.feed ?? {}]).map((f) => parseFeedConfig(f));
  const ruleOf = (excludeBought: boolean): string => (excludeBought ? 'exclude-bought' : 'keep-bought');
  let a = now();
  const emb = await opts.embed(ds, t0);
  const embedS = (now() - a) / 1000;
  opts.log?.(`embeddings (${emb.source}, d=${emb.dim}) from events before ${new Date(t0).toISOString()}: ${embedS.toFixed(1)} s`);
  const events = new ShopperEvents(ds, t0);
  const out: MetricsEntry[] = [];
  for (const input of opts.targetSets ?? [{ kind: 'all' }]) {
    const rule = parseTargetSetRule(input);
    const name = targetSetName(rule);
    const set = selectTargetSet(ds, rule, { knownBefore: t0 });
    if (set.length === 0) {
      opts.log?.(`target set ${name}: empty before t0, skipped`);
      continue;
    }
    const mask = targetSetMask(ds.items.length, set);
    const split = p4Split(ds, mask, { windowDays: opts.windowDays });
    a = now();
    const table = await buildLookupTable(ds, emb, set, { k: opts.k ?? 10, cutoff: t0, targetSetName: name, signal: opts.signal });
    const indexS = (now() - a) / 1000;
    const counts = {
      shoppers: split.shoppers.length,
      shoppers_with_pairs: split.shoppersWithPairs,
      pairs: split.pairs,
      pairs_new: split.pairsNew,
      target_set_items: set.length,
    };
    const lengths = [...new Set(cfgs.map((c) => c.length))];
    const bought = purchasedBefore(ds, split.trainEnd, split.shoppers);
    const ranking = popularControl(ds, t0, mask, ds.items.length, opts.windowDays ?? 14);
    for (const cfg of cfgs) {
      const composer = composerFor(table, ds, cfg, t0, cfg.mmrLambda < 1 ? { data: emb.target, dim: emb.dim } : null);
      a = now();
      const feeds = split.shoppers.length ? Array.from(split.shoppers, (s) => composer.compose(s, events.history(s), t0)) : [];
      const feedS = (now() - a) / 1000;
      const lists = feeds.map((f) => f.items.map((x) => x.item));
      const sc = scoreP4(split, (r) => lists[r]);
      const empty = feeds.filter((f) => f.items.length === 0).length;
      let vsControl: Record<string, unknown> | undefined;
      if (opts.vsControl) {
        const control = Array.from(split.shoppers, (s) => (cfg.excludeBought ? popularControlExcludingBought(ranking, bought.get(s), cfg.length) : ranking.subarray(0, cfg.length)));
        const all = p4PairedDifference(split, (r) => lists[r], (r) => control[r]);
        const fresh = p4PairedDifference(split, (r) => lists[r], (r) => control[r], { newOnly: true });
        vsControl = { rule: cfg.excludeBought ? 'exclude-bought' : 'none', 'recall@feed': all, 'recall@feed_new': fresh };
        opts.log?.(`P4 ${name} pfeed − control (${vsControl.rule}): ${all.diff.toFixed(4)} ± ${all.se.toFixed(4)} (ci95 ${all.ci95.map((x) => x.toFixed(4)).join('..')}), new ${fresh.diff.toFixed(4)} ± ${fresh.se.toFixed(4)}`);
      }
      out.push({
        protocol: 'P4',
        model: 'pfeed',
        variant: name,
        rule: ruleOf(cfg.excludeBought),
        metrics: { 'recall@feed': sc['recall@feed'], 'recall@feed_new': sc['recall@feed_new'] },
        counts: { ...counts, feed_length: cfg.length, hits: sc.hits, hits_new: sc.hitsNew, empty_feeds: empty, view_queries: table.roles['view-query'].queries.length, buy_queries: table.roles['buy-query'].queries.length },
        seconds: { embed: embedS, index: indexS, feeds: feedS },
        embeddings: emb.source,
        feedConfig: cfg,
        ...(vsControl ? { vsControl } : {}),
      });
      opts.log?.(
        `P4 ${name} pfeed (${ruleOf(cfg.excludeBought)}; ${set.length} items, ${split.shoppers.length} shoppers, ${split.pairs} pairs, ${split.pairsNew} new): recall@feed ${sc['recall@feed'].toFixed(4)} / new ${sc['recall@feed_new'].toFixed(4)}; index ${indexS.toFixed(2)} s, feeds ${feedS.toFixed(2)} s`,
      );
    }
    for (const length of lengths) {
      const popular = ranking.subarray(0, length);
      const pc = scoreP4(split, () => popular);
      const excl = split.shoppers.length ? Array.from(split.shoppers, (s) => popularControlExcludingBought(ranking, bought.get(s), length)) : [];
      const pe = scoreP4(split, (r) => excl[r]);
      for (const [rule, x] of [['none', pc], ['exclude-bought', pe]] as const) {
        out.push({
          protocol: 'P4',
          model: 'popular-control',
          variant: name,
          rule,
          metrics: { 'recall@feed': x['recall@feed'], 'recall@feed_new': x['recall@feed_new'] },
          counts: { ...counts, feed_length: length, hits: x.hits, hits_new: x.hitsNew },
          seconds: {},
        });
        opts.log?.(`P4 ${name} popular-control (rule ${rule}, length ${length}): recall@feed ${x['recall@feed'].toFixed(4)} / new ${x['recall@feed_new'].toFixed(4)}`);
      }
    }
  }
  return out;
}
