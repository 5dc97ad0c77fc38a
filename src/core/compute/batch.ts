import { tensor, type Tensor } from '@tensorflow/tfjs-core';

/** The fixed shape of one batch input. Every step uses exactly these shapes (pad the last batch). */
export interface BatchInputSpec {
  shape: number[];
  dtype: 'float32' | 'int32';
}
export type BatchSpec = Record<string, BatchInputSpec>;
export type BatchData = Record<string, Float32Array | Int32Array>;
export type BatchTensors = Record<string, Tensor>;

export function specSize(spec: BatchInputSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

/** Throws unless `data` has exactly the spec's inputs, sizes and dtypes (shapes stay fixed, so kernels and buffers are reused). */
export function checkBatch(spec: BatchSpec, data: BatchData): void {
  for (const [name, s] of Object.entries(spec)) {
    const values = data[name];
    if (!values) throw new Error(`batch input '${name}' missing`);
    const wantInt = s.dtype === 'int32';
    if (wantInt !== values instanceof Int32Array) throw new Error(`batch input '${name}' must be ${s.dtype}`);
    if (values.length !== specSize(s)) throw new Error(`batch input '${name}' has ${values.length} values, fixed shape [${s.shape}] needs ${specSize(s)}`);
  }
  for (const name of Object.keys(data)) if (!(name in spec)) throw new Error(`batch input '${name}' is not in the spec`);
}

/** Uploads a checked batch (call inside the step's tidy). */
export function batchTensors(spec: BatchSpec, data: BatchData): BatchTensors {
  const out: BatchTensors = {};
  for (const [name, s] of Object.entries(spec)) out[name] = tensor(data[name], s.shape, s.dtype);
  return out;
}

/**
 * Pads the last, short batch to the fixed row count: copies `rows` rows of `rowSize` values and
 * fills the rest with `fill`. Pair it with a float mask input (1 for real rows, 0 for padding).
 */
export function padRows<T extends Float32Array | Int32Array>(values: T, rowSize: number, fixedRows: number, fill = 0): T {
  const out = new (values.constructor as { new (n: number): T })(rowSize * fixedRows);
  out.fill(fill);
  out.set(values.subarray(0, Math.min(values.length, rowSize * fixedRows)));
  return out;
}

/** 1 for the first `rows` rows, 0 for the padding. */
export function rowMask(rows: number, fixedRows: number): Float32Array {
  const mask = new Float32Array(fixedRows);
  mask.fill(1, 0, Math.min(rows, fixedRows));
  return mask;
}
