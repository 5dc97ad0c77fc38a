/** Hand-made datasets for tests: events given as rows, sorted by time here (stable). */
import { EventTableBuilder } from '../../data/event-builder';
import { ACTION_CODE, NO_BASKET, NO_SHOPPER, type ActionKind, type Dataset, type ItemTable } from '../../data/types';

export interface TinyEvent {
  /** Shopper id string ('' = anonymous). */
  s: string;
  /** Item id string. */
  i: string;
  a?: ActionKind;
  /** Time in ms. */
  t: number;
  /** Basket id string (omitted = none). */
  b?: string;
  v?: number;
}

export function tinyItems(ids: readonly string[]): ItemTable {
  const n = ids.length;
  return {
    length: n,
    ids,
    title: ids.map((id) => `title ${id}`),
    category: new Uint32Array(n),
    categories: [''],
    brand: new Uint32Array(n),
    brands: [''],
    price: new Float32Array(n).fill(NaN),
    firstSeen: new Float64Array(n).fill(NaN),
    flags: new Uint8Array(n),
  };
}

/**
 * A Dataset from rows. Items are indexed in `itemIds` order (extra ids from rows appended),
 * shoppers and baskets in order of first appearance (after sorting by time).
 */
export function tinyDataset(rows: readonly TinyEvent[], itemIds: readonly string[] = [], name = 'tiny'): Dataset {
  const sorted = rows.map((r, k) => ({ r, k })).sort((x, y) => x.r.t - y.r.t || x.k - y.k);
  const items = [...itemIds];
  const itemIndex = new Map(items.map((id, k) => [id, k]));
  const shoppers: string[] = [];
  const shopperIndex = new Map<string, number>();
  const baskets: string[] = [];
  const basketIndex = new Map<string, number>();
  const intern = (m: Map<string, number>, list: string[], id: string): number => {
    let k = m.get(id);
    if (k === undefined) {
      k = list.length;
      m.set(id, k);
      list.push(id);
    }
    return k;
  };
  const b = new EventTableBuilder(rows.length);
  let anyBasket = false;
  for (const { r } of sorted) {
    const s = r.s === '' ? NO_SHOPPER : intern(shopperIndex, shoppers, r.s);
    const it = intern(itemIndex, items, r.i);
    const bk = r.b === undefined ? NO_BASKET : intern(basketIndex, baskets, r.b);
    if (r.b !== undefined) anyBasket = true;
    b.push(s, it, ACTION_CODE[r.a ?? 'purchase'], r.t, 0, NaN, bk, r.v ?? NaN);
  }
  return {
    name,
    events: b.finish(),
    items: tinyItems(items),
    shoppers,
    baskets,
    fields: {
      device: false,
      duration: false,
      basket: anyBasket,
      value: rows.some((r) => r.v !== undefined),
      title: true,
      category: false,
      brand: false,
      price: false,
      realTime: true,
    },
    meta: {},
  };
}

/** Pairs as 'q>i' strings of item ids, for readable expectations. */
export function pairNames(ds: Dataset, p: { q: Uint32Array; i: Uint32Array }): string[] {
  const out: string[] = [];
  for (let j = 0; j < p.q.length; j++) out.push(`${ds.items.ids[p.q[j]]}>${ds.items.ids[p.i[j]]}`);
  return out;
}
