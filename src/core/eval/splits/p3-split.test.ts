import { describe, expect, it } from 'vitest';
import { bestAchievableRecall, COMPLEXITY_CLASSES, p3Split, relationComplexity, splitPairs } from './p3-split';
import type { ItemPairs } from './pairs';
import { DAY_MS } from './time';
import { tinyDataset, type TinyEvent } from './tiny-dataset';

const pairs = (list: [number, number][]): ItemPairs => ({
  q: Uint32Array.from(list.map((p) => p[0])),
  i: Uint32Array.from(list.map((p) => p[1])),
});
const keys = (p: ItemPairs): string[] => Array.from(p.q, (q, j) => `${q}>${p.i[j]}`);

describe('P3 80/10/10 split', () => {
  const all: [number, number][] = [];
  for (let q = 0; q < 10; q++) for (let i = 0; i < 10; i++) if (q !== i) all.push([q, i]); // 90 pairs
  all.push([10, 11], [10, 12], [10, 13], [10, 14], [10, 15], [10, 16], [10, 17], [10, 18], [10, 19], [10, 20]); // 100
  const p = pairs(all);

  it('cuts ⌊0.8 n⌋ / ⌊0.1 n⌋ / rest, disjoint, covering, each sorted', () => {
    const s = splitPairs(p, 42, 'x');
    expect([s.train.q.length, s.valid.q.length, s.test.q.length]).toEqual([80, 10, 10]);
    const union = [...keys(s.train), ...keys(s.valid), ...keys(s.test)];
    expect(new Set(union).size).toBe(100);
    expect(union.sort()).toEqual(keys(p).sort());
    for (const part of [s.train, s.valid, s.test]) {
      for (let j = 1; j < part.q.length; j++) expect(part.q[j - 1] * 100 + part.i[j - 1]).toBeLessThan(part.q[j] * 100 + part.i[j]);
    }
    const s7 = splitPairs(pairs(all.slice(0, 7)), 1, 'x');
    expect([s7.train.q.length, s7.valid.q.length, s7.test.q.length]).toEqual([5, 0, 2]);
  });

  it('is deterministic in (pairs, seed) and changes with the seed', () => {
    expect(keys(splitPairs(p, 42, 'x').test)).toEqual(keys(splitPairs(p, 42, 'x').test));
    expect(keys(splitPairs(p, 43, 'x').test)).not.toEqual(keys(splitPairs(p, 42, 'x').test));
  });
});

describe('relation complexity', () => {
  // train: 1>10 (q 1 has one target, 10 has one query) → 1-1
  //        2>11, 2>12 (q 2 has two targets; 11 and 12 one query each) → 1-n
  //        3>13, 4>13 (target 13 has two queries) → m-1
  //        5>14, 5>15, 6>14 → 5>14 m-n, 5>15 1-n, 6>14 m-1
  const train = pairs([
    [1, 10],
    [2, 11],
    [2, 12],
    [3, 13],
    [4, 13],
    [5, 14],
    [5, 15],
    [6, 14],
  ]);
  const name = (c: Uint8Array): string[] => Array.from(c, (k) => COMPLEXITY_CLASSES[k]);

  it('classifies train pairs by degrees in the train pairs', () => {
    expect(name(relationComplexity(train, train, 20, true))).toEqual(['1-1', '1-n', '1-n', 'm-1', 'm-1', 'm-n', '1-n', 'm-1']);
  });

  it('counts a held-out pair itself with the train pairs', () => {
    // 7>16: new query, new target → 1-1; 1>16: q 1 gets a 2nd target → 1-n;
    // 7>10: target 10 gets a 2nd query → m-1; 1>13 → m-n
    const test = pairs([
      [7, 16],
      [1, 16],
      [7, 10],
      [1, 13],
    ]);
    expect(name(relationComplexity(train, test, 20, false))).toEqual(['1-1', '1-n', 'm-1', 'm-n']);
  });
});

describe('best achievable Recall@10', () => {
  it('is Σ_q min(T_q, 10) / Σ_q T_q', () => {
    const q = new Uint32Array([...Array(20).fill(1), ...Array(5).fill(2)]);
    expect(bestAchievableRecall(q, 10)).toBeCloseTo(15 / 25, 12);
    expect(bestAchievableRecall(q, 5)).toBeCloseTo(10 / 25, 12);
    const onlyFirst = new Uint8Array(25);
    onlyFirst.fill(1, 0, 20);
    expect(bestAchievableRecall(q, 10, onlyFirst)).toBeCloseTo(0.5, 12);
    expect(bestAchievableRecall(new Uint32Array(0))).toBeNaN();
  });
});

describe('p3Split on a tiny dataset', () => {
  const rows: TinyEvent[] = [];
  for (let s = 0; s < 30; s++) {
    rows.push({ s: `S${s}`, i: `V${s % 7}`, a: 'view', t: s * DAY_MS });
    rows.push({ s: `S${s}`, i: `B${s % 5}`, a: 'purchase', t: s * DAY_MS + 1000, b: `o${s}` });
    rows.push({ s: `S${s}`, i: `B${(s + 1) % 5}`, a: 'purchase', t: s * DAY_MS + 1000, b: `o${s}` });
  }
  const ds = tinyDataset(rows);

  it('splits both relations and reports complexity and best recall', () => {
    const split = p3Split(ds, { seed: 7 });
    const vb = split.relations['view-buy'];
    const bb = split.relations['buy-buy'];
    // view-buy: V_{s mod 7} → B_{s mod 5} and B_{(s+1) mod 5}; buy-buy: the two basket items both ways
    const expectedVb = new Set<string>();
    const expectedBb = new Set<string>();
    for (let s = 0; s < 30; s++) {
      expectedVb.add(`V${s % 7}>B${s % 5}`).add(`V${s % 7}>B${(s + 1) % 5}`);
      expectedBb.add(`B${s % 5}>B${(s + 1) % 5}`).add(`B${(s + 1) % 5}>B${s % 5}`);
    }
    expect(vb.total).toBe(expectedVb.size);
    expect(bb.total).toBe(expectedBb.size);
    expect(bb.total).toBe(10);
    expect(vb.train.q.length).toBe(Math.floor(0.8 * vb.total));
    expect(vb.valid.q.length).toBe(Math.floor(0.1 * vb.total));
    expect(vb.complexity.test.length).toBe(vb.test.q.length);
    expect(vb.bestRecallAt10.test).toBe(1); // no query has more than 10 test targets
    expect(split.seed).toBe(7);
  });
});
