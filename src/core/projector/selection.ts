/** Statistics of a selected set of points (lasso or search): size, categories, activity, dates. */
import type { PointAttributes } from './types';

export interface SelectionStats {
  count: number;
  /** Categories by count, most frequent first ('(unknown)' for index 0 / ''). */
  categories: { category: string; count: number }[];
  meanActionCount: number;
  /** Earliest and latest first-seen time (ms) among points that have one; null when none has. */
  firstSeen: { min: number; max: number; known: number } | null;
  /** Planted clusters by count (most frequent first), when the points carry planted clusters. */
  planted: { cluster: number; count: number }[] | null;
}

export function selectionStats(attrs: PointAttributes, points: ArrayLike<number>): SelectionStats {
  const n = attrs.ids.length;
  const cats = new Map<number, number>();
  const planted = attrs.planted ? new Map<number, number>() : null;
  let actions = 0;
  let min = Infinity;
  let max = -Infinity;
  let known = 0;
  const seen = new Set<number>();
  for (let j = 0; j < points.length; j++) {
    const p = points[j];
    if (!Number.isInteger(p) || p < 0 || p >= n) throw new Error(`point ${p} is not one of the ${n} points`);
    if (seen.has(p)) continue;
    seen.add(p);
    const c = attrs.category[p];
    cats.set(c, (cats.get(c) ?? 0) + 1);
    if (planted && attrs.planted) planted.set(attrs.planted[p], (planted.get(attrs.planted[p]) ?? 0) + 1);
    actions += attrs.actionCount[p];
    const t = attrs.firstSeen[p];
    if (!Number.isNaN(t)) {
      known++;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const count = seen.size;
  return {
    count,
    categories: [...cats]
      .map(([c, k]) => ({ category: attrs.categories[c] || '(unknown)', count: k }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    meanActionCount: count ? actions / count : 0,
    firstSeen: known ? { min, max, known } : null,
    planted: planted ? [...planted].map(([cluster, k]) => ({ cluster, count: k })).sort((a, b) => b.count - a.count || a.cluster - b.cluster) : null,
  };
}

/** Points whose title or id contains `query` (case-insensitive); an empty query selects nothing. */
export function searchPoints(attrs: PointAttributes, query: string, limit = Infinity): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  for (let i = 0; i < attrs.ids.length && out.length < limit; i++) {
    if (attrs.titles[i].toLowerCase().includes(q) || attrs.ids[i].toLowerCase().includes(q)) out.push(i);
  }
  return out;
}
