/**
 * Fixed-shape contrastive minibatches of P3 train pairs: B pairs (the last batch of an epoch
 * padded, `pairMask` 0), the content ids of each query and target, the query's role token
 * (view-query for view-buy, buy-query for buy-buy) and a B × B mask of usable in-batch negatives:
 * target j is a negative for query i unless it is the same item as target i or a known train
 * positive of query i in i's relation (a false negative).
 * With R > 0 random negatives (mixed negative sampling): R catalogue items drawn uniformly with
 * replacement per batch (`rContent`, `rItem`), a B × R mask (`rNegMask`: 0 where the drawn item is
 * row i's target or a known positive of its query) and their logQ (`rLogQ` = log(R / N), the
 * expected count of an item among the draws, beside log(B · p(t)) for the in-batch targets; both
 * are stored less log B, so `tLogQ` stays log p(t)).
 */
import type { BatchData, BatchSpec } from '../../compute/batch';
import { ROLE_TOKEN } from '../../models/simo/content-tokens';
import { Rng } from '../../rng';
import type { SimoData } from './data';

export function simoBatchSpec(batchSize: number, width: number, randomNegatives = 0): BatchSpec {
  const B = batchSize;
  const R = randomNegatives;
  const spec: BatchSpec = {
    qContent: { shape: [B, width], dtype: 'int32' },
    tContent: { shape: [B, width], dtype: 'int32' },
    qItem: { shape: [B], dtype: 'int32' },
    tItem: { shape: [B], dtype: 'int32' },
    qRole: { shape: [B, 1], dtype: 'int32' },
    isView: { shape: [B, 1], dtype: 'float32' },
    pairMask: { shape: [B], dtype: 'float32' },
    negMask: { shape: [B, B], dtype: 'float32' },
    tLogQ: { shape: [B], dtype: 'float32' },
  };
  if (R > 0) {
    spec.rContent = { shape: [R, width], dtype: 'int32' };
    spec.rItem = { shape: [R], dtype: 'int32' };
    spec.rNegMask = { shape: [B, R], dtype: 'float32' };
    spec.rLogQ = { shape: [R], dtype: 'float32' };
  }
  return spec;
}

export interface SimoBatchPlan {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly spec: BatchSpec;
  /** Batch `step` (0-based) of 1-based `epoch`: deterministic in (seed, epoch, step). */
  batch(epoch: number, step: number): BatchData;
}

export function makeSimoBatchPlan(d: SimoData, batchSize: number, seed: number, maxStepsPerEpoch = 0, randomNegatives = 0): SimoBatchPlan {
  const m = d.train.q.length;
  const B = batchSize;
  const W = d.tokens.width;
  const full = Math.ceil(m / B);
  const stepsPerEpoch = maxStepsPerEpoch > 0 ? Math.min(full, maxStepsPerEpoch) : full;
  const R = randomNegatives;
  const spec = simoBatchSpec(B, W, R);
  let permEpoch = -1;
  let perm: Uint32Array = new Uint32Array(0);
  const ids = d.tokens.ids;
  // logQ: the log of an item's expected count among a batch's B targets, B · p(t) (p(t): its share
  // of the train targets), and among the R uniform draws, R / N — both less log B (a constant
  // shift of every logit, so the loss is the same and the in-batch-only path keeps log p(t) exactly)
  const logQ = new Float32Array(d.nItems);
  for (let j = 0; j < m; j++) logQ[d.train.t[j]]++;
  for (let i = 0; i < d.nItems; i++) logQ[i] = Math.log(Math.max(logQ[i], 0.5) / Math.max(1, m));
  const rLogQValue = R > 0 ? Math.log(R / (d.nItems * B)) : 0;
  return {
    batchSize: B,
    stepsPerEpoch,
    spec,
    batch(epoch: number, step: number): BatchData {
      if (permEpoch !== epoch) {
        perm = new Rng(seed).fork(`simo-epoch:${epoch}`).permutation(m);
        permEpoch = epoch;
      }
      const qContent = new Int32Array(B * W);
      const tContent = new Int32Array(B * W);
      const qItem = new Int32Array(B);
      const tItem = new Int32Array(B);
      const qRole = new Int32Array(B).fill(ROLE_TOKEN['buy-query']);
      const isView = new Float32Array(B);
      const pairMask = new Float32Array(B);
      const negMask = new Float32Array(B * B);
      const tLogQ = new Float32Array(B);
      const a = step * B;
      const rows = Math.max(0, Math.min(B, m - a));
      for (let r = 0; r < rows; r++) {
        const j = perm[a + r];
        const q = d.train.q[j];
        const t = d.train.t[j];
        qItem[r] = q;
        tItem[r] = t;
        tLogQ[r] = logQ[t];
        qContent.set(ids.subarray(q * W, (q + 1) * W), r * W);
        tContent.set(ids.subarray(t * W, (t + 1) * W), r * W);
        if (d.train.view[j]) {
          isView[r] = 1;
          qRole[r] = ROLE_TOKEN['view-query'];
        }
        pairMask[r] = 1;
      }
      for (let r = 0; r < rows; r++) {
        const pos = d.positives[isView[r] ? 'view-buy' : 'buy-buy'];
        for (let c = 0; c < rows; c++) {
          const ok = c === r || (tItem[c] !== tItem[r] && !(pos?.has(qItem[r], tItem[c]) ?? false));
          negMask[r * B + c] = ok ? 1 : 0;
        }
      }
      if (R === 0) return { qContent, tContent, qItem, tItem, qRole, isView, pairMask, negMask, tLogQ };
      const rng = new Rng(seed).fork(`simo-random:${epoch}:${step}`);
      const rItem = new Int32Array(R);
      const rContent = new Int32Array(R * W);
      for (let c = 0; c < R; c++) {
        const it = rng.nextInt(d.nItems);
        rItem[c] = it;
        rContent.set(ids.subarray(it * W, (it + 1) * W), c * W);
      }
      const rNegMask = new Float32Array(B * R);
      for (let r = 0; r < rows; r++) {
        const pos = d.positives[isView[r] ? 'view-buy' : 'buy-buy'];
        for (let c = 0; c < R; c++) rNegMask[r * R + c] = rItem[c] !== tItem[r] && !(pos?.has(qItem[r], rItem[c]) ?? false) ? 1 : 0;
      }
      const rLogQ = new Float32Array(R).fill(rLogQValue);
      return { qContent, tContent, qItem, tItem, qRole, isView, pairMask, negMask, tLogQ, rContent, rItem, rNegMask, rLogQ };
    },
  };
}
