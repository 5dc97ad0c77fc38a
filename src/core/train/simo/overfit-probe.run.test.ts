// SIMO overfit probe (not part of CI; docs/pfeed.md "Overfit check (stop 15)"): can the encoder
// drive the training loss far below the all-equal value on a TINY fixed subset of P3 train pairs,
// trained for many epochs? A model and a loss without a defect memorise a few hundred pairs; one
// that cannot has a defect (or inputs that cannot tell the items apart). Same data cut as
// collapse-probe.run.test.ts (the P4 validation replay); the batches are built once and reused.
//   SIMO_OVERFIT=online-retail|synthetic-small [SIMO_OVERFIT_PAIRS=512] [SIMO_OVERFIT_EPOCHS=60]
//   [SIMO_OVERFIT_MASK=full|subset|none] [SIMO_OVERFIT_STRIP=category,brand,price,title]
//   [SIMO_OVERFIT_SNAP=epoch] [SIMO_BACKEND=wasm|cpu] [SIMO_CONFIG='{…}']
//   npx vitest run src/core/train/simo/overfit-probe.run.test.ts
// SIMO_OVERFIT_MASK: which known positives mask in-batch negatives — `full` (all train pairs, as in
// training), `subset` (the subset's pairs only) or `none` (only the row's own target is kept out).
// SIMO_OVERFIT_STRIP blanks those item fields (unknown) before the tokens are built.
// Prints the content-token statistics, the loss and in-batch top-1 accuracy by epoch beside the
// all-equal loss of the same batches (mean log of the usable columns), the mean resultant length,
// the gradient norm of every variable and a few weight norms at the start and at the end, the loss
// of the same embeddings at other temperatures with the P3 validation Recall@10, and at
// SIMO_OVERFIT_SNAP which weight groups carry the collapse (all others put back to their initial
// values). Its own loss evaluation is the in-batch one (no logQ, no random negatives).
// With SIMO_OVERFIT_PAIRS = 150 × batch and 1 epoch it is the Feeds panel's budget on fixed batches.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../compute/node-test-backend';
import { StepRunner } from '../../compute/step-runner';
import { batchTensors, type BatchData } from '../../compute/batch';
import { loadDataset } from '../../data/load';
import { shared } from '../../data/loaders/test-files';
import { generateSyntheticSync, syntheticPreset } from '../../data/synthetic';
import type { Dataset } from '../../data/types';
import { p4CutOff } from '../../eval/p4';
import { datasetBefore, meanResultantLength } from '../../eval/p4-diagnose';
import { p3Split } from '../../eval/splits/p3-split';
import { pairCollector, type PairCollector } from '../../eval/splits/pairs';
import type { P3Relation } from '../../eval/splits/p3-pairs';
import { FEED_SIMO_DEFAULTS } from '../../feeds/feed-encoder-defaults';
import { parseSimoConfig } from '../../models/simo/config';
import { embedCatalogue } from '../../models/simo/embed';
import { buildSimoEncoder } from '../../models/simo/encoder';
import { Rng } from '../../rng';
import { makeSimoBatchPlan } from './batches';
import { prepareSimoData, type SimoData } from './data';
import { batchEmbeddings, simoTrainable } from './loss';
import { validateSimo } from './train';

const which = process.env.SIMO_OVERFIT;

/** `d` restricted to `k` seeded train pairs; the positives mask as `mask` says. */
function subsetData(d: SimoData, k: number, seed: number, mask: string): SimoData {
  const m = d.train.q.length;
  const idx = new Rng(seed).fork('overfit-subset').sampleDistinct(m, Math.min(k, m)).sort();
  const q = Uint32Array.from(idx, (j) => d.train.q[j]);
  const t = Uint32Array.from(idx, (j) => d.train.t[j]);
  const view = Uint8Array.from(idx, (j) => d.train.view[j]);
  let positives: Partial<Record<P3Relation, PairCollector>> = d.positives;
  if (mask !== 'full') {
    const sub: Partial<Record<P3Relation, PairCollector>> = {};
    for (const r of d.relations) sub[r] = pairCollector(d.nItems, k);
    if (mask === 'subset') for (let j = 0; j < q.length; j++) sub[view[j] ? 'view-buy' : 'buy-buy']?.add(q[j], t[j]);
    positives = sub;
  }
  return { ...d, train: { q, t, view }, positives };
}

describe.skipIf(!which)('SIMO overfit probe', () => {
  it(`overfits a tiny subset of ${which}`, async () => {
    await useNodeBackend(process.env.SIMO_BACKEND ?? 'wasm');
    const full: Dataset =
      which === 'online-retail'
        ? (await loadDataset({ kind: 'preset', preset: 'online-retail' }, [shared('online-retail/online_retail.parquet')])).dataset!
        : generateSyntheticSync(syntheticPreset('small')).dataset;
    const strip = (process.env.SIMO_OVERFIT_STRIP ?? '').split(',');
    const n = full.items.length;
    const items = {
      ...full.items,
      category: strip.includes('category') ? new Uint32Array(n) : full.items.category,
      brand: strip.includes('brand') ? new Uint32Array(n) : full.items.brand,
      price: strip.includes('price') ? new Float32Array(n).fill(NaN) : full.items.price,
      title: strip.includes('title') ? full.items.title.map(() => '') : full.items.title,
    };
    const ds = datasetBefore({ ...full, items }, p4CutOff(full));
    const t0 = p4CutOff(ds);
    const cfg = parseSimoConfig({ ...FEED_SIMO_DEFAULTS, ...JSON.parse(process.env.SIMO_CONFIG ?? '{}') });
    const all = prepareSimoData(ds, cfg, { split: p3Split(ds, { seed: cfg.seed, before: t0 }) });
    const k = Number(process.env.SIMO_OVERFIT_PAIRS ?? 512);
    const epochs = Number(process.env.SIMO_OVERFIT_EPOCHS ?? 60);
    const mask = process.env.SIMO_OVERFIT_MASK ?? 'full';
    const d = subsetData(all, k, cfg.seed, mask);
    const plan = makeSimoBatchPlan(d, cfg.batchSize, cfg.seed, 0, cfg.randomNegatives);
    const enc = buildSimoEncoder(cfg, d.tokens);
    const model = simoTrainable(enc);
    const optimizer = tf.train.adam(cfg.learningRate);
    const runner = new StepRunner(model, optimizer, plan.spec, 1);
    const batches: BatchData[] = [];
    for (let s = 0; s < plan.stepsPerEpoch; s++) batches.push(plan.batch(1, s));
    // the all-equal loss of these batches: mean over real rows of log(usable columns)
    let eqSum = 0;
    let rows = 0;
    const B = cfg.batchSize;
    for (const b of batches) {
      for (let r = 0; r < B; r++) {
        if (!b.pairMask[r]) continue;
        let u = 0;
        for (let c = 0; c < B; c++) u += b.negMask[r * B + c];
        for (let c = 0; c < cfg.randomNegatives; c++) u += (b.rNegMask as Float32Array)[r * cfg.randomNegatives + c];
        eqSum += Math.log(u);
        rows++;
      }
    }
    const evaluate = (temperature = cfg.temperature): { loss: number; top1: number } => {
      let loss = 0;
      let hit = 0;
      let n = 0;
      for (const b of batches) {
        const [l, h, c] = tf.tidy(() => {
          const bt = batchTensors(plan.spec, b);
          const { q, t } = batchEmbeddings(enc, bt);
          const logits = tf.add(tf.div(tf.matMul(q, t, false, true), temperature), tf.mul(tf.sub(bt.negMask, 1), 1e9));
          const diag = tf.div(tf.sum(tf.mul(q, t), 1), temperature);
          const per = tf.sub(tf.logSumExp(logits, 1), diag);
          const top = tf.cast(tf.equal(tf.argMax(logits, 1), tf.range(0, B, 1, 'int32')), 'float32');
          return [tf.sum(tf.mul(per, bt.pairMask)).dataSync()[0], tf.sum(tf.mul(top, bt.pairMask)).dataSync()[0], tf.sum(bt.pairMask).dataSync()[0]];
        });
        loss += l;
        hit += h;
        n += c;
      }
      return { loss: loss / n, top1: hit / n };
    };
    const gradNorms = (): string =>
      tf.tidy(() => {
        const bt = batchTensors(plan.spec, batches[0]);
        const { grads } = tf.variableGrads(() => model.loss(bt), enc.variables);
        return enc.variables.map((v) => `${v.name.replace(/^simo\d+\//, '')} ${tf.norm(grads[v.name]).dataSync()[0].toExponential(2)}`).join(', ');
      });
    const mrl = async (): Promise<string> => {
      const e = (await embedCatalogue(enc)).embeddings;
      return `mrl buy-query ${meanResultantLength(e.buyQuery, e.dim, e.items).toFixed(3)} / target ${meanResultantLength(e.target, e.dim, e.items).toFixed(3)}`;
    };
    // does the current embedding carry signal at some temperature? the loss of these batches at
    // other temperatures (the best one below the all-equal loss = signal), and P3 validation Recall@10
    const signal = async (): Promise<string> => {
      const sweep = [1, 0.5, 0.2, 0.1, 0.05, 0.02].map((tau) => `τ ${tau}: ${evaluate(tau).loss.toFixed(3)}`).join(', ');
      const v = await validateSimo(all, (await embedCatalogue(enc)).embeddings, cfg.seed);
      return `loss by temperature ${sweep}; P3 validation Recall@10 ${v.recall10.toFixed(4)}`;
    };
    // norms that say how the outputs could be made item-independent: the final LayerNorm's gain vs
    // bias (the bias is added after normalising, the same for every item), the role-token rows vs
    // the content-token rows of the token table, the value / output projections
    const byName = new Map(enc.variables.map((v) => [v.name.replace(/^simo\d+\//, ''), v]));
    const norm = (name: string): string => tf.tidy(() => tf.norm(byName.get(name)!).dataSync()[0].toFixed(3));
    const state = (): string =>
      tf.tidy(() => {
        const table = byName.get('tokens')!;
        const rowNorms = tf.norm(table, 2, 1).dataSync();
        let content = 0;
        for (let r = 4; r < rowNorms.length; r++) content += rowNorms[r];
        const roles = [1, 2, 3].map((r) => rowNorms[r].toFixed(3)).join(' / ');
        return `lnf/g ${norm('lnf/g')}, lnf/b ${norm('lnf/b')}, role rows ${roles}, mean other row ${(content / (rowNorms.length - 4)).toFixed(3)}, wv ${norm('l0/wv')}, wo ${norm('l0/wo')}, bo ${norm('l0/bo')}, b2 ${norm('l0/b2')}, head ${norm('head')}`;
      });
    const distinct = (arr: Uint32Array): number => new Set(arr).size;
    console.log(
      `${ds.name}: ${d.train.q.length} of ${all.train.q.length} train pairs (${distinct(d.train.q)} queries, ${distinct(d.train.t)} targets), ` +
        `mask ${mask}, ${plan.stepsPerEpoch} batches × ${epochs} epochs, config ${process.env.SIMO_CONFIG ?? '{}'}; ` +
        `all-equal loss ${(eqSum / rows).toFixed(3)} (log B = ${Math.log(B).toFixed(3)})`,
    );
    const tk = d.tokens;
    const used = new Map<number, number>();
    const rowsSeen = new Set<string>();
    let filled = 0;
    const slots = new Float64Array(tk.width);
    for (let i = 0; i < tk.nItems; i++) {
      const row = tk.ids.subarray(i * tk.width, (i + 1) * tk.width);
      rowsSeen.add(row.join(','));
      row.forEach((id, s) => {
        if (id === 0) return;
        filled++;
        slots[s]++;
        used.set(id, (used.get(id) ?? 0) + 1);
      });
    }
    const freq = [...used.values()].sort((a, b) => b - a);
    console.log(
      `tokens: ${tk.nItems} items, width ${tk.width}, ${(filled / tk.nItems).toFixed(2)} non-padding per item (per slot ${Array.from(slots, (x) => (x / tk.nItems).toFixed(2)).join(' ')}), ` +
        `${rowsSeen.size} distinct rows, ${used.size} distinct ids, items per id: top ${freq.slice(0, 8).join(' ')}, median ${freq[freq.length >> 1]}`,
    );
    const e0 = evaluate();
    console.log(`start: loss ${e0.loss.toFixed(3)}, top-1 ${e0.top1.toFixed(3)}, ${await mrl()}`);
    console.log(`grad norms at start: ${gradNorms()}`);
    console.log(`state at start: ${state()}`);
    console.log(`signal at start: ${await signal()}`);
    const snap = Number(process.env.SIMO_OVERFIT_SNAP ?? 0);
    // which weights carry the collapse: at the snapshot, all but one group are put back to their
    // initial values and the mean resultant length measured (then the trained values return)
    const init = new Map(enc.variables.map((v) => [v.name, tf.keep(v.clone())]));
    const groups: Record<string, RegExp> = { tokens: /\/tokens$/, 'ln1': /ln1[gb]$/, 'wq+wk': /\/w[qk]$/, 'wv+wo+bo': /\/(wv|wo|bo)$/, ffn: /\/(ln2[gb]|w1|b1|w2|b2)$/, 'lnf+head': /(lnf\/[gb]|head)$/ };
    const ablate = async (): Promise<string> => {
      const out: string[] = [];
      for (const [g, re] of Object.entries(groups)) {
        const vs = enc.variables.filter((v) => !re.test(v.name));
        const now = vs.map((v) => tf.keep(v.clone()));
        vs.forEach((v) => v.assign(init.get(v.name)!));
        out.push(`only ${g} trained → ${await mrl()}`);
        vs.forEach((v, k) => v.assign(now[k]));
        tf.dispose(now);
      }
      return out.join('; ');
    };
    const trace: string[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const b of batches) runner.run(b);
      if (epoch % Math.max(1, Math.floor(epochs / 12)) === 0 || epoch === epochs) {
        const e = evaluate();
        trace.push(`${epoch}:${e.loss.toFixed(2)}/${e.top1.toFixed(2)}`);
      }
      if (epoch === snap) console.log(`epoch ${snap}: ${await mrl()}; grad norms ${gradNorms()}; state ${state()}\nablation: ${await ablate()}`);
    }
    const e1 = evaluate();
    console.log(`loss / top-1 by epoch: ${trace.join(' ')}`);
    console.log(`end: loss ${e1.loss.toFixed(3)}, top-1 ${e1.top1.toFixed(3)}, ${await mrl()}`);
    console.log(`grad norms at end: ${gradNorms()}`);
    console.log(`state at end: ${state()}`);
    console.log(`signal at end: ${await signal()}`);
    tf.dispose([...init.values()]);
    model.dispose();
    optimizer.dispose();
    expect(Number.isFinite(e1.loss)).toBe(true);
  }, 3_600_000);
});
