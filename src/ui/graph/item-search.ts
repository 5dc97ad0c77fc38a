/** Item search for the explorer: by exact / prefix id, then by title words (case-insensitive). */
import type { ItemTable } from '../../core/data/types';

export interface ItemHit {
  item: number;
  id: string;
  title: string;
}

/**
 * Up to `limit` items matching `query`: exact id first, then id prefixes, then titles containing
 * every word of the query (title-start matches first), each group in item order.
 */
export function searchItems(items: ItemTable, query: string, limit = 12): ItemHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const words = q.split(/\s+/);
  const exact: number[] = [];
  const prefix: number[] = [];
  const titleStart: number[] = [];
  const titleAll: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const id = items.ids[i].toLowerCase();
    if (id === q) {
      exact.push(i);
      continue;
    }
    if (id.startsWith(q)) {
      prefix.push(i);
      continue;
    }
    const t = items.title[i].toLowerCase();
    if (!t) continue;
    if (t.startsWith(q)) titleStart.push(i);
    else if (words.every((w) => t.includes(w))) titleAll.push(i);
  }
  return [...exact, ...prefix, ...titleStart, ...titleAll].slice(0, limit).map((i) => ({ item: i, id: items.ids[i], title: items.title[i] }));
}
