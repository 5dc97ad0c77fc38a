// P2 evaluation on hand-made datasets: every expected number below is worked out by hand in the comments.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { bootstrapRecall, coverageShare, embeddingScorer, evaluateP2, topKRow, type P2Scorer } from './p2';
import { lastDistinctItems, meanEmbeddingShoppers, p2PopularityCounts, popularityP2Scorer, repeatLists, repeatP2Scorer } from './p2-baselines';
import { runP2Suite } from './p2-run';
import { p2Split } from './splits/p2-shopper-to-item';
import { DAY_MS } from './splits/time';
import { tinyDataset, type TinyEvent } from './splits/tiny-dataset';

const d = (x: number): number => x * DAY_MS;
const ITEMS = Array.from({ length: 12 }, (_, k) => `I${k}`);

// T_end = day 30 → t0 = day 16, window (16, 30]
const rows: TinyEvent[] = [
  // A: seen {I0, I10}; targets I0 (a repeat), I5, I11
  { s: 'A', i: 'I0', t: d(1) },
  { s: 'A', i: 'I10', a: 'view', t: d(2) },
  { s: 'A', i: 'I0', t: d(20) },
  { s: 'A', i: 'I5', a: 'cart', t: d(21) },
  { s: 'A', i: 'I11', t: d(22) },
  // B: seen {I3}; targets I3, I10
  { s: 'B', i: 'I3', a: 'view', t: d(3) },
  { s: 'B', i: 'I3', t: d(23) },
  { s: 'B', i: 'I10', t: d(24) },
  // C: seen {I11} (a cancel still counts as seen); targets I10, I11
  { s: 'C', i: 'I11', a: 'cancel', t: d(4) },
  { s: 'C', i: 'I10', t: d(25) },
  { s: 'C', i: 'I11', t: d(30) },
];
const ds = tinyDataset(rows, ITEMS);
const split = p2Split(ds);
/** Item j scores 12 − j for every shopper: the full top 10 is I0..I9. */
const byIndex: P2Scorer = (r) => {
  const out = new Float32Array(r.length * 12);
  for (let k = 0; k < r.length; k++) for (let j = 0; j < 12; j++) out[k * 12 + j] = 12 - j;
  return out;
};

describe('topKRow', () => {
  it('keeps the best k, ties by lower index, NaN last, skips the given items', () => {
    const s = Float32Array.of(1, 5, NaN, 5, 7, 0);
    const out = new Int32Array(4);
    expect(topKRow(s, 0, 6, 4, out)).toBe(4);
    expect(Array.from(out)).toEqual([4, 1, 3, 0]);
    expect(topKRow(s, 0, 6, 4, out, Uint32Array.of(1, 4))).toBe(4);
    expect(Array.from(out)).toEqual([3, 0, 5, 2]);
    const all = new Int32Array(6);
    expect(topKRow(Float32Array.of(0, 0, 0), 0, 3, 6, all)).toBe(3);
    expect(Array.from(all.subarray(0, 3))).toEqual([0, 1, 2]);
  });
});

describe('coverageShare', () => {
  it('is the smallest share of items that receives 90% of the slots', () => {
    // 10 slots, 9 needed: 5 + 3 + 1 → 3 of 5 items
    expect(coverageShare([1, 0, 5, 1, 3])).toBeCloseTo(3 / 5);
    // uniform: 9 of 10 items
    expect(coverageShare(new Array(10).fill(4))).toBeCloseTo(9 / 10);
    // collapse onto one item
    expect(coverageShare([0, 0, 100, 0])).toBeCloseTo(1 / 4);
    expect(coverageShare([0, 0])).toBe(0);
  });
});

describe('evaluateP2 (hand-computed)', () => {
  it('recall@10 over pairs (repeats count), recall@10_new without seen items, coverage', async () => {
    expect(Array.from(split.shoppers, (s) => ds.shoppers[s])).toEqual(['A', 'B', 'C']);
    const r = await evaluateP2(12, split, byIndex, { bootstrap: 200, seed: 1, keepTop: true });
    // A: top I0..I9 → I0, I5 of {I0, I5, I11}: 2/3. B: I3 of {I3, I10}: 1/2. C: none of {I10, I11}: 0/2.
    expect(r.metrics['recall@10']).toBeCloseTo(3 / 7);
    expect(Array.from(r.hits)).toEqual([2, 1, 0]);
    // new: A drops I0, I10 → top I1..I9, I11; new targets I5, I11 → 2/2.
    //      B drops I3 → top I0..I2, I4..I10; new target I10 → 1/1.
    //      C drops I11 → top I0..I9; new target I10 → 0/1.
    expect(r.metrics['recall@10_new']).toBeCloseTo(3 / 4);
    expect(Array.from(r.hitsNew)).toEqual([2, 1, 0]);
    // every shopper's full top 10 is I0..I9: 30 slots, 3 each; 27 needed → 9 of 12 items
    expect(r.metrics['p90_coverage@10']).toBeCloseTo(9 / 12);
    expect(r.counts).toEqual({ eval_shoppers: 3, target_pairs: 7, new_pairs: 4, new_shoppers: 3, items: 12 });
    expect(Array.from(r.top!.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.ci95[0]).toBeLessThanOrEqual(3 / 7);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(3 / 7);
  });

  it('gives the same numbers whatever the batch size, and reports progress', async () => {
    const seen: number[] = [];
    const one = await evaluateP2(12, split, byIndex, { batchRows: 1, bootstrap: 50, seed: 3, onProgress: (p) => seen.push(p.done) });
    const all = await evaluateP2(12, split, byIndex, { bootstrap: 50, seed: 3 });
    expect(one.metrics).toEqual(all.metrics);
    expect(seen).toEqual([1, 2, 3]);
    // the memory bound alone also forces one row per batch
    const capped = await evaluateP2(12, split, byIndex, { maxScoreFloats: 12, bootstrap: 50, seed: 3 });
    expect(capped.metrics).toEqual(all.metrics);
  });

  it('stops on an aborted signal and rejects a scorer of the wrong size', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(evaluateP2(12, split, byIndex, { signal: ac.signal })).rejects.toThrow(/cancelled/);
    await expect(evaluateP2(12, split, () => new Float32Array(5))).rejects.toThrow(/returned 5 scores/);
  });
});

describe('bootstrapRecall', () => {
  const hits = Array.from({ length: 200 }, (_, k) => k % 3);
  const targets = Array.from({ length: 200 }, (_, k) => 2 + (k % 4));
  it('is deterministic for a seed and brackets the point estimate', () => {
    const a = bootstrapRecall(hits, targets, 500, 42);
    expect(bootstrapRecall(hits, targets, 500, 42)).toEqual(a);
    expect(bootstrapRecall(hits, targets, 500, 43)).not.toEqual(a);
    const point = hits.reduce((x, y) => x + y) / targets.reduce((x, y) => x + y);
    expect(a[0]).toBeLessThan(point);
    expect(a[1]).toBeGreaterThan(point);
    // wider with fewer shoppers
    const b = bootstrapRecall(hits.slice(0, 20), targets.slice(0, 20), 500, 42);
    expect(b[1] - b[0]).toBeGreaterThan(a[1] - a[0]);
  });
  it('collapses when every shopper has the same recall', () => {
    expect(bootstrapRecall([1, 2, 3], [2, 4, 6], 100, 1)).toEqual([0.5, 0.5]);
    expect(bootstrapRecall([], [], 100, 1).every(Number.isNaN)).toBe(true);
  });
});

describe('P2 baselines (hand-computed)', () => {
  // T_end = day 40 → t0 = day 26; popularity window [day 12, day 26)
  const r2: TinyEvent[] = [
    // S: X purchased twice (d1, d2), Z once (d3), Y once (d14), W cancelled (d15): repeat order X, Y, Z
    { s: 'S', i: 'X', t: d(1) },
    { s: 'S', i: 'X', t: d(2) },
    { s: 'S', i: 'Z', t: d(3) },
    { s: 'S', i: 'Y', t: d(14) },
    { s: 'S', i: 'W', a: 'cancel', t: d(15) },
    { s: 'S', i: 'P', t: d(30) },
    // popularity in [12, 26): P ×3, Q ×2, Y ×1 (S's d14), and an old R ×5 outside the window
    ...[13, 14, 15].map((t) => ({ s: 'O', i: 'P', t: d(t) })),
    ...[16, 17].map((t) => ({ s: 'O', i: 'Q', t: d(t) })),
    { s: 'O', i: 'Q', a: 'cancel' as const, t: d(18) },
    ...[1, 2, 3, 4, 5].map((t) => ({ s: 'O', i: 'R', t: d(t) })),
    { s: 'T', i: 'R', t: d(40) },
  ];
  const ds2 = tinyDataset(r2, ['X', 'Y', 'Z', 'W', 'P', 'Q', 'R']);
  const sp = p2Split(ds2);
  const rowOf = (id: string): number => Array.from(sp.shoppers).indexOf(ds2.shoppers.indexOf(id));
  const top = (scores: Float32Array, row: number): string[] => {
    const out = new Int32Array(7);
    const m = topKRow(scores, row * 7, 7, 7, out);
    return Array.from(out.subarray(0, m), (j) => ds2.items.ids[j]);
  };

  it('popularity counts positive events of the 14 days before t0', async () => {
    const c = p2PopularityCounts(ds2, sp);
    expect(Array.from(c)).toEqual([0, 1, 0, 0, 3, 2, 0]); // X Y Z W P Q R
    const s = await popularityP2Scorer(c)(Uint32Array.of(0, 1), sp);
    expect(top(s, 0)).toEqual(['P', 'Q', 'Y', 'X', 'Z', 'W', 'R']);
  });

  it('repeat ranks the shopper\'s own items by count, then recency, then popularity', async () => {
    const lists = repeatLists(ds2, sp);
    const r = rowOf('S');
    expect(Array.from(lists.items.subarray(lists.offsets[r], lists.offsets[r + 1]), (j) => ds2.items.ids[j])).toEqual(['X', 'Y', 'Z']);
    const s = await repeatP2Scorer(lists, p2PopularityCounts(ds2, sp))(Uint32Array.of(r), sp);
    expect(top(s, 0)).toEqual(['X', 'Y', 'Z', 'P', 'Q', 'W', 'R']);
  });

  it('mean-embedding averages the normalised embeddings of the last distinct items', () => {
    const r = rowOf('S');
    // last positive history events, newest first: Y (d14), Z, X (X twice): W's cancel is skipped
    expect(lastDistinctItems(ds2, sp, r, 10).map((j) => ds2.items.ids[j])).toEqual(['Y', 'Z', 'X']);
    expect(lastDistinctItems(ds2, sp, r, 2).map((j) => ds2.items.ids[j])).toEqual(['Y', 'Z']);
    // 2-d embeddings: X (3, 0) → (1, 0); Y (0, 2) → (0, 1); Z (1, 1) → (0.707, 0.707)
    const emb = Float32Array.of(3, 0, 0, 2, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0);
    const m = meanEmbeddingShoppers(ds2, sp, emb, 2);
    expect(m[r * 2]).toBeCloseTo((1 + Math.SQRT1_2) / 3);
    expect(m[r * 2 + 1]).toBeCloseTo((1 + Math.SQRT1_2) / 3);
  });

  describe('with tfjs (cpu)', () => {
    beforeAll(async () => {
      await tf.setBackend('cpu');
      await tf.ready();
    });
    it('embeddingScorer ranks by cosine, by row or by shopper index', async () => {
      const items = Float32Array.of(1, 0, 0, 5, 3, 3); // cosines with (1, 1)/√2: 0.707, 0.707, 1
      const sc = embeddingScorer(Float32Array.of(2, 2), items, 2);
      const one = { ...sp, shoppers: Uint32Array.of(0) };
      const s = await sc(Uint32Array.of(0), one);
      expect(s[0]).toBeCloseTo(Math.SQRT1_2);
      expect(s[2]).toBeCloseTo(1);
      sc.dispose();
      const byShopper = embeddingScorer(Float32Array.of(0, 0, 1, 0), items, 2, { by: 'shopper' });
      const t = await byShopper(Uint32Array.of(0), { ...sp, shoppers: Uint32Array.of(1) });
      expect(Array.from(t, (x) => Math.round(x * 1000) / 1000)).toEqual([1, 0, 0.707]);
      byShopper.dispose();
      expect(() => embeddingScorer(new Float32Array(3), items, 2)).toThrow(/multiple of dim/);
    });

    it('runP2Suite gives one entry per baseline on the temporal split (few shoppers: no disjoint)', async () => {
      const emb = Float32Array.of(3, 0, 0, 2, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0);
      const res = await runP2Suite(ds2, { itemEmbeddings: { emb, dim: 2 }, eval: { bootstrap: 20 } });
      expect(res.map((e) => `${e.model}@${String(e.split)}`)).toEqual(['popularity@temporal', 'repeat@temporal', 'mean-embedding@temporal']);
      // S's only target is P: popularity ranks it first, repeat fourth (after X, Y, Z): both hit
      for (const e of res.slice(0, 2)) expect(e.metrics['recall@10']).toBe(1);
      expect(res[0].counts.target_pairs).toBe(1);
      expect(res[0].protocol).toBe('P2');
      // a model entry passed in, and the disjoint variant on request
      const withModel = await runP2Suite(ds2, {
        baselines: [],
        variants: ['temporal', 'disjoint'],
        split: { disjointFraction: 1 },
        models: [{ model: 'pinnerformer', variant: 'dense-all-action', scorer: () => popularityP2Scorer(p2PopularityCounts(ds2, sp)) }],
      });
      expect(withModel.map((e) => `${e.model}/${e.variant}@${String(e.split)}`)).toEqual([
        'pinnerformer/dense-all-action@temporal',
        'pinnerformer/dense-all-action@disjoint',
      ]);
    });
  });
});

describe('p2TrainDataset', () => {
  it('keeps the events before t0 only (and drops held-out shoppers in the disjoint variant)', async () => {
    const { p2TrainDataset } = await import('./p2-baselines');
    const cut = p2TrainDataset(ds, split);
    // events before day 16: A d1, A d2, B d3, C d4
    expect(cut.events.length).toBe(4);
    expect(Array.from(cut.events.timestamp)).toEqual([d(1), d(2), d(3), d(4)]);
    expect(cut.items).toBe(ds.items);
    const dis = p2Split(ds, { variant: 'disjoint', disjointFraction: 1 });
    expect(p2TrainDataset(ds, dis).events.length).toBe(0);
  });
});

describe('P2 shopper lookup', () => {
  it('finds rows, lists recent actions newest first, and scores the top items', async () => {
    const { p2RowOf, recentActions, targetItems, topItemsForRow } = await import('./p2-lookup');
    const rA = p2RowOf(split, ds.shoppers.indexOf('A'));
    expect(rA).toBe(0);
    expect(p2RowOf(split, 99)).toBe(-1);
    const acts = recentActions(ds, split, rA);
    expect(acts.map((a) => `${ds.items.ids[a.item]}:${a.action}`)).toEqual(['I10:view', 'I0:purchase']);
    expect(targetItems(split, rA).map((i) => ds.items.ids[i])).toEqual(['I0', 'I5', 'I11']);
    const top = await topItemsForRow(12, split, rA, byIndex, 3);
    expect(top.map((t) => [ds.items.ids[t.item], t.score, t.hit, t.seen])).toEqual([
      ['I0', 12, true, true],
      ['I1', 11, false, false],
      ['I2', 10, false, false],
    ]);
    const fresh = await topItemsForRow(12, split, rA, byIndex, 3, true);
    expect(fresh.map((t) => ds.items.ids[t.item])).toEqual(['I1', 'I2', 'I3']);
    await expect(topItemsForRow(12, split, 7, byIndex)).rejects.toThrow(/not an eval shopper/);
  });
});
