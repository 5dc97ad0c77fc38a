/**
 * From projection coordinates to what the WebGL scatter draws: positions in normalised device
 * coordinates ([-1, 1], aspect kept) and one colour value per point for each colour mode.
 */
import type { PointAttributes } from './types';

export type ColourMode = 'category' | 'actions' | 'firstSeen' | 'planted';

export const COLOUR_MODES: readonly { mode: ColourMode; label: string }[] = [
  { mode: 'category', label: 'Category' },
  { mode: 'actions', label: 'Action count (log)' },
  { mode: 'firstSeen', label: 'First seen' },
  { mode: 'planted', label: 'Planted cluster' },
];

/** x, y pairs scaled into [-margin, margin] around their centre, the same factor on both axes. */
export function toDeviceCoords(coords: Float32Array, margin = 0.95): { x: Float32Array; y: Float32Array } {
  const m = coords.length / 2;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < m; i++) {
    const x = coords[i * 2];
    const y = coords[i * 2 + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const half = Math.max(x1 - x0, y1 - y0) / 2 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const s = margin / half;
  const x = new Float32Array(m);
  const y = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    x[i] = (coords[i * 2] - cx) * s;
    y[i] = (coords[i * 2 + 1] - cy) * s;
  }
  return { x, y };
}

export interface ColourValues {
  /** Categorical: integer class per point; continuous: value in [0, 1]. */
  values: Float32Array;
  type: 'categorical' | 'continuous';
  /** Categorical: number of classes; continuous: 0. */
  classes: number;
  /** Continuous: the values at 0 and 1, for the legend; categorical: class names (may be long). */
  legend: string[];
  /** Why a mode has nothing to show (e.g. no planted clusters), else null. */
  unavailable: string | null;
}

/** Colour value of each point in `rows` (all points when null) for `mode`. */
export function colourValues(attrs: PointAttributes, mode: ColourMode, rows: Uint32Array | null): ColourValues {
  const m = rows ? rows.length : attrs.ids.length;
  const at = (i: number): number => (rows ? rows[i] : i);
  const values = new Float32Array(m);
  switch (mode) {
    case 'category':
      for (let i = 0; i < m; i++) values[i] = attrs.category[at(i)];
      return { values, type: 'categorical', classes: attrs.categories.length, legend: attrs.categories.map((c) => c || '(unknown)'), unavailable: null };
    case 'planted': {
      const p = attrs.planted;
      if (!p) return { values, type: 'categorical', classes: 1, legend: [], unavailable: 'no planted clusters: only synthetic worlds and test vectors have them' };
      let k = 0;
      for (let i = 0; i < m; i++) {
        values[i] = p[at(i)];
        if (p[at(i)] + 1 > k) k = p[at(i)] + 1;
      }
      return { values, type: 'categorical', classes: k, legend: Array.from({ length: k }, (_, c) => `cluster ${c}`), unavailable: null };
    }
    case 'actions': {
      let max = 0;
      for (let i = 0; i < m; i++) max = Math.max(max, attrs.actionCount[at(i)]);
      const lm = Math.log1p(max) || 1;
      for (let i = 0; i < m; i++) values[i] = Math.log1p(attrs.actionCount[at(i)]) / lm;
      return { values, type: 'continuous', classes: 0, legend: ['0', String(max)], unavailable: max === 0 ? 'no events: these points have no action counts' : null };
    }
    case 'firstSeen': {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < m; i++) {
        const t = attrs.firstSeen[at(i)];
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      if (!(hi >= lo)) return { values, type: 'continuous', classes: 0, legend: [], unavailable: 'no first-seen dates on these points' };
      const span = hi - lo || 1;
      for (let i = 0; i < m; i++) {
        const t = attrs.firstSeen[at(i)];
        values[i] = Number.isNaN(t) ? 0 : (t - lo) / span;
      }
      const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
      return { values, type: 'continuous', classes: 0, legend: [day(lo), day(hi)], unavailable: null };
    }
  }
}
