/**
 * What the Projector panel holds in this page session outside React state (large arrays): the
 * loaded source's point attributes and its projections (one per method).
 */
import type { PointAttributes, Projection2D } from '../../core/projector';

export const projectorSession: {
  sourceKey: string | null;
  attrs: PointAttributes | null;
  projections: Partial<Record<'pca' | 'umap', Projection2D>>;
  /** Data points of the current selection (lasso or search), drawn highlighted. */
  selected: number[];
} = { sourceKey: null, attrs: null, projections: {}, selected: [] };

/** Data point of scatter index j of a projection. */
export function pointOf(p: Projection2D, j: number): number {
  return p.rows ? p.rows[j] : j;
}

/** Scatter index of data point i in a projection, or -1 when the point is not drawn (not in the sample). */
export function scatterIndexOf(p: Projection2D, i: number): number {
  if (!p.rows) return i;
  let lo = 0;
  let hi = p.rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p.rows[mid] === i) return mid;
    if (p.rows[mid] < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
