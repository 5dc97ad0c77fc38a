/**
 * A Feeds-panel session's lookup tables (both query roles) and every shopper's feed, mapped onto the
 * export contract (src/core/export/types.ts) exactly as the batch pipeline maps its pfeed stage
 * (src/core/pipeline/pfeed-export.ts), so the Export panel writes the same pfeed/lookup-ROLE.* and
 * pfeed/feeds.* files the CLI writes, plus the row counts those files will hold.
 */
import type { FeedsExport, LookupTableExport } from '../export/types';
import { feedsExport, lookupTableExports } from '../pipeline/pfeed-export';
import type { FeedSession } from './session';

export interface PfeedExportCounts {
  /** Per query role: queries with at least one target (JSONL lines) and (query, target) rows (Parquet rows). */
  lookup: { role: string; queries: number; rows: number }[];
  /** Shoppers with a non-empty feed (JSONL lines) and (shopper, rank) rows (Parquet rows). */
  feeds: { shoppers: number; rows: number };
}

export interface PfeedExport {
  dataset: string;
  targetSet: string;
  /** What made the role embeddings ('simo' or 'standin'). */
  encoder: 'simo' | 'standin';
  lookupTables: LookupTableExport[];
  feeds: FeedsExport;
  counts: PfeedExportCounts;
}

export function pfeedCounts(tables: readonly LookupTableExport[], feeds: FeedsExport): PfeedExportCounts {
  const lookup = tables.map((t) => {
    let queries = 0;
    let rows = 0;
    for (let q = 0; q < t.queryIds.length; q++) {
      let n = 0;
      for (let j = 0; j < t.k; j++) if (t.targetIds[q * t.k + j] !== '') n++;
      rows += n;
      if (n > 0) queries++;
    }
    return { role: t.role, queries, rows };
  });
  return { lookup, feeds: { shoppers: new Set(feeds.rows.map((r) => r.shopperId)).size, rows: feeds.rows.length } };
}

export function sessionPfeedExport(s: FeedSession): PfeedExport {
  const table = s.lookupTable;
  const lookupTables = lookupTableExports(table, s.ds.items.ids);
  const feeds = feedsExport(s.feeds(), s.ds, table.targetSetName, s.at);
  return { dataset: s.ds.name, targetSet: table.targetSetName, encoder: s.encoderInfo.kind, lookupTables, feeds, counts: pfeedCounts(lookupTables, feeds) };
}
