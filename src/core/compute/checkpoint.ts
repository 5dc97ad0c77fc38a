import { dispose, tensor, type Optimizer, type Tensor, type Variable } from '@tensorflow/tfjs-core';

/** A tensor copied out of the backend: plain data, survives a backend switch or device loss. */
export interface SavedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

/** Model variables and optimizer slots after `step` steps. */
export interface Checkpoint {
  step: number;
  variables: SavedTensor[];
  optimizer: SavedTensor[];
}

async function save(name: string, t: Tensor): Promise<SavedTensor> {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const data = await t.data();
  const values = dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data);
  return { name, shape: t.shape.slice(), dtype, values };
}

/** Copies variables and optimizer state to plain arrays (async reads; no GPU stall). */
export async function takeCheckpoint(step: number, variables: Variable[], optimizer: Optimizer): Promise<Checkpoint> {
  const savedVars: SavedTensor[] = [];
  for (const v of variables) savedVars.push(await save(v.name, v));
  const weights = await optimizer.getWeights();
  const savedOpt: SavedTensor[] = [];
  try {
    for (const w of weights) savedOpt.push(await save(w.name, w.tensor));
  } finally {
    // getWeights returns the live slot variables plus a fresh iteration scalar ('iter'): dispose only that.
    for (const w of weights) if (w.name === 'iter') w.tensor.dispose();
  }
  return { step, variables: savedVars, optimizer: savedOpt };
}

/** Writes a checkpoint's values into freshly built variables (matched by position) and optimizer. */
export async function restoreCheckpoint(checkpoint: Checkpoint, variables: Variable[], optimizer: Optimizer): Promise<void> {
  if (checkpoint.variables.length !== variables.length) {
    throw new Error(`checkpoint has ${checkpoint.variables.length} variables, model has ${variables.length}`);
  }
  checkpoint.variables.forEach((saved, i) => {
    const v = variables[i];
    if (v.shape.join() !== saved.shape.join()) throw new Error(`variable ${i} (${v.name}): shape [${v.shape}] ≠ checkpoint [${saved.shape}]`);
    const t = tensor(saved.values, saved.shape, saved.dtype);
    v.assign(t);
    t.dispose();
  });
  if (checkpoint.optimizer.length > 0) {
    const named = checkpoint.optimizer.map((s) => ({ name: s.name, tensor: tensor(s.values, s.shape, s.dtype) }));
    await optimizer.setWeights(named);
    dispose(named.map((n) => n.tensor));
  }
}
