/**
 * JSON lines (one JSON object per line, UTF-8, every line ending in '\n'):
 * - lookup table: `{"query_id", "role", "target_ids": [...], "scores": [...]}` per query, rank order;
 * - feeds: `{"shopper_id", "target_set", "items": [{"rank", "item_id", "score", "explanation": [...]}]}`
 *   per shopper, in rank order, shoppers in order of first appearance.
 * Scores are short decimal texts (float-text.ts) that read back as the same float32; NaN becomes null.
 */
import { f32Text } from './float-text';
import { lookupRows } from './parquet';
import type { FeedsExport, LookupTableExport } from './types';

const enc = new TextEncoder();

function score(x: number): number | null {
  return Number.isFinite(x) ? Number(f32Text(x)) : null;
}

export function linesToBytes(lines: readonly string[]): Uint8Array {
  return enc.encode(lines.length ? `${lines.join('\n')}\n` : '');
}

export function lookupJsonl(t: LookupTableExport): Uint8Array {
  const byQuery = new Map<string, { ids: string[]; scores: (number | null)[] }>();
  for (const r of lookupRows(t)) {
    let e = byQuery.get(r.queryId);
    if (!e) byQuery.set(r.queryId, (e = { ids: [], scores: [] }));
    e.ids.push(r.targetId);
    e.scores.push(score(r.score));
  }
  const lines: string[] = [];
  for (const [q, e] of byQuery) lines.push(JSON.stringify({ query_id: q, role: t.role, target_ids: e.ids, scores: e.scores }));
  return linesToBytes(lines);
}

export function feedsJsonl(f: FeedsExport): Uint8Array {
  const byShopper = new Map<string, { rank: number; item_id: string; score: number | null; explanation: string[] }[]>();
  for (const r of f.rows) {
    let e = byShopper.get(r.shopperId);
    if (!e) byShopper.set(r.shopperId, (e = []));
    e.push({ rank: r.rank, item_id: r.itemId, score: score(r.score), explanation: [...r.explanation] });
  }
  const lines: string[] = [];
  for (const [s, items] of byShopper) {
    items.sort((a, b) => a.rank - b.rank);
    lines.push(JSON.stringify({ shopper_id: s, target_set: f.targetSet, items }));
  }
  return linesToBytes(lines);
}
