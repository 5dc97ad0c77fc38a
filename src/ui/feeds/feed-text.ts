/** Words for the Feeds panel: explanation chips, item names, shopper search. Pure functions (tested). */
import type { FeedReason } from '../../core/feeds/composer';
import type { Dataset, ItemTable } from '../../core/data/types';

export function itemName(items: Pick<ItemTable, 'title' | 'ids'>, item: number): string {
  return items.title[item] || items.ids[item] || `item ${item}`;
}

/** "because you bought WHITE HANGING HEART…" / "because you viewed …". */
export function reasonText(items: Pick<ItemTable, 'title' | 'ids'>, r: Pick<FeedReason, 'query' | 'action'>): string {
  return `because you ${r.action === 'purchase' ? 'bought' : 'viewed'} ${itemName(items, r.query)}`;
}

/** Shoppers whose id contains the query (case-insensitive), those starting with it first; at most `limit`. */
export function searchShoppers(ds: Pick<Dataset, 'shoppers'>, query: string, limit = 12, allowed?: ArrayLike<number> | null): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const ok = allowed ? new Set(Array.from(allowed)) : null;
  const starts: number[] = [];
  const contains: number[] = [];
  for (let s = 0; s < ds.shoppers.length && starts.length < limit; s++) {
    if (ok && !ok.has(s)) continue;
    const id = ds.shoppers[s].toLowerCase();
    if (id.startsWith(q)) starts.push(s);
    else if (contains.length < limit && id.includes(q)) contains.push(s);
  }
  return [...starts, ...contains].slice(0, limit);
}

export function formatPrice(p: number): string {
  return Number.isFinite(p) ? p.toFixed(2) : '';
}
