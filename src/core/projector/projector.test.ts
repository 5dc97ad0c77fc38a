// Projector core on real inputs: PCA separates planted clusters and finds the top-variance axes,
// exact cosine kNN equals a brute-force reference on co-engagement embeddings of the seeded
// synthetic world, UMAP is deterministic for a seed and keeps planted clusters, sampling, the
// planted world rebuilt from the dataset's meta equals the generator's truth, selection stats.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { generateSyntheticSync, SYNTHETIC_PRESETS, MAX_INTERESTS, type SyntheticResult } from '../data/synthetic';
import { NO_SHOPPER } from '../data/types';
import { standInRoleEmbeddings } from '../feeds/standin-embeddings';
import { Rng } from '../rng';
import { itemAttributes, shopperAttributes } from './attributes';
import { cosineNeighbours } from './knn';
import { l2NormaliseRows } from './normalise';
import { pca2d } from './pca';
import { plantedClusterVectors, plantedWorld } from './planted';
import { searchPoints, selectionStats } from './selection';
import { umap2d } from './umap';

let world: SyntheticResult;
beforeAll(async () => {
  await tf.setBackend('cpu');
  world = generateSyntheticSync(SYNTHETIC_PRESETS.small);
});

function dist2(a: Float32Array, i: number, j: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += (a[i * dim + d] - a[j * dim + d]) ** 2;
  return s;
}

/** Mean silhouette (Euclidean) of labelled rows. */
function silhouette(x: Float32Array, dim: number, labels: Uint32Array, k: number): number {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sum = new Float64Array(k);
    const cnt = new Float64Array(k);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sum[labels[j]] += Math.sqrt(dist2(x, i, j, dim));
      cnt[labels[j]]++;
    }
    const a = sum[labels[i]] / Math.max(1, cnt[labels[i]]);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== labels[i] && cnt[c] > 0) b = Math.min(b, sum[c] / cnt[c]);
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

function variance1d(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return s / (v.length - 1);
}

describe('pca2d', () => {
  it('separates planted clusters at least as well as the full space, and better than a random 2-D projection', async () => {
    const p = plantedClusterVectors({ n: 450, dim: 32, clusters: 3, spread: 1.2, seed: 7 });
    const r = await pca2d(p.vectors, p.dim, { seed: 1 });
    expect(r.coords.length).toBe(450 * 2);
    const full = silhouette(p.vectors, p.dim, p.labels, 3);
    const pca = silhouette(r.coords, 2, p.labels, 3);
    const rng = new Rng(3);
    const rand = new Float32Array(450 * 2);
    const axes = Array.from({ length: 64 }, () => rng.normal());
    for (let i = 0; i < 450; i++)
      for (let c = 0; c < 2; c++) {
        let s = 0;
        for (let d = 0; d < 32; d++) s += p.vectors[i * 32 + d] * axes[c * 32 + d];
        rand[i * 2 + c] = s;
      }
    const random = silhouette(rand, 2, p.labels, 3);
    expect(pca).toBeGreaterThanOrEqual(full);
    expect(pca).toBeGreaterThan(random + 0.1);
  });

  it('finds the top-variance axes: no random direction has more variance than axis 1; axes orthonormal; deterministic', async () => {
    const att = standInRoleEmbeddings(world.dataset, { dim: 32, seed: 5 });
    const x = att.buyQuery;
    const dim = att.dim;
    const n = x.length / dim;
    const r = await pca2d(x, dim, { seed: 2 });
    const again = await pca2d(x, dim, { seed: 2 });
    expect(Array.from(again.coords)).toEqual(Array.from(r.coords));
    const v1 = variance1d(Array.from({ length: n }, (_, i) => r.coords[i * 2]));
    const v2 = variance1d(Array.from({ length: n }, (_, i) => r.coords[i * 2 + 1]));
    expect(v1).toBeGreaterThanOrEqual(v2 * 0.999);
    let dot = 0;
    let n1 = 0;
    let n2 = 0;
    for (let d = 0; d < dim; d++) {
      dot += r.axes[d] * r.axes[dim + d];
      n1 += r.axes[d] ** 2;
      n2 += r.axes[dim + d] ** 2;
    }
    expect(Math.abs(dot)).toBeLessThan(1e-4);
    expect(n1).toBeCloseTo(1, 4);
    expect(n2).toBeCloseTo(1, 4);
    const rng = new Rng(11);
    for (let t = 0; t < 40; t++) {
      const u = Array.from({ length: dim }, () => rng.normal());
      const norm = Math.hypot(...u);
      const proj = Array.from({ length: n }, (_, i) => {
        let s = 0;
        for (let d = 0; d < dim; d++) s += x[i * dim + d] * u[d];
        return s / norm;
      });
      expect(variance1d(proj)).toBeLessThanOrEqual(v1 * 1.0001);
    }
    // explained share = axis variance / total variance
    let total = 0;
    for (let d = 0; d < dim; d++) total += variance1d(Array.from({ length: n }, (_, i) => x[i * dim + d]));
    expect(r.explained[0]).toBeCloseTo(v1 / total, 3);
  });

  it('rejects input it cannot project', async () => {
    await expect(pca2d(new Float32Array(4), 2)).rejects.toThrow(/at least 3 rows/);
    await expect(pca2d(new Float32Array(5), 1)).rejects.toThrow(/at least 2 dimensions/);
  });
});

describe('cosineNeighbours', () => {
  it('equals a brute-force cosine top-10 on co-engagement embeddings of the synthetic world', async () => {
    const emb = standInRoleEmbeddings(world.dataset, { dim: 48, seed: 9 });
    const dim = emb.dim;
    const raw = emb.viewQuery.map((v, i) => v * (1 + (i % 7) / 10)); // unnormalised rows: cosine must not depend on length
    const norm = l2NormaliseRows(raw, dim);
    const n = norm.length / dim;
    const queries = Array.from(new Rng(4).sampleDistinct(n, 25));
    const got = await cosineNeighbours(norm, dim, queries, 10);
    queries.forEach((q, qi) => {
      const cos = (j: number): number => {
        let s = 0;
        let a = 0;
        let b = 0;
        for (let d = 0; d < dim; d++) {
          s += raw[q * dim + d] * raw[j * dim + d];
          a += raw[q * dim + d] ** 2;
          b += raw[j * dim + d] ** 2;
        }
        return a && b ? s / Math.sqrt(a * b) : 0;
      };
      const ref = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== q)
        .map((j) => ({ point: j, score: cos(j) }))
        .sort((x, y) => y.score - x.score)
        .slice(0, 10);
      expect(got[qi]).toHaveLength(10);
      got[qi].forEach((g, j) => {
        expect(g.point).not.toBe(q);
        expect(g.score).toBeCloseTo(ref[j].score, 4);
        expect(cos(g.point)).toBeCloseTo(g.score, 4);
      });
      // ids equal wherever the reference has no tie at that rank
      ref.forEach((r, j) => {
        const tied = ref.some((o, k) => k !== j && Math.abs(o.score - r.score) < 1e-5) || (j === 9 && Math.abs(cos(got[qi][9].point) - r.score) < 1e-5);
        if (!tied) expect(got[qi][j].point).toBe(r.point);
      });
    });
  });

  it('rejects a point outside the set', async () => {
    await expect(cosineNeighbours(new Float32Array(6), 2, [3])).rejects.toThrow(/not one of the 3 points/);
  });
});

describe('umap2d', () => {
  it('is deterministic for a seed, differs for another seed, and keeps planted clusters together', async () => {
    const p = plantedClusterVectors({ n: 250, dim: 16, clusters: 4, spread: 0.3, seed: 3 });
    const a = await umap2d(p.vectors, p.dim, { seed: 5, nEpochs: 80 });
    const b = await umap2d(p.vectors, p.dim, { seed: 5, nEpochs: 80 });
    const c = await umap2d(p.vectors, p.dim, { seed: 6, nEpochs: 80 });
    expect(a.rows).toBeNull();
    expect(Array.from(b.coords)).toEqual(Array.from(a.coords));
    expect(Array.from(c.coords)).not.toEqual(Array.from(a.coords));
    // 2-D 10-NN purity by planted cluster
    let same = 0;
    for (let i = 0; i < 250; i++) {
      const nn = Array.from({ length: 250 }, (_, j) => j)
        .filter((j) => j !== i)
        .sort((x, y) => dist2(a.coords, i, x, 2) - dist2(a.coords, i, y, 2))
        .slice(0, 10);
      same += nn.filter((j) => p.labels[j] === p.labels[i]).length;
    }
    expect(same / 2500).toBeGreaterThan(0.95);
  });

  it('lays out a seeded sample of large sets and says so', async () => {
    const p = plantedClusterVectors({ n: 1200, dim: 8, clusters: 3, seed: 1 });
    const progress: string[] = [];
    const r = await umap2d(p.vectors, p.dim, { seed: 1, sampleFrom: 1000, sampleSize: 300, nEpochs: 30, progress: (_d, _t, note) => progress.push(note ?? '') });
    expect(r.rows).not.toBeNull();
    const rows = Array.from(r.rows ?? []);
    expect(rows).toHaveLength(300);
    expect(new Set(rows).size).toBe(300);
    expect(rows).toEqual([...rows].sort((x, y) => x - y));
    expect(r.coords.length).toBe(600);
    expect(r.note).toMatch(/sample of 300 of 1,200/);
    expect(progress.some((s) => /nearest-neighbour graph/.test(s))).toBe(true);
  });
});

describe('attributes, planted world, selections', () => {
  it('rebuilds the planted clusters of the synthetic world from its meta', () => {
    const pw = plantedWorld(world.dataset);
    expect(pw).not.toBeNull();
    expect(Array.from(pw?.itemCluster ?? [])).toEqual(Array.from(world.truth.itemCluster));
    const sh = world.truth.shoppers;
    for (let s = 0; s < world.dataset.shoppers.length; s += 37) expect(pw?.shopperCluster[s]).toBe(sh.interestsEnd[s * MAX_INTERESTS]);
    const edited = { ...world.dataset, meta: { ...world.dataset.meta, config: JSON.stringify({ ...world.truth.config, seed: 43 }) } };
    expect(plantedWorld(edited)).toBeNull();
  });

  it('selection statistics of all items add up to the event table; search finds title words', () => {
    const ds = world.dataset;
    const attrs = itemAttributes(ds);
    const all = Array.from({ length: ds.items.length }, (_, i) => i);
    const st = selectionStats(attrs, all);
    expect(st.count).toBe(ds.items.length);
    expect(st.categories.reduce((s, c) => s + c.count, 0)).toBe(ds.items.length);
    expect(st.meanActionCount * st.count).toBeCloseTo(ds.events.length, 6);
    const seen = Array.from(ds.items.firstSeen).filter((t) => !Number.isNaN(t));
    expect(st.firstSeen?.min).toBe(Math.min(...seen));
    expect(st.firstSeen?.max).toBe(Math.max(...seen));
    expect(st.planted?.reduce((s, c) => s + c.count, 0)).toBe(ds.items.length);

    const word = ds.items.title[0].split(' ')[0];
    const hits = searchPoints(attrs, word.toUpperCase());
    expect(hits).toContain(0);
    for (const h of hits) expect(`${ds.items.title[h]} ${ds.items.ids[h]}`.toLowerCase()).toContain(word.toLowerCase());
    const sub = selectionStats(attrs, hits);
    expect(sub.count).toBe(hits.length);
    expect(sub.meanActionCount).toBeCloseTo(hits.reduce((s, h) => s + attrs.actionCount[h], 0) / hits.length, 9);
    expect(() => selectionStats(attrs, [ds.items.length])).toThrow(/not one of/);
  });

  it('shopper attributes count every event with a shopper', () => {
    const ds = world.dataset;
    const attrs = shopperAttributes(ds, [...ds.shoppers, 'nobody']);
    let withShopper = 0;
    for (const s of ds.events.shopper) if (s !== NO_SHOPPER) withShopper++;
    expect(attrs.actionCount.reduce((a, b) => a + b, 0)).toBe(withShopper);
    expect(attrs.titles.at(-1)).toMatch(/not in the dataset/);
    expect(attrs.planted?.[5]).toBe(world.truth.shoppers.interestsEnd[5 * MAX_INTERESTS]);
  });
});
