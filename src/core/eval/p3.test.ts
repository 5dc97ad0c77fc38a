// P3 evaluation on a tiny hand-made case (CPU backend): recall computed by hand, with the
// filtering of the query and its train targets, the query role per relation, ties by index,
// complexity classes, the distractor pool, metrics.json entries and the relations a dataset supports.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { evaluateP3Relation, p3Entries, supportedRelations, p3RelationSupport, targetPool, upsertP3Entries } from './p3';
import type { ItemPairs } from './splits/pairs';
import { relationComplexity } from './splits/p3-split';
import { tinyDataset } from './splits/tiny-dataset';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const N = 14;
const pairs = (list: [number, number][]): ItemPairs => ({ q: Uint32Array.from(list, (p) => p[0]), i: Uint32Array.from(list, (p) => p[1]) });

/** 1-D embeddings: target role of item i = 1 − 0.05 i; view-query = +1, buy-query = −1 for every item. */
function handEmbeddings(): ItemRoleEmbeddings {
  return {
    dim: 1,
    items: N,
    viewQuery: new Float32Array(N).fill(1),
    buyQuery: new Float32Array(N).fill(-1),
    target: Float32Array.from({ length: N }, (_, i) => 1 - 0.05 * i),
    source: 'hand',
  };
}

describe('P3 evaluation (hand-computed)', () => {
  // view-buy: the view-query role ranks items 0, 1, 2, … (ascending index = descending score)
  const train = pairs([[0, 1], [0, 2], [7, 3]]);
  const test = pairs([[0, 3], [0, 11], [0, 12], [5, 13], [6, 3]]);
  const complexity = relationComplexity(train, test, N, false);

  it('classes: (0,3) m-n, (0,11) 1-n, (0,12) 1-n, (5,13) 1-1, (6,3) m-1', () => {
    expect(Array.from(complexity)).toEqual([3, 1, 1, 0, 2]);
  });

  it('filters the query and its train targets: query 0 ranks 3 … 12 first, so 4 of 5 pairs hit', async () => {
    // query 0: 0 (self), 1, 2 (train targets) removed → top 10 = 3..12: (0,3) (0,11) (0,12) hit
    // query 5: 5 removed → top 10 = 0..4, 6..10: (5,13) misses; query 6: 0..5, 7..10: (6,3) hits
    const r = await evaluateP3Relation({ relation: 'view-buy', train, pairs: test, complexity, emb: handEmbeddings() });
    expect(r['recall@10']).toBeCloseTo(4 / 5, 12);
    expect(r.pairs).toBe(5);
    expect(r.queries).toBe(3);
    expect(r.pool).toBe(N);
    expect(r.best).toBe(1);
    expect(r.classes['1-1']).toEqual({ 'recall@10': 0, best: 1, pairs: 1 });
    expect(r.classes['1-n']['recall@10']).toBe(1);
    expect(r.classes['m-1']['recall@10']).toBe(1);
    expect(r.classes['m-n']['recall@10']).toBe(1);
    // without filtering query 0 would rank 0, 1, 2 first and lose 11 and 12
    const unfiltered = await evaluateP3Relation({ relation: 'view-buy', train: pairs([]), pairs: test, complexity, emb: handEmbeddings() });
    expect(unfiltered['recall@10']).toBeCloseTo(2 / 5, 12);
  });

  it('buy-buy queries rank in the buy-query role (here the reverse order)', async () => {
    // buy-query −1: query 4 ranks 13, 12, … → (4,12) (4,13) hit; query 13 ranks 12 … 3 → (13,0) misses
    const bb = pairs([[4, 12], [4, 13], [13, 0]]);
    const r = await evaluateP3Relation({ relation: 'buy-buy', train: pairs([]), pairs: bb, complexity: new Uint8Array(3), emb: handEmbeddings() });
    expect(r['recall@10']).toBeCloseTo(2 / 3, 12);
    // the same pairs ranked in the view-query role would give 1 / 3
    const asView = await evaluateP3Relation({ relation: 'view-buy', train: pairs([]), pairs: bb, complexity: new Uint8Array(3), emb: handEmbeddings() });
    expect(asView['recall@10']).toBeCloseTo(1 / 3, 12);
  });

  it('breaks ties by item index (lower first) and keeps pair order for the classes', async () => {
    const flat = { ...handEmbeddings(), target: new Float32Array(N).fill(0.5) };
    // query 0 removed → top 10 = 1..10: (0,12) misses, (0,5) hits
    const r = await evaluateP3Relation({ relation: 'view-buy', train: pairs([]), pairs: pairs([[0, 12], [0, 5]]), complexity: Uint8Array.of(0, 1), emb: flat });
    expect(r['recall@10']).toBe(0.5);
    expect(r.classes['1-1']['recall@10']).toBe(0);
    expect(r.classes['1-n']['recall@10']).toBe(1);
  });

  it('the pool is the test targets plus N_d seeded distractors; fewer distractors can only raise recall here', async () => {
    const pool = targetPool(test, N, 3, 42, 'view-buy');
    for (const t of [3, 11, 12, 13]) expect(Array.from(pool)).toContain(t);
    expect(pool.length).toBeLessThanOrEqual(4 + 3);
    expect(pool.length).toBeGreaterThanOrEqual(4);
    expect(Array.from(targetPool(test, N, 3, 42, 'view-buy'))).toEqual(Array.from(pool));
    expect(targetPool(test, N, undefined, 42, 'view-buy').length).toBe(N);
    const r = await evaluateP3Relation({ relation: 'view-buy', train, pairs: test, complexity, emb: handEmbeddings(), distractors: 0 });
    expect(r.pool).toBe(4);
    expect(r['recall@10']).toBe(1);
  });

  it('metrics.json entries: one per relation and one per (relation, complexity)', async () => {
    const r = await evaluateP3Relation({ relation: 'view-buy', train, pairs: test, complexity, emb: handEmbeddings() });
    const entries = p3Entries('simo', 'd64', [r], { train: 1, infer: 2, eval: 3 });
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ protocol: 'P3', model: 'simo', variant: 'd64', relation: 'view-buy', metrics: { 'recall@10': 0.8, 'best_achievable_recall@10': 1 }, counts: { test_pairs: 5 } });
    expect(entries.slice(1).map((e) => e.complexity)).toEqual(['1-1', '1-n', 'm-1', 'm-n']);
    const merged = upsertP3Entries(entries, p3Entries('simo', 'd64', [{ ...r, 'recall@10': 0.5 }], {}));
    expect(merged).toHaveLength(5);
    expect(merged.find((e) => !e.complexity)?.metrics['recall@10']).toBe(0.5);
  });
});

describe('relations a dataset supports', () => {
  it('purchases only → buy-buy only, with the reason; views too → both', () => {
    const buysOnly = tinyDataset([{ s: 'a', i: 'x', t: 1 }, { s: 'a', i: 'y', t: 2 }]);
    expect(supportedRelations(buysOnly)).toEqual(['buy-buy']);
    expect(p3RelationSupport(buysOnly)[0].reason).toMatch(/no views/);
    const both = tinyDataset([{ s: 'a', i: 'x', t: 1, a: 'view' }, { s: 'a', i: 'y', t: 2 }]);
    expect(supportedRelations(both)).toEqual(['view-buy', 'buy-buy']);
    const viewsOnly = tinyDataset([{ s: 'a', i: 'x', t: 1, a: 'view' }]);
    expect(supportedRelations(viewsOnly)).toEqual([]);
  });
});
