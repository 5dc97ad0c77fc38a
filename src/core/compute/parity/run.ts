import * as tf from '@tensorflow/tfjs-core';
import { caseInputs, PARITY_CASES, type ParityCase } from './cases';
import { uniform } from './seeded';

/** Forward value and the gradient of every float input, as plain arrays (output 0 is the value). */
export interface CaseResult {
  name: string;
  outputs: Float32Array[];
  error?: string;
}

/**
 * Runs one case on the current backend: value = f(x), grads = d<f(x), dy>/dx for a fixed
 * random dy (so gradients are not just sums of ones).
 */
export async function runCase(c: ParityCase, seed: number): Promise<CaseResult> {
  try {
    const tensors = tf.tidy(() => {
      const { floats, ints } = caseInputs(c, seed);
      const probe = c.f(floats, ints);
      const dy = tf.tensor(uniform(probe.size, seed * 31 + 3), probe.shape, 'float32');
      const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => c.f(xs, ints))(floats, dy);
      return [value, ...grads];
    });
    const outputs: Float32Array[] = [];
    for (const t of tensors) {
      const data = await t.data();
      outputs.push(Float32Array.from(data));
      t.dispose();
    }
    return { name: c.name, outputs };
  } catch (err) {
    return { name: c.name, outputs: [], error: err instanceof Error ? err.message : String(err) };
  }
}

export async function runAllCases(seed = 1, cases: ParityCase[] = PARITY_CASES): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c, seed));
  return results;
}
