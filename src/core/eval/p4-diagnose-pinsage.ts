/**
 * The budget PinSage of the P4 runs (p4-diagnose.run.test.ts P4_DIAG_PINSAGE, p4-quality.run.test.ts
 * FEEDS_PINSAGE): 3 × 60 steps, d64, trained on the events before `before` only (the P1 split of that
 * cut dataset), as the PinSage source of SIMO's pinsage 'init' / 'concat'.
 */
import type { Dataset } from '../data/types';
import { parsePinSageConfig, type PinSageConfigInput } from '../models/pinsage/config';
import type { PinSageMatrix } from '../models/simo/encoder';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { preparePinSageData } from '../train/pinsage-data';
import { trainPinSage } from '../train/pinsage-train';
import { l2NormalizeRows } from './p2-metrics';
import { datasetBefore } from './p4-diagnose';

export const BUDGET_PINSAGE: PinSageConfigInput = { hidden: 64, output: 64, epochs: 3, maxStepsPerEpoch: 60, validateEvery: 1_000_000, walks: 50, walkLength: 20, learningRate: 0.003, seed: 42 };

/** `config` replaces BUDGET_PINSAGE as a whole (e.g. the batch pipeline's stage: `{epochs: 3, maxStepsPerEpoch: 250, validateEvery: 125}`). */
export async function budgetPinSage(ds: Dataset, before: number, log: (line: string) => void = () => undefined, config: PinSageConfigInput = BUDGET_PINSAGE): Promise<PinSageMatrix> {
  const pcfg = parsePinSageConfig({ ...config });
  const pr = await trainPinSage(pcfg, preparePinSageData(datasetBefore(ds, before), pcfg), {});
  log(`pinsage (d${pcfg.output}, ${pcfg.epochs} × ${pcfg.maxStepsPerEpoch} steps, events before the cut-off) val R@10 ${pr.state.bestRecall10.toFixed(4)}, ${pr.trainSeconds.toFixed(0)} s`);
  return { values: pr.embeddings, dim: pcfg.output };
}

/** A PinSage matrix as role embeddings: every role the same L2-normalised item vector (the 'pinsage' diagnosis table). */
export function pinSageRoleEmbeddings(m: PinSageMatrix, items: number): ItemRoleEmbeddings {
  if (m.values.length !== items * m.dim) throw new Error(`PinSage matrix has ${m.values.length} values, expected ${items} items × ${m.dim}`);
  const unit = l2NormalizeRows(m.values, m.dim);
  return { dim: m.dim, items, viewQuery: unit, buyQuery: unit, target: unit, source: 'pinsage' };
}

/**
 * The content share a of a 'concat' embedding (rows [√a · simo | √(1 − a) · pinsage], unit length):
 * the mean squared norm of the first `dim − pinsageDim` columns.
 */
export function concatContentShare(m: Float32Array, dim: number, items: number, pinsageDim: number): number {
  const d = dim - pinsageDim;
  let s = 0;
  for (let i = 0; i < items; i++) for (let k = 0; k < d; k++) s += m[i * dim + k] ** 2;
  return items > 0 ? s / items : 0;
}
