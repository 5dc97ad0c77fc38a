// P2 oracle study (not part of CI): can the synthetic world separate dense all-action from next-action at all?
//   P2_ORACLE=synthetic-medium npx vitest run src/core/eval/p2-oracle.run.test.ts
// (synthetic-small also works, for a quick look). Oracles read the planted truth (p2-oracle.ts); the baselines
// (popularity, repeat) come from runP2Suite; every metric from evaluateP2 on P2's split (history M and window K of
// PinnerFormer's default config, as p2-quality.run.test.ts passes them). Two sides:
// - 'validation': the world cut at the test t0 (p2TrainDataset) and P2's split on it, i.e. the window the 14 days
//   before the test t0 — no test-window event is read;
// - 'test': P2's temporal split itself, the one the recorded PinnerFormer rows are on.
// Env: P2_ORACLE_SIDES (default 'validation,test'); P2_ORACLE_OUT (default
// docs/pinnerformer/p2-oracle-<dataset>.json). The recorded learned rows are read from
// docs/pinnerformer/p2-<dataset>*.metrics.json (their dataset hash must match), not retrained.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetHash } from '../data/content-hash';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { parsePinnerFormerConfig } from '../models/pinnerformer/config';
import { metricsJson, type MetricsEntry, type MetricsJson } from './metrics-json';
import { p2TrainDataset } from './p2-baselines';
import { evaluateP2, type P2Result } from './p2-metrics';
import { oracleP2Scorer, P2_ORACLES, syntheticOracleTruth, type P2Oracle } from './p2-oracle';
import { windowClusterStats, type WindowClusterStats } from './p2-oracle-window';
import { bootstrapRecallDiff } from './p2-paired-bootstrap';
import { p2Entry, runP2Suite } from './p2-run';
import { p2Split, type P2Split } from './splits/p2-shopper-to-item';

const which = process.env.P2_ORACLE;
const SIDES = ['validation', 'test'] as const;
type Side = (typeof SIDES)[number];
/** Paired differences reported: [a, b] → a − b. */
const PAIRS: [P2Oracle, P2Oracle][] = [
  ['mixture', 'last-session'],
  ['mixture', 'next-event'],
  ['mixture', 'top-interest'],
  ['top-interest', 'last-session'],
  ['history-mixture', 'last-session'],
];

/** New targets per row (not seen before t0), the denominator rows of recall@10_new. */
function newTargetCounts(split: P2Split): Uint32Array {
  const out = new Uint32Array(split.shoppers.length);
  for (let r = 0; r < out.length; r++) {
    const seen = new Set(split.seen.values.subarray(split.seen.offsets[r], split.seen.offsets[r + 1]));
    for (let k = split.targets.offsets[r]; k < split.targets.offsets[r + 1]; k++) if (!seen.has(split.targets.values[k])) out[r]++;
  }
  return out;
}

interface SideReport {
  side: Side;
  t0: string;
  window_end: string;
  eval_shoppers: number;
  target_pairs: number;
  window: WindowClusterStats;
  paired_differences: Record<string, { 'recall@10': number; 'recall@10_diff_ci95': [number, number]; 'recall@10_new': number; 'recall@10_new_diff_ci95': [number, number] }>;
}

describe.skipIf(!which)('P2 oracle study', () => {
  it(`runs the P2 oracles on ${which}`, async () => {
    if (which !== 'synthetic-medium' && which !== 'synthetic-small') throw new Error(`P2_ORACLE=${which}: use synthetic-medium or synthetic-small`);
    const log = (l: string): void => console.log(`[p2-oracle/${which}] ${l}`);
    const { dataset: ds, truth } = generateSyntheticSync(syntheticPreset(which === 'synthetic-small' ? 'small' : 'medium'));
    const hash = await datasetHash(ds);
    const pf = parsePinnerFormerConfig({});
    const splitOpts = { historyLength: pf.historyLength, windowDays: pf.windowDays };
    const oTruth = syntheticOracleTruth(truth);
    const testSplit = p2Split(ds, splitOpts);
    const sides = (process.env.P2_ORACLE_SIDES ?? SIDES.join(',')).split(',').filter(Boolean) as Side[];
    for (const s of sides) if (!SIDES.includes(s)) throw new Error(`P2_ORACLE_SIDES: unknown side ${s}`);

    const entries: MetricsEntry[] = [];
    const reports: SideReport[] = [];
    for (const side of sides) {
      const dsSide: Dataset = side === 'test' ? ds : p2TrainDataset(ds, testSplit);
      const split = p2Split(dsSide, splitOpts);
      if (side === 'validation') expect(split.tWindowEnd).toBeLessThan(testSplit.t0);
      log(`${side}: t0 ${new Date(split.t0).toISOString()}, window to ${new Date(split.tWindowEnd).toISOString()}, ${split.shoppers.length} eval shoppers, ${split.targetPairs} pairs`);
      const base = await runP2Suite(dsSide, { variants: ['temporal'], split: splitOpts, baselines: ['popularity', 'repeat'], log });
      for (const e of base) entries.push({ ...e, side });
      const results = new Map<P2Oracle, P2Result>();
      for (const kind of P2_ORACLES) {
        const t = performance.now();
        const r = await evaluateP2(dsSide.items.length, split, oracleP2Scorer(kind, oTruth, dsSide));
        results.set(kind, r);
        const e = p2Entry(r, 'oracle', kind, split, { eval: (performance.now() - t) / 1000 }, { side });
        entries.push(e);
        log(`${side} oracle/${kind} ${JSON.stringify(e.metrics)}`);
      }
      const targets = new Uint32Array(split.shoppers.length);
      for (let r = 0; r < targets.length; r++) targets[r] = split.targets.offsets[r + 1] - split.targets.offsets[r];
      const newTargets = newTargetCounts(split);
      const paired: SideReport['paired_differences'] = {};
      for (const [a, b] of PAIRS) {
        const ra = results.get(a)!;
        const rb = results.get(b)!;
        paired[`${a} - ${b}`] = {
          'recall@10': ra.metrics['recall@10'] - rb.metrics['recall@10'],
          'recall@10_diff_ci95': bootstrapRecallDiff(ra.hits, rb.hits, targets, 1000, split.seed),
          'recall@10_new': ra.metrics['recall@10_new'] - rb.metrics['recall@10_new'],
          'recall@10_new_diff_ci95': bootstrapRecallDiff(ra.hitsNew, rb.hitsNew, newTargets, 1000, split.seed),
        };
      }
      const window = windowClusterStats(dsSide, split, oTruth);
      log(`${side} window ${JSON.stringify(window)}`);
      reports.push({
        side,
        t0: new Date(split.t0).toISOString(),
        window_end: new Date(split.tWindowEnd).toISOString(),
        eval_shoppers: split.shoppers.length,
        target_pairs: split.targetPairs,
        window,
        paired_differences: paired,
      });
    }

    // recorded learned rows (test side), from the runs of docs/pinnerformer.md; same world checked by hash
    const recorded: Record<string, unknown>[] = [];
    const dir = 'docs/pinnerformer';
    for (const f of readdirSync(dir).sort()) {
      if (!f.startsWith(`p2-${ds.name}`) || !f.endsWith('.metrics.json')) continue;
      const m = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as MetricsJson;
      if (m.dataset.hash !== hash) {
        log(`skipping ${f}: dataset hash ${m.dataset.hash} is not this world's ${hash}`);
        continue;
      }
      for (const e of m.results) {
        if (e.model !== 'pinnerformer' && e.model !== 'mean-embedding') continue;
        recorded.push({ file: f, model: e.model, variant: e.variant ?? '', item_embeddings: e.item_embeddings, metrics: e.metrics });
      }
    }

    const command = `P2_ORACLE=${which} npx vitest run src/core/eval/p2-oracle.run.test.ts`;
    const out = metricsJson({ name: ds.name, hash, events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length }, truth.seed, 'cpu (no tfjs)', entries, {
      command,
      sides: reports,
      recorded_learned_rows_test: recorded,
    });
    const path = process.env.P2_ORACLE_OUT ?? `${dir}/p2-oracle-${ds.name}.json`;
    if (existsSync(path)) log(`overwriting ${path}`);
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
    const f4 = (x: number): string => x.toFixed(4);
    console.table(
      entries.map((e) => ({
        side: e.side,
        model: `${e.model}${e.variant ? '/' + e.variant : ''}`,
        'recall@10': f4(e.metrics['recall@10']),
        ci95: `[${f4(e.metrics['recall@10_ci95_lo'])}, ${f4(e.metrics['recall@10_ci95_hi'])}]`,
        'recall@10_new': f4(e.metrics['recall@10_new']),
        p90: f4(e.metrics['p90_coverage@10']),
      })),
    );
    for (const r of reports) console.log(r.side, JSON.stringify(r.paired_differences, null, 1), JSON.stringify(r.window, null, 1));
    console.table(recorded.map((r) => ({ file: r.file, model: `${r.model}${r.variant ? '/' + String(r.variant) : ''}`, ...(r.metrics as Record<string, number>) })));
    expect(entries.length).toBeGreaterThan(0);
  }, 3_600_000);
});
