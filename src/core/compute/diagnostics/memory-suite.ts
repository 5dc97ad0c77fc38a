import { train } from '@tensorflow/tfjs-core';
import { initCompute } from '../init';
import { judgeFlatness, sampleMemory, type FlatnessVerdict, type MemorySample } from '../memory';
import { StepRunner } from '../step-runner';
import type { BackendInfo, BackendName } from '../types';
import { buildToyGcn, toyGcnBatch, toyGcnSpec, type ToyGcnConfig } from '../workloads/toy-gcn';
import { buildToyTransformer, toyTransformerBatch, toyTransformerSpec, type ToyTransformerConfig } from '../workloads/toy-transformer';

/** Small shapes: the point is flatness over many steps, and SwiftShader WebGPU is slow. */
export const MEMORY_GCN: ToyGcnConfig = { nodes: 300, dim: 16, edges: 1200, batch: 32 };
export const MEMORY_TRANSFORMER: ToyTransformerConfig = { items: 200, dim: 16, seqLen: 8, batch: 8, ffn: 32 };

export interface MemorySuiteResult {
  info: BackendInfo;
  model: 'gcn' | 'transformer';
  steps: number;
  samples: MemorySample[];
  verdict: FlatnessVerdict;
  losses: number[];
  msPerStep: number;
}

/**
 * Trains a toy model for `steps` steps (fixed batch shapes, loss read asynchronously every 10
 * steps) and samples memory every 10 steps after a 20-step warm-up: tensor count, buffer count,
 * engine bytes must be constant; GPU bytes and the WASM heap must not grow.
 */
export async function runMemorySuite(target: BackendName, model: 'gcn' | 'transformer', steps = 200): Promise<MemorySuiteResult> {
  const info = await initCompute({ forced: target });
  if (info.backend !== target) throw new Error(`backend ${target} could not be initialised`);
  const built = model === 'gcn' ? buildToyGcn(MEMORY_GCN) : buildToyTransformer(MEMORY_TRANSFORMER);
  const spec = model === 'gcn' ? toyGcnSpec(MEMORY_GCN) : toyTransformerSpec(MEMORY_TRANSFORMER);
  const batch = (s: number) => (model === 'gcn' ? toyGcnBatch(s, MEMORY_GCN) : toyTransformerBatch(s, MEMORY_TRANSFORMER));
  const optimizer = train.adam(0.01);
  const runner = new StepRunner(built, optimizer, spec, 10);
  const samples: MemorySample[] = [];
  const losses: number[] = [];
  const warmup = 20;
  let t0 = 0;
  try {
    for (let s = 0; s < steps + warmup; s++) {
      if (s === warmup) t0 = performance.now();
      const { step, loss } = runner.run(batch(s));
      if (loss) losses.push(await loss);
      if (step >= warmup && step % 10 === 0) samples.push(sampleMemory(step));
    }
  } finally {
    built.dispose();
    optimizer.dispose();
  }
  const msPerStep = (performance.now() - t0) / steps;
  return { info, model, steps, samples, verdict: judgeFlatness(samples), losses, msPerStep };
}
