/**
 * PinSage weights ↔ the export's ModelWeights: from a live model or a stored checkpoint (the
 * Train panel's IndexedDB record), and back into a freshly built model (matched by name, shapes
 * checked), so exported `models/pinsage/weights.{json,bin}` load back into the workbench.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PinSageModel } from '../models/pinsage/model';
import type { PinSageCheckpoint } from '../train/checkpoint-store';
import type { ModelWeights, WeightTensor } from './types';

/** 'pinsage12/Q1' → 'Q1' (variable names carry a per-model counter). */
export function localWeightName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

export async function pinsageWeightsFromModel(model: PinSageModel): Promise<ModelWeights> {
  const tensors: WeightTensor[] = [];
  for (const v of model.variables) tensors.push({ name: localWeightName(v.name), shape: v.shape.slice(), values: Float32Array.from(await v.data()) });
  return { model: 'pinsage', config: model.cfg, tensors };
}

/** The best-validation variables of a checkpoint (what the run's embeddings come from). */
export function pinsageWeightsFromCheckpoint(c: PinSageCheckpoint): ModelWeights {
  const tensors: WeightTensor[] = c.best.variables.map((s) => {
    if (s.dtype !== 'float32') throw new Error(`checkpoint variable ${s.name} is ${s.dtype}, expected float32`);
    return { name: localWeightName(s.name), shape: s.shape.slice(), values: s.values as Float32Array };
  });
  return { model: 'pinsage', config: c.config, tensors };
}

/** Assigns exported weights to a model built with the same config and features. */
export function restorePinSageWeights(model: PinSageModel, w: ModelWeights): void {
  if (w.model !== 'pinsage') throw new Error(`these weights are for ${JSON.stringify(w.model)}, not pinsage`);
  const byName = new Map(w.tensors.map((t) => [t.name, t]));
  const missing = model.variables.map((v) => localWeightName(v.name)).filter((n) => !byName.has(n));
  if (missing.length) throw new Error(`the weights lack ${missing.join(', ')}: they come from a model with another config`);
  if (byName.size !== model.variables.length) throw new Error(`the weights hold ${byName.size} tensors, the model has ${model.variables.length} variables`);
  for (const v of model.variables) {
    const t = byName.get(localWeightName(v.name)) as WeightTensor;
    if (t.shape.join() !== v.shape.join()) throw new Error(`${t.name}: weights have shape [${t.shape.join(', ')}], the model [${v.shape.join(', ')}]`);
    const value = tf.tensor(t.values, [...t.shape], 'float32');
    v.assign(value);
    value.dispose();
  }
}
