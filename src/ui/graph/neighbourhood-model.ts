/**
 * The graphology graph the explorer draws for one item's walk neighbourhood: the item, its top-T
 * visited items (size = importance weight, colour = category) and the shoppers the walks passed
 * through most, with the graph's edges among them. Only this neighbourhood is ever drawn.
 */
import Graph from 'graphology';
import type { Dataset } from '../../core/data/types';
import type { ItemNeighbourhood } from '../../core/graph/explain';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: 'query' | 'item' | 'shopper';
  /** Item or shopper index. */
  index: number;
  weight?: number;
  group?: string;
  forceLabel?: boolean;
}

export interface EdgeAttrs {
  size: number;
  color: string;
}

const PALETTE = ['#2f6fde', '#1aa187', '#d08a1b', '#b6457a', '#6a5acd', '#3b8fb0', '#8a9a1e', '#c0552f', '#5b6b7f', '#9c4fc9'];
export const QUERY_COLOR = '#111827';
export const SHOPPER_COLOR = '#9aa4b2';

/** Colour groups: the item's category, or — when the dataset has none — the title's last word. */
export function itemGroup(ds: Dataset, item: number): string {
  const cat = ds.items.categories[ds.items.category[item]] ?? '';
  if (ds.fields.category && cat) return cat;
  const words = ds.items.title[item].trim().split(/\s+/);
  return words.length ? words[words.length - 1].toLowerCase() : '';
}

export function groupsUseCategories(ds: Dataset): boolean {
  return ds.fields.category && ds.items.categories.length > 1;
}

function shortTitle(ds: Dataset, item: number): string {
  const t = ds.items.title[item].trim() || ds.items.ids[item];
  return t.length > 32 ? t.slice(0, 31) + '…' : t;
}

export interface NeighbourhoodGraph {
  graph: Graph<NodeAttrs, EdgeAttrs>;
  /** Colour of each group shown, in order of first appearance. */
  legend: { group: string; color: string }[];
}

export function neighbourhoodGraph(ds: Dataset, nb: ItemNeighbourhood): NeighbourhoodGraph {
  const g = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false });
  const colorOf = new Map<string, string>();
  const legend: { group: string; color: string }[] = [];
  const color = (group: string): string => {
    let c = colorOf.get(group);
    if (!c) {
      c = PALETTE[colorOf.size % PALETTE.length];
      colorOf.set(group, c);
      legend.push({ group: group || '(none)', color: c });
    }
    return c;
  };
  const n = nb.items.length;
  const maxW = n ? nb.weights[0] : 1;
  // initial positions: query at the centre, neighbours on a ring by rank, shoppers on an outer ring
  g.addNode(`i${nb.item}`, { x: 0, y: 0, size: 16, color: QUERY_COLOR, label: shortTitle(ds, nb.item), kind: 'query', index: nb.item, forceLabel: true });
  for (let k = 0; k < n; k++) {
    const it = nb.items[k];
    const a = (2 * Math.PI * k) / Math.max(1, n);
    const group = itemGroup(ds, it);
    g.addNode(`i${it}`, {
      x: Math.cos(a) * 10,
      y: Math.sin(a) * 10,
      size: 4 + 14 * Math.sqrt(nb.weights[k] / maxW),
      color: color(group),
      label: shortTitle(ds, it),
      kind: 'item',
      index: it,
      weight: nb.weights[k],
      group,
      forceLabel: k < 5,
    });
  }
  const m = nb.shoppers.length;
  const maxV = m ? nb.shopperVisits[0] : 1;
  for (let k = 0; k < m; k++) {
    const s = nb.shoppers[k];
    const a = (2 * Math.PI * (k + 0.5)) / Math.max(1, m);
    g.addNode(`s${s}`, {
      x: Math.cos(a) * 18,
      y: Math.sin(a) * 18,
      size: 2 + 4 * Math.sqrt(nb.shopperVisits[k] / maxV),
      color: SHOPPER_COLOR,
      label: `shopper ${ds.shoppers[s] ?? s}`,
      kind: 'shopper',
      index: s,
    });
  }
  for (let k = 0; k < nb.edgeShoppers.length; k++) {
    const a = `s${nb.edgeShoppers[k]}`;
    const b = `i${nb.edgeItems[k]}`;
    if (g.hasNode(a) && g.hasNode(b) && !g.hasEdge(a, b)) g.addEdge(a, b, { size: b === `i${nb.item}` ? 1.5 : 0.8, color: '#c9d0da' });
  }
  return { graph: g, legend };
}
