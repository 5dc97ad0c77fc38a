/**
 * Exported weights (models/MODEL/weights.{json,bin}, read with readWeights) back into live models:
 * PinnerFormer (its input item table travels as the tensor `itemTable`) and the SIMO encoder
 * (rebuilt on the dataset's content tokens). Variables are matched by name, shapes checked; a
 * mismatch is a clear error. The batch CLI's `--previous` run uses these instead of retraining.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/types';
import { parsePinnerFormerConfig, type PinnerFormerConfigInput } from '../models/pinnerformer/config';
import { buildPinnerFormerModel, type PinnerFormerModel } from '../models/pinnerformer/model';
import { buildContentTokens } from '../models/simo/content-tokens';
import { parseSimoConfig, type SimoConfigInput } from '../models/simo/config';
import { buildSimoEncoder, type PinSageMatrix, type SimoEncoder } from '../models/simo/encoder';
import type { ModelWeights, WeightTensor } from './types';

/** Name of the PinnerFormer input item table in its exported weights. */
export const PINNERFORMER_ITEM_TABLE = 'itemTable';

/** 'pinnerformer3/Win' → 'Win'; 'simo3/l0/wq' → 'l0/wq' (the per-model counter goes). */
export function modelLocalName(name: string): string {
  return name.replace(/^(pinnerformer|simo|pinsage)\d+\//, '');
}

function assignByName(model: string, variables: readonly tf.Variable[], tensors: readonly WeightTensor[]): void {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const missing = variables.map((v) => modelLocalName(v.name)).filter((n) => !byName.has(n));
  if (missing.length) throw new Error(`the ${model} weights lack ${missing.join(', ')}: they come from a model with another config`);
  if (byName.size !== variables.length) throw new Error(`the ${model} weights hold ${byName.size} tensors, the model has ${variables.length} variables`);
  for (const v of variables) {
    const t = byName.get(modelLocalName(v.name)) as WeightTensor;
    if (t.shape.join() !== v.shape.join()) throw new Error(`${model} ${t.name}: weights have shape [${t.shape.join(', ')}], the model [${v.shape.join(', ')}]`);
    const value = tf.tensor(t.values, [...t.shape], 'float32');
    v.assign(value);
    value.dispose();
  }
}

/** A PinnerFormer model with exactly the exported weights (dispose it when done). */
export function restorePinnerFormer(w: ModelWeights): PinnerFormerModel {
  if (w.model !== 'pinnerformer') throw new Error(`these weights are for ${JSON.stringify(w.model)}, not pinnerformer`);
  const table = w.tensors.find((t) => t.name === PINNERFORMER_ITEM_TABLE);
  if (!table || table.shape.length !== 2) throw new Error(`the pinnerformer weights lack the input item table "${PINNERFORMER_ITEM_TABLE}" [items, dim]`);
  // weights exported before `timeToLatest` existed were trained with the window-end feature
  const cfg = parsePinnerFormerConfig({ timeToLatest: 'window-end', ...(w.config as PinnerFormerConfigInput) });
  const model = buildPinnerFormerModel(cfg, { vectors: table.values, dim: table.shape[1] });
  try {
    assignByName(
      'pinnerformer',
      model.variables,
      w.tensors.filter((t) => t !== table),
    );
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** The SIMO / SISO encoder with exactly the exported weights, on `ds`'s content tokens (dispose it when done). */
export function restoreSimoEncoder(w: ModelWeights, ds: Dataset, pinsage?: PinSageMatrix | null): SimoEncoder {
  if (w.model !== 'simo') throw new Error(`these weights are for ${JSON.stringify(w.model)}, not simo`);
  const cfg = parseSimoConfig(w.config as SimoConfigInput);
  const enc = buildSimoEncoder(cfg, buildContentTokens(ds, cfg), pinsage);
  try {
    assignByName('simo', enc.variables, w.tensors);
  } catch (e) {
    enc.dispose();
    throw e;
  }
  return enc;
}
