// The scatter's hit grid equals brute force: nearest point within a radius and lasso polygons,
// on PCA coordinates of the planted test vectors (dense clusters, many near-ties).
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { toDeviceCoords } from './layout';
import { plantedClusterVectors } from './planted';
import { buildPointGrid, insidePolygon, nearestPoint, pointsInPolygon } from './point-grid';

function coords(): { x: Float32Array; y: Float32Array } {
  // first two dimensions of planted vectors: clustered, overlapping points
  const p = plantedClusterVectors({ n: 5000, dim: 2, clusters: 6, spread: 0.3, seed: 2 });
  return toDeviceCoords(p.vectors);
}

describe('point grid', () => {
  it('nearest point within a radius equals a full scan', () => {
    const { x, y } = coords();
    const g = buildPointGrid(x, y);
    const rng = new Rng(1);
    for (let t = 0; t < 300; t++) {
      const qx = rng.uniform(-1, 1);
      const qy = rng.uniform(-1, 1);
      const r = rng.uniform(0.001, 0.05);
      let best = -1;
      let bestD = r * r;
      for (let i = 0; i < x.length; i++) {
        const d = (x[i] - qx) ** 2 + (y[i] - qy) ** 2;
        if (d < bestD || (d === bestD && best < 0)) [best, bestD] = [i, d];
      }
      expect(nearestPoint(g, qx, qy, r)).toBe(best);
    }
  });

  it('points in a lasso polygon equal a full scan', () => {
    const { x, y } = coords();
    const g = buildPointGrid(x, y);
    const rng = new Rng(5);
    for (let t = 0; t < 20; t++) {
      const cx = rng.uniform(-0.8, 0.8);
      const cy = rng.uniform(-0.8, 0.8);
      const poly: [number, number][] = Array.from({ length: 12 }, (_, k) => {
        const a = (k / 12) * 2 * Math.PI;
        const r = rng.uniform(0.05, 0.4);
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
      const ref: number[] = [];
      for (let i = 0; i < x.length; i++) if (insidePolygon(x[i], y[i], poly)) ref.push(i);
      expect(pointsInPolygon(g, poly)).toEqual(ref);
    }
    expect(pointsInPolygon(g, [[0, 0], [1, 1]])).toEqual([]);
  });
});
