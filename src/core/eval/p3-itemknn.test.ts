// The P3 co-occurrence baseline on hand-made train pairs: every role row is the L2-normalised
// neighbour set of the item in the undirected train graph, so dot products are the cosine
// |N(q) ∩ N(t)| / sqrt(|N(q)| |N(t)|); only train pairs count.
import { describe, expect, it } from 'vitest';
import { p3ItemKnnEmbeddings } from './p3-itemknn';
import type { P3Split } from './splits/p3-split';
import type { ItemPairs } from './splits/pairs';

const pairs = (list: [number, number][]): ItemPairs => ({ q: Uint32Array.from(list, (p) => p[0]), i: Uint32Array.from(list, (p) => p[1]) });
const none = pairs([]);
const part = (train: ItemPairs, test: ItemPairs = none): P3Split['relations']['buy-buy'] => ({
  relation: 'buy-buy',
  total: train.q.length + test.q.length,
  train,
  valid: none,
  test,
  complexity: { train: new Uint8Array(train.q.length), valid: new Uint8Array(0), test: new Uint8Array(test.q.length) },
  bestRecallAt10: { valid: 0, test: 0 },
});

describe('p3ItemKnnEmbeddings', () => {
  // train: 0–1, 0–2, 3–1, 3–2, 4–2 (buy-buy); 0–4 only in test (must not count); 5–0 view-buy
  const split: P3Split = {
    seed: 1,
    relations: { 'buy-buy': part(pairs([[0, 1], [0, 2], [3, 1], [3, 2], [4, 2]]), pairs([[0, 4]])), 'view-buy': { ...part(pairs([[5, 0]])), relation: 'view-buy' } },
  };
  const dot = (e: ReturnType<typeof p3ItemKnnEmbeddings>, a: number, b: number): number => {
    let s = 0;
    for (let k = 0; k < e.dim; k++) s += e.buyQuery[a * e.dim + k] * e.target[b * e.dim + k];
    return s;
  };

  it('scores = cosine of train neighbour sets (buy-buy only)', () => {
    const e = p3ItemKnnEmbeddings(split, 6, ['buy-buy']);
    expect(e.dim).toBe(6);
    expect(dot(e, 0, 3)).toBeCloseTo(1, 6); // N(0) = N(3) = {1, 2}
    expect(dot(e, 0, 4)).toBeCloseTo(1 / Math.sqrt(2), 6); // N(4) = {2}: the test pair 0–4 is not an edge
    expect(dot(e, 1, 2)).toBeCloseTo(2 / Math.sqrt(2 * 3), 6); // N(1) = {0,3}, N(2) = {0,3,4}
    expect(dot(e, 0, 1)).toBe(0); // neighbours, but no shared neighbour
    expect(dot(e, 5, 5)).toBe(0); // no buy-buy pair: zero row
  });

  it('view-buy pairs join the graph when asked', () => {
    const e = p3ItemKnnEmbeddings(split, 6, ['view-buy', 'buy-buy']);
    expect(dot(e, 5, 1)).toBeCloseTo(1 / Math.sqrt(2), 6); // N(5) = {0}, N(1) = {0, 3}: they share item 0
  });

  it('refuses catalogues too large for an items × items matrix', () => {
    expect(() => p3ItemKnnEmbeddings(split, 50_000, ['buy-buy'])).toThrow(/items/);
  });
});
