/**
 * Fixed-shape training batches for PinnerFormer. Each epoch visits every trainable shopper once
 * (seeded permutation; the last batch wraps around, so every row is real). A row is one shopper:
 * a window end is drawn among its actions that have a target, the window is its last M actions up
 * to there, and the objective picks the query positions and their targets:
 * - dense-all-action: Z random positions of the window, each → one random positive in (t_z, t_z + K]
 *   (windowStart 'next-session': from the shopper's next session on, still up to t_z + K);
 * - all-action: the last position → one random positive in the same range (windowTarget 'item': a
 *   random distinct item of the range's positives instead of a random positive action);
 * - next-action: the last position → the first positive strictly after it;
 * - sasrec: Z random positions, each → the first positive strictly after it.
 * Candidates: the Q positives of the batch, then R uniform random items; `candMask` removes items
 * the row's shopper engaged with (except the row's own positive), `logq` the log expected count.
 */
import type { BatchData, BatchSpec } from '../../compute/batch';
import { queriesPerSequence, type PinnerFormerConfig } from '../../models/pinnerformer/config';
import { actionData, actionSpec, allocActionBuffers, denseDim, featureWriter, queryTimeSpec, timePeriods, usesQueryTimes, writeQueryTimes } from '../../models/pinnerformer/features';
import { Rng } from '../../rng';
import type { PinnerFormerData } from './data';

export interface PinnerFormerBatcher {
  spec: BatchSpec;
  /** Shoppers with at least one action that has a target. */
  shoppers: Uint32Array;
  stepsPerEpoch: number;
  batch(epoch: number, step: number): BatchData;
}

export function makeBatcher(d: PinnerFormerData, cfg: PinnerFormerConfig): PinnerFormerBatcher {
  const B = cfg.batchSize;
  const M = cfg.historyLength;
  const F = denseDim(cfg);
  const Z = queriesPerSequence(cfg);
  const Q = B * Z;
  const R = cfg.randomNegatives;
  const C = Q + R;
  const windowed = cfg.objective === 'dense-all-action' || cfg.objective === 'all-action';
  const { seq, after, windowFrom, horizon, posCum, posAt } = d;
  const ev = d.ds.events;
  const nItems = d.nItems;
  const nS = seq.offsets.length - 1;
  // does list index k have a target?
  const shopperEnd = new Uint32Array(seq.events.length);
  for (let s = 0; s < nS; s++) shopperEnd.fill(seq.offsets[s + 1], seq.offsets[s], seq.offsets[s + 1]);
  const hasTarget = (k: number): boolean => (windowed ? posCum[horizon[k]] > posCum[windowFrom[k]] : posCum[shopperEnd[k]] > posCum[after[k]]);
  // valid positions, grouped by shopper
  const validOff = new Uint32Array(nS + 1);
  const valid: number[] = [];
  for (let s = 0; s < nS; s++) {
    for (let k = seq.offsets[s]; k < seq.offsets[s + 1]; k++) if (hasTarget(k)) valid.push(k);
    validOff[s + 1] = valid.length;
  }
  const validArr = Uint32Array.from(valid);
  const shopperList: number[] = [];
  for (let s = 0; s < nS; s++) if (validOff[s + 1] > validOff[s]) shopperList.push(s);
  const shoppers = Uint32Array.from(shopperList);
  if (shoppers.length === 0) throw new Error('No training shopper has an action followed by a positive action before t0: nothing to train on.');
  const full = Math.ceil(shoppers.length / B);
  const stepsPerEpoch = cfg.maxStepsPerEpoch > 0 ? Math.min(full, cfg.maxStepsPerEpoch) : full;

  const spec: BatchSpec = {
    ...actionSpec(B, M, F),
    query: { shape: [Q], dtype: 'int32' },
    pos: { shape: [Q], dtype: 'int32' },
    pairMask: { shape: [Q], dtype: 'float32' },
    candMask: { shape: [Q, C], dtype: 'float32' },
    logq: { shape: [C], dtype: 'float32' },
  };
  if (R > 0) spec.rand = { shape: [R], dtype: 'int32' };
  const queryTimes = usesQueryTimes(cfg);
  if (queryTimes) Object.assign(spec, queryTimeSpec(Q, M, cfg));
  const periods = timePeriods(cfg.timePeriods);

  // log expected count of an item among the candidates: Q · p(item) for in-batch, R / N for random
  const logqInBatch = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) logqInBatch[i] = Math.log((Q * (d.itemFreq[i] + 1)) / (d.totalPositives + nItems));
  const logqRandom = Math.log(R / nItems);

  const writer = featureWriter(d.ds, cfg);
  const stamp = new Int32Array(nItems);
  let stampTag = 0;
  const perms = new Map<number, Uint32Array>();
  const permOf = (epoch: number): Uint32Array => {
    let p = perms.get(epoch);
    if (!p) {
      perms.clear();
      p = new Rng(cfg.seed).fork(`pinnerformer-epoch-${epoch}`).permutation(shoppers.length);
      perms.set(epoch, p);
    }
    return p;
  };
  const byItem = cfg.windowTarget === 'item';
  const itemOfPositive = (j: number): number => ev.item[seq.events[posAt[j]]];
  const randomPositive = (rng: Rng, a: number, b: number): number => posAt[drawWindowTarget(rng, posCum[a], posCum[b], itemOfPositive, byItem)];

  return {
    spec,
    shoppers,
    stepsPerEpoch,
    batch(epoch: number, step: number): BatchData {
      const rng = new Rng(cfg.seed).fork(`pinnerformer-batch-${epoch}-${step}`);
      const perm = permOf(epoch);
      const buf = allocActionBuffers(B, M, F);
      const query = new Int32Array(Q);
      const pos = new Int32Array(Q);
      const pairMask = new Float32Array(Q).fill(1);
      const candMask = new Float32Array(Q * C).fill(1);
      const logq = new Float32Array(C);
      const rand = new Int32Array(R);
      const rowShopper = new Uint32Array(B);
      for (let r = 0; r < B; r++) {
        const s = shoppers[perm[(step * B + r) % shoppers.length]];
        rowShopper[r] = s;
        const first = seq.offsets[s];
        const vA = validOff[s];
        const vB = validOff[s + 1];
        const endK = validArr[vA + rng.nextInt(vB - vA)];
        const len = writer.write(buf, r, seq.events, first, endK + 1);
        const winStart = endK + 1 - len;
        // valid positions inside the window: validArr[w0 .. w1)
        let w0 = vA;
        while (w0 < vB && validArr[w0] < winStart) w0++;
        let w1 = w0;
        while (w1 < vB && validArr[w1] <= endK) w1++;
        for (let z = 0; z < Z; z++) {
          const k = Z === 1 ? endK : validArr[w0 + rng.nextInt(w1 - w0)];
          const q = r * Z + z;
          query[q] = r * M + (M - len) + (k - winStart);
          const t = windowed ? randomPositive(rng, windowFrom[k], horizon[k]) : posAt[posCum[after[k]]];
          pos[q] = ev.item[seq.events[t]];
        }
      }
      for (let j = 0; j < R; j++) rand[j] = rng.nextInt(nItems);
      for (let c = 0; c < C; c++) logq[c] = !cfg.logQ ? 0 : c < Q ? logqInBatch[pos[c]] : logqRandom;
      const candItem = (c: number): number => (c < Q ? pos[c] : rand[c - Q]);
      for (let r = 0; r < B; r++) {
        const s = rowShopper[r];
        const tag = ++stampTag;
        for (let k = seq.offsets[s]; k < seq.offsets[s + 1]; k++) stamp[ev.item[seq.events[k]]] = tag;
        for (let c = 0; c < C; c++) {
          const inBatch = c < Q;
          const ownRow = inBatch && Math.floor(c / Z) === r;
          const blocked = stamp[candItem(c)] === tag || (inBatch && !cfg.inBatchNegatives);
          if (!blocked && !ownRow) continue;
          for (let z = 0; z < Z; z++) {
            const q = r * Z + z;
            if (c !== q) candMask[q * C + c] = 0;
          }
        }
      }
      const data: BatchData = { ...actionData(buf), query, pos, pairMask, candMask, logq };
      if (R > 0) data.rand = rand;
      if (queryTimes) data.qtime = writeQueryTimes(buf, query, periods);
      return data;
    },
  };
}

/**
 * One index in [lo, hi) of a window's positives: uniform over the positions, or (byItem) uniform
 * over the distinct items `itemOf` gives them — a drawn position is accepted with probability
 * 1 / (how often its item occurs in the window), so every distinct item is equally likely.
 */
export function drawWindowTarget(rng: Rng, lo: number, hi: number, itemOf: (j: number) => number, byItem: boolean): number {
  for (;;) {
    const j = lo + rng.nextInt(hi - lo);
    if (!byItem) return j;
    const item = itemOf(j);
    let count = 0;
    for (let k = lo; k < hi; k++) if (itemOf(k) === item) count++;
    if (count === 1 || rng.nextInt(count) === 0) return j;
  }
}
