/**
 * Pfeed results ↔ the export contract: a lookup table (both query roles) as LookupTableExport
 * rows with external ids, feeds as FeedsExport rows (rank, item, score, the query items that
 * explain it). Used by the export stage and the incremental (daily) run.
 */
import type { Dataset } from '../data/types';
import type { Feed } from '../feeds/composer';
import type { FeedRow, FeedsExport, LookupTableExport } from '../export/types';
import { QUERY_ROLES, type LookupTable } from '../retrieval/lookup-table';

export function lookupTableExports(table: LookupTable, itemIds: readonly string[]): LookupTableExport[] {
  return QUERY_ROLES.map((role) => {
    const r = table.roles[role];
    return {
      role,
      queryIds: Array.from(r.queries, (q) => itemIds[q]),
      k: table.k,
      targetIds: Array.from(r.targets, (t) => (t < 0 ? '' : itemIds[t])),
      scores: r.scores,
    };
  });
}

/** The rows of one feed (rank 1 first). */
export function feedRows(f: Feed, ds: Pick<Dataset, 'shoppers' | 'items'>): FeedRow[] {
  const shopperId = ds.shoppers[f.shopper];
  return f.items.map((x, i) => ({ shopperId, rank: i + 1, itemId: ds.items.ids[x.item], score: x.score, explanation: x.because.map((b) => ds.items.ids[b.query]) }));
}

export function feedsExport(feeds: readonly Feed[], ds: Pick<Dataset, 'shoppers' | 'items'>, targetSet: string, composedAt: number): FeedsExport {
  return { targetSet, composedAt: new Date(composedAt).toISOString(), rows: feeds.flatMap((f) => feedRows(f, ds)) };
}
