import * as tf from '@tensorflow/tfjs-core';
import { initCompute } from '../init';
import { segmentSumInto } from '../kernels/unsorted-segment-sum-wasm';
import { ints, uniform } from '../parity/seeded';
import { StepRunner, type TrainableModel } from '../step-runner';
import type { BatchData, BatchSpec } from '../batch';
import type { BackendInfo, BackendName } from '../types';
import { buildToyGcn, toyGcnBatch, toyGcnSpec, TOY_GCN } from '../workloads/toy-gcn';
import { buildToyTransformer, toyTransformerBatch, toyTransformerSpec, TOY_TRANSFORMER } from '../workloads/toy-transformer';

/** Same shape as bench/types.ts BenchEntry (kept here so the core does not import the bench). */
export interface ComputeBenchEntry {
  name: string;
  value: number;
  unit: string;
  backend?: string;
  note?: string;
}

export interface ComputeBenchOptions {
  backend: BackendName;
  /** WASM threads (default: every core). */
  wasmThreads?: number;
  /** A label for the backend field (e.g. 'wasm-1thread'); default the backend name. */
  label?: string;
  matmulSizes?: number[];
  segmentSum?: boolean;
  trainSteps?: boolean;
  /** Seconds to spend per measurement once the first run is done. */
  budgetS?: number;
}

const now = (): number => performance.now();

/** Times `run` (which must finish its work, e.g. by awaiting a read): one first run, then reps until the budget is spent. */
async function timeIt(run: () => Promise<void>, budgetS: number, maxReps = 20): Promise<{ seconds: number; reps: number; firstOnly: boolean }> {
  const t0 = now();
  await run();
  const first = (now() - t0) / 1000;
  if (first > budgetS / 2) return { seconds: first, reps: 1, firstOnly: true };
  let reps = 0;
  const t1 = now();
  while (reps < maxReps && (reps < 2 || (now() - t1) / 1000 < budgetS)) {
    await run();
    reps++;
  }
  return { seconds: (now() - t1) / 1000 / reps, reps, firstOnly: false };
}

async function matmulEntries(sizes: number[], label: string, budgetS: number, info: BackendInfo): Promise<ComputeBenchEntry[]> {
  const out: ComputeBenchEntry[] = [];
  for (const n of sizes) {
    const a = tf.tensor2d(uniform(n * n, n), [n, n]);
    const b = tf.tensor2d(uniform(n * n, n + 1), [n, n]);
    const { seconds, reps, firstOnly } = await timeIt(async () => {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    }, budgetS);
    tf.dispose([a, b]);
    const threads = info.wasm ? `, ${info.wasm.threads} thread(s), simd=${info.wasm.simd}` : '';
    out.push({
      name: `compute.matmul.${n}`,
      value: (2 * n ** 3) / seconds / 1e9,
      unit: 'GFLOP/s',
      backend: label,
      note: `${n}³ float32, ${reps} rep(s)${firstOnly ? ' (first run only, includes compile)' : ''}, result read back${threads}`,
    });
  }
  return out;
}

/** The segment-sum workload: rows of a node table gathered along edges and summed per destination node. */
export const SEGMENT_BENCH = { nodes: 8192, dim: 64, edges: 65536 };

function segmentBytes(gather: boolean): number {
  const { nodes, dim, edges } = SEGMENT_BENCH;
  const sum = edges * dim * 4 + edges * 4 + nodes * dim * 4; // read x and ids, write out
  return gather ? sum + edges * dim * 4 * 2 + edges * 4 : sum; // + read table rows, write gathered rows, read indices
}

/** Alternates two measurements (A, B, A, B, …) so machine noise hits both alike; returns median seconds of each. */
async function timePair(a: () => Promise<void>, b: () => Promise<void>, reps: number): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < reps; r++) {
    let t = now();
    await a();
    ta.push((now() - t) / 1000);
    t = now();
    await b();
    tb.push((now() - t) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return [median(ta), median(tb)];
}

async function segmentSumEntries(label: string, reps: number, sync: boolean): Promise<ComputeBenchEntry[]> {
  // WASM and CPU run kernels synchronously: time the op itself (the JS loops do not copy their
  // result out either). WebGPU is asynchronous: there the read-back is what waits for the work.
  const finish = async (y: tf.Tensor): Promise<void> => {
    if (!sync) await y.data();
    y.dispose();
  };
  const { nodes, dim, edges } = SEGMENT_BENCH;
  const tableValues = uniform(nodes * dim, 3);
  const srcValues = ints(edges, 4, nodes);
  const dstValues = ints(edges, 5, nodes);
  const xValues = uniform(edges * dim, 6);
  const table = tf.tensor2d(tableValues, [nodes, dim]);
  const src = tf.tensor1d(srcValues, 'int32');
  const dst = tf.tensor1d(dstValues, 'int32');
  const x = tf.tensor2d(xValues, [edges, dim]);
  // The same work as plain JS loops over typed arrays (the yardstick for our kernels).
  const gathered = new Float32Array(edges * dim);
  const out = new Float32Array(nodes * dim);
  const jsGather = (): void => {
    for (let e = 0; e < edges; e++) gathered.set(tableValues.subarray(srcValues[e] * dim, srcValues[e] * dim + dim), e * dim);
  };
  const jsSegmentSum = (values: Float32Array): void => {
    out.fill(0);
    segmentSumInto(values, dstValues, dim, nodes, out);
  };
  const [both, jsBoth] = await timePair(
    async () => {
      await finish(tf.tidy(() => tf.unsortedSegmentSum(tf.gather(table, src), dst, nodes)));
    },
    async () => {
      jsGather();
      jsSegmentSum(gathered);
    },
    reps,
  );
  const [gather, jsGatherS] = await timePair(
    async () => {
      await finish(tf.gather(table, src));
    },
    async () => jsGather(),
    reps,
  );
  const [kernel, jsKernel] = await timePair(
    async () => {
      await finish(tf.unsortedSegmentSum(x, dst, nodes));
    },
    async () => jsSegmentSum(xValues),
    reps,
  );
  tf.dispose([table, src, dst, x]);
  const gbps = (bytes: number, s: number): number => bytes / s / 1e9;
  const gatherBytes = edges * dim * 4 * 2 + edges * 4;
  const shape = `${edges} edges × ${dim} dims → ${nodes} nodes, median of ${reps}, alternating with the JS loop${sync ? '' : ', result read back'}`;
  return [
    { name: 'compute.segment_sum', value: gbps(segmentBytes(true), both), unit: 'GB/s', backend: label, note: `gather + unsortedSegmentSum, ${shape}; ${(both / jsBoth).toFixed(2)}× the JS loop's time` },
    { name: 'compute.segment_sum.js_loop', value: gbps(segmentBytes(true), jsBoth), unit: 'GB/s', backend: label, note: `plain JS gather + segment-sum loop, same data (in the ${label} run's thread)` },
    { name: 'compute.segment_sum.kernel', value: gbps(segmentBytes(false), kernel), unit: 'GB/s', backend: label, note: `unsortedSegmentSum alone; ${(kernel / jsKernel).toFixed(2)}× the JS loop's time` },
    { name: 'compute.segment_sum.kernel.js_loop', value: gbps(segmentBytes(false), jsKernel), unit: 'GB/s', backend: label, note: 'plain JS segment-sum loop, same data' },
    { name: 'compute.gather', value: gbps(gatherBytes, gather), unit: 'GB/s', backend: label, note: `gather of ${edges} rows × ${dim}; ${(gather / jsGatherS).toFixed(2)}× the JS row-copy loop's time` },
    { name: 'compute.gather.js_loop', value: gbps(gatherBytes, jsGatherS), unit: 'GB/s', backend: label, note: 'plain JS row-copy loop, same data' },
  ];
}

async function stepMs(model: TrainableModel, spec: BatchSpec, batch: (s: number) => BatchData, budgetS: number): Promise<{ ms: number; reps: number }> {
  const optimizer = tf.train.adam(0.01);
  const runner = new StepRunner(model, optimizer, spec, 1);
  try {
    // Warm-up (kernel compilation, buffer pools), then steps with the loss read each step (= synchronised).
    for (let s = 0; s < 2; s++) await runner.run(batch(s)).loss;
    let s = 2;
    const t = await timeIt(async () => {
      await runner.run(batch(s++)).loss;
    }, budgetS, 10);
    return { ms: t.seconds * 1000, reps: t.reps };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

async function trainStepEntries(label: string, budgetS: number): Promise<ComputeBenchEntry[]> {
  const gcn = await stepMs(buildToyGcn(), toyGcnSpec(), (s) => toyGcnBatch(s), budgetS);
  const tr = await stepMs(buildToyTransformer(), toyTransformerSpec(), (s) => toyTransformerBatch(s), budgetS);
  const g = TOY_GCN;
  const t = TOY_TRANSFORMER;
  return [
    { name: 'compute.train_step.gcn', value: gcn.ms, unit: 'ms', backend: label, note: `2-layer GCN, ${g.nodes} nodes, ${g.edges} edges, dim ${g.dim}, batch ${g.batch}, Adam; ${gcn.reps} step(s)` },
    { name: 'compute.train_step.transformer', value: tr.ms, unit: 'ms', backend: label, note: `1 block, ${t.items} items, seq ${t.seqLen}, dim ${t.dim}, batch ${t.batch}, softmax over all items, Adam; ${tr.reps} step(s)` },
  ];
}

/** The compute benchmarks on one backend (run inside the compute worker). */
export async function runComputeBench(options: ComputeBenchOptions): Promise<{ info: BackendInfo; entries: ComputeBenchEntry[] }> {
  const info = await initCompute({ forced: options.backend, wasmThreads: options.wasmThreads });
  if (info.backend !== options.backend) throw new Error(`backend ${options.backend} could not be initialised`);
  const label = options.label ?? options.backend;
  const budgetS = options.budgetS ?? 1.5;
  const entries: ComputeBenchEntry[] = [];
  entries.push(...(await matmulEntries(options.matmulSizes ?? [256, 512, 1024, 2048], label, budgetS, info)));
  if (options.segmentSum !== false) entries.push(...(await segmentSumEntries(label, options.backend === 'webgpu' ? 3 : 11, options.backend !== 'webgpu')));
  if (options.trainSteps !== false) entries.push(...(await trainStepEntries(label, budgetS)));
  return { info, entries };
}
