// Oracle P2 scorers and window statistics on a hand-made world; every expected value is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { topKRow } from './p2-metrics';
import { clusterItems, historyClusterShares, lastSessionCluster, oracleP2Scorer, withinClusterProbability, type OracleTruth } from './p2-oracle';
import { windowClusterStats } from './p2-oracle-window';
import { bootstrapRecallDiff } from './p2-paired-bootstrap';
import { p2Split } from './splits/p2-shopper-to-item';
import { DAY_MS } from './splits/time';
import { tinyDataset, type TinyEvent } from './splits/tiny-dataset';

const d = (x: number): number => x * DAY_MS;
const ITEMS = ['I0', 'I1', 'I2', 'I3', 'I4', 'I5'];
// clusters: {I0, I1, I2} → 0, {I3, I4} → 1, {I5} → 2; P(i | c): I0 .5, I1 1/3, I2 1/6, I3 .25, I4 .75, I5 1
const truth: OracleTruth = {
  itemCluster: Uint32Array.of(0, 0, 0, 1, 1, 2),
  itemPopularity: Float32Array.of(3, 2, 1, 1, 3, 7),
  interests: (s) => (s === 0 ? [{ cluster: 0, weight: 0.7 }, { cluster: 1, weight: 0.3 }] : [{ cluster: 2, weight: 1 }]),
  session: { coherence: 0.6, interestFocus: 0.5 },
};
// T_end = day 30 → t0 = day 16, window (16, 30]
const rows: TinyEvent[] = [
  // A (shopper 0): session b1 in cluster 1; session b2: I5 (c2), I3, I4 (c1) → last session cluster 1;
  // the cancel of b1 on day 6 is the last history event but no session of its own
  { s: 'A', i: 'I3', a: 'view', t: d(1), b: 'b1' },
  { s: 'A', i: 'I3', t: d(1) + 1000, b: 'b1' },
  { s: 'A', i: 'I5', a: 'view', t: d(5), b: 'b2' },
  { s: 'A', i: 'I3', a: 'view', t: d(5) + 1000, b: 'b2' },
  { s: 'A', i: 'I4', t: d(5) + 2000, b: 'b2' },
  { s: 'A', i: 'I3', a: 'cancel', t: d(6), b: 'b1' },
  // A's window: I2 (new, cluster 0) in w1, I4 (seen, cluster 1) in w2
  { s: 'A', i: 'I2', t: d(20), b: 'w1' },
  { s: 'A', i: 'I4', t: d(30), b: 'w2' },
  // B (shopper 1): last session I5 (c2) then I0 (c0): a 1:1 tie → the first cluster, 2; window: I5 (seen) in w3
  { s: 'B', i: 'I5', a: 'view', t: d(10), b: 'b3' },
  { s: 'B', i: 'I0', a: 'view', t: d(10) + 1000, b: 'b3' },
  { s: 'B', i: 'I5', t: d(21), b: 'w3' },
];
const ds = tinyDataset(rows, ITEMS);
const split = p2Split(ds);

function ranking(kind: Parameters<typeof oracleP2Scorer>[0], r: number): number[] {
  const scores = oracleP2Scorer(kind, truth, ds)(Uint32Array.of(r), split) as Float32Array;
  const out = new Int32Array(6);
  topKRow(scores, 0, 6, 6, out);
  return Array.from(out);
}

describe('oracle P2 scorers', () => {
  it('normalises planted popularity within each cluster and lists the clusters', () => {
    const p = withinClusterProbability(truth);
    expect(Array.from(p)).toEqual([0.5, 2 / 6, 1 / 6, 0.25, 0.75, 1].map(Math.fround));
    const c = clusterItems(truth.itemCluster);
    expect(Array.from(c.offsets)).toEqual([0, 3, 5, 6]);
    expect(Array.from(c.items)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds the last session (cancels skipped, ties to the first cluster) and the history shares', () => {
    expect(Array.from(split.shoppers)).toEqual([0, 1]);
    expect(lastSessionCluster(ds, split, 0, truth.itemCluster)).toBe(1);
    expect(lastSessionCluster(ds, split, 1, truth.itemCluster)).toBe(2);
    // A: cluster 1 × 4 events (I3, I3, I3, I4), cluster 2 × 1 (I5); the cancel is left out
    expect(historyClusterShares(ds, split, 0, truth.itemCluster)).toEqual([
      { cluster: 1, weight: 0.8 },
      { cluster: 2, weight: 0.2 },
    ]);
  });

  it('ranks by Σ weight · P(i | c), the rest by the tie-break', () => {
    // mixture A: I0 .35, I1 .233, I4 .225, I2 .117, I3 .075, I5 only the tie-break
    expect(ranking('mixture', 0)).toEqual([0, 1, 4, 2, 3, 5]);
    // top interest (cluster 0), then tie-break 1e-9 · P: I5 (1) > I4 (.75) > I3 (.25)
    expect(ranking('top-interest', 0)).toEqual([0, 1, 2, 5, 4, 3]);
    // last session (cluster 1): I4, I3, then tie-break I5 > I0 > I1 > I2
    expect(ranking('last-session', 0)).toEqual([4, 3, 5, 0, 1, 2]);
    // next event: .6 · cluster 1 + .4 · .5 · (.7 · cluster 0 + .3 · cluster 1) = .66 · cluster 1 + .14 · cluster 0:
    // I4 .495, I3 .165, I0 .07, I1 .047, I2 .023
    expect(ranking('next-event', 0)).toEqual([4, 3, 0, 1, 2, 5]);
    // history mixture: .8 · cluster 1 (I4 .6, I3 .2), .2 · cluster 2 (I5 .2): I3 and I5 tie at .2 up to rounding
    const h = ranking('history-mixture', 0);
    expect(h[0]).toBe(4);
    expect(new Set(h.slice(1, 3))).toEqual(new Set([3, 5]));
    // B's mixture is its single interest, cluster 2
    expect(ranking('mixture', 1)[0]).toBe(5);
  });
});

describe('windowClusterStats', () => {
  it('splits the window pairs by last session, other interests and elsewhere', () => {
    const st = windowClusterStats(ds, split, truth);
    expect(st.shoppers).toBe(2);
    // A's targets span clusters 0 and 1, B's one cluster
    expect(st.multiCluster).toBe(0.5);
    expect(st.meanClusters).toBe(1.5);
    expect(st.lastSessionIsInterest).toBe(1);
    // A: sessions w1, w2; B: w3
    expect(st.multiSession).toBe(0.5);
    expect(st.meanSessions).toBe(1.5);
    // pairs: A I2 (other interest, top interest), A I4 (last session), B I5 (last session, top interest)
    expect(st.all.pairs).toBe(3);
    expect(st.all.lastSession).toBeCloseTo(2 / 3);
    expect(st.all.otherInterest).toBeCloseTo(1 / 3);
    expect(st.all.elsewhere).toBe(0);
    expect(st.all.topInterest).toBeCloseTo(2 / 3);
    // new: only A's I2
    expect(st.new).toEqual({ pairs: 1, lastSession: 0, otherInterest: 1, elsewhere: 0, topInterest: 1 });
  });
});

describe('bootstrapRecallDiff', () => {
  it('is [0, 0] for equal rows and [1, 1] when A hits every target and B none', () => {
    const t = [3, 1, 2, 5];
    expect(bootstrapRecallDiff([1, 0, 2, 1], [1, 0, 2, 1], t, 200, 1)).toEqual([0, 0]);
    expect(bootstrapRecallDiff(t, [0, 0, 0, 0], t, 200, 1)).toEqual([1, 1]);
  });

  it('brackets the point difference, is seeded, and rejects rows of other lengths', () => {
    const t = [4, 2, 3, 1, 5, 2];
    const a = [2, 1, 1, 0, 3, 1];
    const b = [1, 1, 0, 0, 2, 1];
    const ci = bootstrapRecallDiff(a, b, t, 500, 7);
    const point = (8 - 5) / 17;
    expect(ci[0]).toBeLessThanOrEqual(point);
    expect(ci[1]).toBeGreaterThanOrEqual(point);
    expect(bootstrapRecallDiff(a, b, t, 500, 7)).toEqual(ci);
    expect(() => bootstrapRecallDiff([1], b, t, 10, 0)).toThrow();
  });
});
