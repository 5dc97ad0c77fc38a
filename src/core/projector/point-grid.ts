/**
 * A uniform grid over 2-D points for the scatter's interactions without scanning every point:
 * the nearest point to the cursor within a radius (hover, click) and the points inside a lasso
 * polygon. Coordinates are the drawn ones (device coordinates, [-1, 1]).
 */
export interface PointGrid {
  x: Float32Array;
  y: Float32Array;
  cells: number;
  x0: number;
  y0: number;
  cellW: number;
  cellH: number;
  /** CSR: points of cell c are order[start[c] .. start[c + 1]). */
  start: Uint32Array;
  order: Uint32Array;
}

export function buildPointGrid(x: Float32Array, y: Float32Array, cells = Math.max(1, Math.ceil(Math.sqrt(x.length / 4)))): PointGrid {
  const n = x.length;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < x0) x0 = x[i];
    if (x[i] > x1) x1 = x[i];
    if (y[i] < y0) y0 = y[i];
    if (y[i] > y1) y1 = y[i];
  }
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const cellW = (x1 - x0) / cells || 1;
  const cellH = (y1 - y0) / cells || 1;
  const cellOf = new Uint32Array(n);
  const start = new Uint32Array(cells * cells + 1);
  for (let i = 0; i < n; i++) {
    const c = cellIndex(cells, Math.floor((x[i] - x0) / cellW), Math.floor((y[i] - y0) / cellH));
    cellOf[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < cells * cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells * cells);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
  return { x, y, cells, x0, y0, cellW, cellH, start, order };
}

function cellIndex(cells: number, cx: number, cy: number): number {
  return Math.min(cells - 1, Math.max(0, cy)) * cells + Math.min(cells - 1, Math.max(0, cx));
}

/** Nearest point to (qx, qy) within `radius` (Euclidean, drawn coordinates), or -1. Ties: the lower index. */
export function nearestPoint(g: PointGrid, qx: number, qy: number, radius: number): number {
  const cx0 = Math.floor((qx - radius - g.x0) / g.cellW);
  const cx1 = Math.floor((qx + radius - g.x0) / g.cellW);
  const cy0 = Math.floor((qy - radius - g.y0) / g.cellH);
  const cy1 = Math.floor((qy + radius - g.y0) / g.cellH);
  let best = -1;
  let bestD = radius * radius;
  for (let cy = Math.max(0, cy0); cy <= Math.min(g.cells - 1, cy1); cy++) {
    for (let cx = Math.max(0, cx0); cx <= Math.min(g.cells - 1, cx1); cx++) {
      const c = cy * g.cells + cx;
      for (let k = g.start[c]; k < g.start[c + 1]; k++) {
        const i = g.order[k];
        const d = (g.x[i] - qx) ** 2 + (g.y[i] - qy) ** 2;
        if (d < bestD || (d === bestD && best >= 0 && i < best) || (d === bestD && best < 0)) {
          best = i;
          bestD = d;
        }
      }
    }
  }
  return best;
}

/** Points inside the polygon (even–odd rule), ascending. */
export function pointsInPolygon(g: PointGrid, polygon: readonly [number, number][]): number[] {
  if (polygon.length < 3) return [];
  let px0 = Infinity;
  let px1 = -Infinity;
  let py0 = Infinity;
  let py1 = -Infinity;
  for (const [px, py] of polygon) {
    px0 = Math.min(px0, px);
    px1 = Math.max(px1, px);
    py0 = Math.min(py0, py);
    py1 = Math.max(py1, py);
  }
  const out: number[] = [];
  const cx0 = Math.max(0, Math.floor((px0 - g.x0) / g.cellW));
  const cx1 = Math.min(g.cells - 1, Math.floor((px1 - g.x0) / g.cellW));
  const cy0 = Math.max(0, Math.floor((py0 - g.y0) / g.cellH));
  const cy1 = Math.min(g.cells - 1, Math.floor((py1 - g.y0) / g.cellH));
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * g.cells + cx;
      for (let k = g.start[c]; k < g.start[c + 1]; k++) {
        const i = g.order[k];
        if (insidePolygon(g.x[i], g.y[i], polygon)) out.push(i);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

export function insidePolygon(x: number, y: number, poly: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
