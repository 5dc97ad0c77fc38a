// Mixed negative sampling in SIMO / SISO training (`randomNegatives`, CPU backend): the loss with R
// uniformly drawn extra negatives equals a brute-force softmax cross-entropy computed in plain
// numbers (hand case and a real batch of the seeded synthetic world through the encoder), the batch
// plan draws the same items for the same (seed, epoch, step), masks exactly the drawn items that are
// the row's target or a known positive of its query, and leaves the in-batch part unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { batchTensors, type BatchData } from '../../compute/batch';
import { registerMissingKernels } from '../../compute/kernels/register';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import { p3Split } from '../../eval/splits/p3-split';
import { parseSimoConfig, simoVariant, type SimoConfigInput } from '../../models/simo/config';
import { buildSimoEncoder } from '../../models/simo/encoder';
import { makeSimoBatchPlan } from './batches';
import { prepareSimoData, type SimoData } from './data';
import { batchEmbeddings, contrastiveLoss, randomNegativeEmbeddings, simoTrainable } from './loss';

const TINY: SimoConfigInput = { hidden: 16, layers: 1, heads: 2, maxTokens: 4, tokenBuckets: 256, batchSize: 16, validationPairs: 50 };

let data: SimoData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
  const ds = generateSyntheticSync(syntheticPreset('small', { events: 8_000, items: 400, shoppers: 200 })).dataset;
  data = prepareSimoData(ds, parseSimoConfig(TINY), { split: p3Split(ds, { seed: 42 }) });
});

interface Case {
  q: number[][];
  t: number[][];
  r: number[][];
  negMask: number[][];
  rNegMask: number[][];
  pairMask: number[];
  tLogQ: number[];
  rLogQ: number[];
  temperature: number;
}

const dot = (a: number[], b: number[]): number => a.reduce((s, x, k) => s + x * b[k], 0);

/** Softmax cross-entropy of every real row over its usable in-batch and random columns, in doubles. */
function bruteForce(c: Case, withRandom: boolean, withLogQ: boolean): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < c.q.length; i++) {
    if (!c.pairMask[i]) continue;
    const logits: number[] = [];
    for (let j = 0; j < c.t.length; j++) if (c.negMask[i][j]) logits.push(dot(c.q[i], c.t[j]) / c.temperature - (withLogQ ? c.tLogQ[j] : 0));
    if (withRandom) for (let j = 0; j < c.r.length; j++) if (c.rNegMask[i][j]) logits.push(dot(c.q[i], c.r[j]) / c.temperature - (withLogQ ? c.rLogQ[j] : 0));
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((s, x) => s + Math.exp(x - m), 0));
    sum += lse - (dot(c.q[i], c.t[i]) / c.temperature - (withLogQ ? c.tLogQ[i] : 0));
    n++;
  }
  return sum / Math.max(n, 1);
}

function tfLoss(c: Case, withRandom: boolean, withLogQ: boolean): number {
  return tf.tidy(() => {
    const random = withRandom ? { r: tf.tensor2d(c.r), negMask: tf.tensor2d(c.rNegMask), logQ: withLogQ ? tf.tensor1d(c.rLogQ) : undefined } : undefined;
    const l = contrastiveLoss(tf.tensor2d(c.q), tf.tensor2d(c.t), tf.tensor2d(c.negMask), tf.tensor1d(c.pairMask), c.temperature, withLogQ ? tf.tensor1d(c.tLogQ) : undefined, random);
    return l.dataSync()[0];
  });
}

const rowsOf = (m: Float32Array | Int32Array, w: number): number[][] => Array.from({ length: m.length / w }, (_, r) => Array.from(m.subarray(r * w, (r + 1) * w)));

describe('contrastive loss with random negatives', () => {
  // 3 pairs (the third is padding), 2 random items; row 0 cannot use in-batch column 1 (a known
  // positive) nor random column 1 (its own target drawn again)
  const hand: Case = {
    q: [[0.6, 0.8], [1, 0], [0, 1]],
    t: [[0.8, 0.6], [0, 1], [0.6, -0.8]],
    r: [[-1, 0], [0.8, 0.6]],
    negMask: [[1, 0, 1], [1, 1, 1], [1, 1, 1]],
    rNegMask: [[1, 0], [1, 1], [1, 1]],
    pairMask: [1, 1, 0],
    tLogQ: [Math.log(0.5), Math.log(0.25), Math.log(0.25)],
    rLogQ: [Math.log(2 / 50), Math.log(2 / 50)],
    temperature: 0.5,
  };

  it('equals the brute-force softmax over in-batch + random columns (with and without logQ)', () => {
    for (const logQ of [false, true]) {
      expect(tfLoss(hand, true, logQ)).toBeCloseTo(bruteForce(hand, true, logQ), 4);
      expect(tfLoss(hand, false, logQ)).toBeCloseTo(bruteForce(hand, false, logQ), 4);
      // the random columns do change the loss (more negatives, larger log-sum-exp)
      expect(tfLoss(hand, true, logQ)).toBeGreaterThan(tfLoss(hand, false, logQ) + 1e-3);
    }
  });

  it('a masked random column does not count, a usable one does', () => {
    const allMasked = { ...hand, rNegMask: hand.rNegMask.map((r) => r.map(() => 0)) };
    expect(tfLoss(allMasked, true, true)).toBeCloseTo(tfLoss(hand, false, true), 5);
  });
});

describe('batch plan with random negatives', () => {
  it('the spec has the random inputs only when R > 0; the in-batch part is the same as without them', () => {
    const off = makeSimoBatchPlan(data, 16, 42, 0, 0);
    const on = makeSimoBatchPlan(data, 16, 42, 0, 24);
    expect(Object.keys(off.spec)).not.toContain('rItem');
    expect(on.spec.rContent.shape).toEqual([24, data.tokens.width]);
    expect(on.spec.rNegMask.shape).toEqual([16, 24]);
    const a = off.batch(1, 3);
    const b = on.batch(1, 3);
    for (const k of ['qItem', 'tItem', 'qRole', 'pairMask', 'negMask'] as const) expect(Array.from(b[k])).toEqual(Array.from(a[k]));
    // logQ: log of the expected count among the batch's targets (B · p(t), p(t) = share of the train
    // targets) and among the R uniform draws (R / N), both less log B
    const share = new Map<number, number>();
    for (const t of data.train.t) share.set(t, (share.get(t) ?? 0) + 1 / data.train.t.length);
    for (let r = 0; r < 16; r++) {
      expect(b.tLogQ[r]).toBe(a.tLogQ[r]);
      if (b.pairMask[r]) expect(b.tLogQ[r]).toBeCloseTo(Math.log(share.get(b.tItem[r]) ?? NaN), 4);
    }
    for (const x of b.rLogQ) expect(x).toBeCloseTo(Math.log(24 / data.nItems) - Math.log(16), 5);
  });

  it('draws the same items for the same (seed, epoch, step), other items elsewhere, with their content', () => {
    const plan = makeSimoBatchPlan(data, 16, 42, 0, 24);
    const x = plan.batch(2, 1);
    expect(Array.from(plan.batch(2, 1).rItem)).toEqual(Array.from(x.rItem));
    expect(Array.from(plan.batch(2, 2).rItem)).not.toEqual(Array.from(x.rItem));
    const W = data.tokens.width;
    for (let c = 0; c < 24; c++) {
      const it = x.rItem[c];
      expect(it).toBeGreaterThanOrEqual(0);
      expect(it).toBeLessThan(data.nItems);
      expect(Array.from(x.rContent.subarray(c * W, (c + 1) * W))).toEqual(Array.from(data.tokens.ids.subarray(it * W, (it + 1) * W)));
    }
  });

  it('masks exactly the drawn items that are the row target or a known positive of its query', () => {
    // R > N: every item is drawn about 3 times, so each row meets its own target and positives
    const R = 3 * data.nItems;
    const plan = makeSimoBatchPlan(data, 16, 42, 0, R);
    let masked = 0;
    for (let step = 0; step < 4; step++) {
      const b: BatchData = plan.batch(1, step);
      for (let r = 0; r < 16; r++) {
        if (!b.pairMask[r]) continue;
        const pos = data.positives[b.isView[r] ? 'view-buy' : 'buy-buy'];
        for (let c = 0; c < R; c++) {
          const it = b.rItem[c];
          const falseNegative = it === b.tItem[r] || (pos?.has(b.qItem[r], it) ?? false);
          expect(b.rNegMask[r * R + c]).toBe(falseNegative ? 0 : 1);
          if (falseNegative) masked++;
        }
      }
    }
    expect(masked).toBeGreaterThan(0);
  });
});

describe('training loss with random negatives (encoder, synthetic world)', () => {
  for (const mode of ['simo', 'siso'] as const) {
    for (const logQ of [false, true]) {
      it(`${mode}${logQ ? ' + logQ' : ''}: the model's loss is the brute-force loss of its own embeddings`, () => {
        const cfg = parseSimoConfig({ ...TINY, mode, logQ, randomNegatives: 12 });
        expect(simoVariant(cfg)).toBe(`d16${logQ ? '+logq' : ''}+rn12`);
        const plan = makeSimoBatchPlan(data, cfg.batchSize, cfg.seed, 0, cfg.randomNegatives);
        const enc = buildSimoEncoder(cfg, data.tokens);
        const model = simoTrainable(enc);
        const raw = plan.batch(1, 0);
        let got = NaN;
        let c: Case | null = null;
        tf.tidy(() => {
          const b = batchTensors(plan.spec, raw);
          const { q, t } = batchEmbeddings(enc, b);
          const r = randomNegativeEmbeddings(enc, b);
          if (!r) throw new Error('no random negatives in the batch');
          const dim = enc.dim;
          c = {
            q: rowsOf(q.dataSync() as Float32Array, dim),
            t: rowsOf(t.dataSync() as Float32Array, dim),
            r: rowsOf(r.dataSync() as Float32Array, dim),
            negMask: rowsOf(raw.negMask, 16),
            rNegMask: rowsOf(raw.rNegMask, 12),
            pairMask: Array.from(raw.pairMask),
            tLogQ: Array.from(raw.tLogQ),
            rLogQ: Array.from(raw.rLogQ),
            temperature: cfg.temperature,
          };
          got = model.loss(b).dataSync()[0];
        });
        if (!c) throw new Error('no case');
        expect(got).toBeCloseTo(bruteForce(c, true, logQ), 3);
        expect(Math.abs(got - bruteForce(c, false, logQ))).toBeGreaterThan(1e-3);
        model.dispose();
      });
    }
  }
});
