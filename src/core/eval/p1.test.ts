// P1 ranking: ties broken by index, the query excluded, metrics from ranks; baselines on a tiny graph.
import { describe, expect, it } from 'vitest';
import { buildBipartiteGraph } from '../graph/build-csr';
import { evaluateP1, rankOf } from './p1';
import { itemKnnScorer, popularityScorer } from './p1-baselines';
import { metricsJson, upsertEntry } from './metrics-json';

describe('rankOf', () => {
  it('counts higher scores, equal scores of lower index, never the query', () => {
    const s = Float32Array.of(9, 1, 5, 5, 5);
    expect(rankOf(s, 0, 5, 0, 3)).toBe(2); // 2 ties below index 3 → rank 2 (query 0 excluded)
    expect(rankOf(s, 0, 5, 1, 0)).toBe(1);
    expect(rankOf(s, 0, 5, 0, 1)).toBe(4);
  });
});

describe('evaluateP1', () => {
  it('a perfect scorer gets recall 1 and MRR 1; a constant scorer ranks by index', async () => {
    const pairs = { q: Uint32Array.of(0, 0, 2), i: Uint32Array.of(1, 3, 60) };
    const n = 64;
    const perfect = await evaluateP1(pairs, n, (qs) => {
      const out = new Float32Array(qs.length * n);
      qs.forEach((q, k) => {
        for (let t = 0; t < pairs.q.length; t++) if (pairs.q[t] === q) out[k * n + pairs.i[t]] = 1 + t;
      });
      return out;
    });
    expect(perfect.metrics['recall@10']).toBe(1);
    expect(perfect.metrics.mrr).toBeCloseTo((1 / 2 + 1 + 1) / 3); // (0,1) and (0,3) compete: 3 ranks first for q 0
    expect(perfect.counts).toEqual({ test_pairs: 3, items: n, queries: 2 });
    const flat = await evaluateP1(pairs, n, popularityScorer(new Float32Array(n)));
    // ranks by index, query excluded: (0,1) → 1, (0,3) → 3, (2,60) → 60
    expect(flat.metrics['recall@10']).toBeCloseTo(2 / 3);
    expect(flat.metrics['recall@50']).toBeCloseTo(2 / 3);
    expect(flat.metrics.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 60) / 3);
  });
});

describe('itemknn baseline', () => {
  it('scores the cosine of shopper sets', async () => {
    // shoppers: s0 {0,1}, s1 {0,1,2}, s2 {2,3}
    const g = buildBipartiteGraph(
      { shopper: Uint32Array.of(0, 0, 1, 1, 1, 2, 2), item: Uint32Array.of(0, 1, 0, 1, 2, 2, 3), action: new Uint8Array(7).fill(3) },
      { nItems: 4, nShoppers: 3, shared: false },
    );
    const s = await itemKnnScorer(g)(Uint32Array.of(0));
    expect(s[1]).toBeCloseTo(2 / Math.sqrt(2 * 2));
    expect(s[2]).toBeCloseTo(1 / Math.sqrt(2 * 2));
    expect(s[3]).toBe(0);
  });
});

describe('metrics.json', () => {
  it('has the PROTOCOLS.md keys and replaces an entry with the same (protocol, model, variant)', () => {
    const e = { protocol: 'P1' as const, model: 'pinsage', variant: 'importance-pooling', metrics: { 'recall@10': 0.1, 'recall@50': 0.2, mrr: 0.05 }, counts: { test_pairs: 3, items: 4 }, seconds: { train: 1, infer: 0, eval: 0 } };
    let m = metricsJson({ name: 'x', hash: 'sha256:0', events: 1, items: 4, shoppers: 1 }, 42, 'cpu', [e]);
    m = upsertEntry(m, { ...e, metrics: { ...e.metrics, 'recall@10': 0.3 } });
    expect(m.results).toHaveLength(1);
    expect(m.results[0].metrics['recall@10']).toBe(0.3);
    expect(Object.keys(m)).toEqual(['dataset', 'seed', 'backend', 'results']);
  });
});
