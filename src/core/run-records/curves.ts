/**
 * Several runs' curves on one x axis (uPlot wants one shared x array): the union of their steps,
 * null where a run has no point at that step (the chart spans the gaps).
 */
import type { CurvePoints } from './types';

export type AlignedCurves = [number[], ...(number | null)[][]];

export function alignCurves(curves: readonly CurvePoints[]): AlignedCurves {
  const xs = [...new Set(curves.flatMap((c) => c.map((p) => p[0])))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = curves.map((c) => {
    const y: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [x, v] of c) y[at.get(x)!] = Number.isFinite(v) ? v : null;
    return y;
  });
  return [xs, ...ys];
}
