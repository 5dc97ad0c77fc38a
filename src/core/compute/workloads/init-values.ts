import { tensor, variable, type Variable } from '@tensorflow/tfjs-core';
import { ints, uniform } from '../parity/seeded';

/** A named variable with a Glorot-uniform start, deterministic in `seed`. */
export function glorotVariable(name: string, shape: number[], seed: number): Variable {
  const fanIn = shape.length > 1 ? shape[shape.length - 2] : shape[0];
  const fanOut = shape[shape.length - 1];
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const n = shape.reduce((a, b) => a * b, 1);
  const t = tensor(uniform(n, seed, -limit, limit), shape);
  const v = variable(t, true, name);
  t.dispose();
  return v;
}

export function constantVariable(name: string, shape: number[], value: number): Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  const t = tensor(new Float32Array(n).fill(value), shape);
  const v = variable(t, true, name);
  t.dispose();
  return v;
}

/** Deterministic int indices for a step's batch. */
export function stepIndices(n: number, step: number, salt: number, max: number): Int32Array {
  return ints(n, 1_000_003 * salt + step, max);
}
