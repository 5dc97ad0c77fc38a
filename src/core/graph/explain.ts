/**
 * One item's walk neighbourhood with what the explorer draws: the top-T visited items (the same
 * result as `walkNeighbourhoods` for that item), the shoppers the walks passed through most, and
 * the graph edges among those nodes.
 */
import { shopperItemAt } from './entry';
import { checkWalkParams } from './params';
import { allocNeighbourhoods, clearVisits, neighboursOf, walkItem, walkScratch, writeNeighbourhood } from './walks';
import type { BipartiteGraph, WalkParams } from './types';

export interface ItemNeighbourhood {
  item: number;
  /** Top-T neighbours, best first, with L1-normalised weights and visit counts. */
  items: Uint32Array;
  weights: Float32Array;
  counts: Uint32Array;
  /** Items visited at least once (q excluded). */
  visitedItems: number;
  /** Shoppers passed through most (desc by visits, ties by index), at most `maxShoppers`. */
  shoppers: Uint32Array;
  shopperVisits: Uint32Array;
  /** Distinct shoppers passed through. */
  visitedShoppers: number;
  /** Edges among the drawn nodes as (shopper, item) pairs: shopper k ↔ item `edgeItems[k]`. */
  edgeShoppers: Uint32Array;
  edgeItems: Uint32Array;
  steps: number;
  restarts: number;
  /** Shoppers of the item in the graph (its degree). */
  degree: number;
}

export function explainItem(g: BipartiteGraph, q: number, params: WalkParams, maxShoppers = 40): ItemNeighbourhood {
  const p = checkWalkParams(params);
  if (!(q >= 0 && q < g.nItems)) throw new RangeError(`item ${q} is outside [0, ${g.nItems})`);
  const sc = walkScratch(g, p.topT);
  const sv = new Uint32Array(g.nShoppers);
  const r = walkItem(g, q, p, sc, sv);
  const nb = allocNeighbourhoods(q, 1, p.topT);
  writeNeighbourhood(sc, r.touched, p.topT, nb, 0);
  clearVisits(sc, r.touched);
  const top = neighboursOf(nb, q);

  const visited: number[] = [];
  for (let s = 0; s < g.nShoppers; s++) if (sv[s] > 0) visited.push(s);
  visited.sort((a, b) => sv[b] - sv[a] || a - b);
  const shoppers = Uint32Array.from(visited.slice(0, maxShoppers));
  const shopperVisits = Uint32Array.from(shoppers, (s) => sv[s]);

  const drawn = new Set<number>([q, ...top.items]);
  const es: number[] = [];
  const ei: number[] = [];
  for (const s of shoppers) {
    for (let k = g.shopperOffsets[s]; k < g.shopperOffsets[s + 1]; k++) {
      const it = shopperItemAt(g, k);
      if (drawn.has(it)) {
        es.push(s);
        ei.push(it);
      }
    }
  }
  return {
    item: q,
    items: top.items,
    weights: top.weights,
    counts: top.counts,
    visitedItems: r.touched,
    shoppers,
    shopperVisits,
    visitedShoppers: visited.length,
    edgeShoppers: Uint32Array.from(es),
    edgeItems: Uint32Array.from(ei),
    steps: r.steps,
    restarts: r.restarts,
    degree: g.itemOffsets[q + 1] - g.itemOffsets[q],
  };
}
