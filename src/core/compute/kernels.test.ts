import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { registerMissingKernels } from './kernels/register';
import { registerStridedSliceGrad } from './kernels/strided-slice-grad';
import { registerComparisonGrads } from './kernels/comparison-grads';
import { segmentSumInto, unsortedSegmentSumWasm } from './kernels/unsorted-segment-sum-wasm';
import { kernelsOfParityCases, kernelsUsedBy, missingKernels } from './required-kernels';
import { buildToyGcn, toyGcnBatch, toyGcnSpec, TOY_GCN } from './workloads/toy-gcn';
import { buildToyTransformer, toyTransformerBatch, toyTransformerSpec, TOY_TRANSFORMER } from './workloads/toy-transformer';
import { StepRunner } from './step-runner';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The StridedSlice gradient is ours too; the WASM kernel is registered (and checked) below.
  registerStridedSliceGrad();
  registerComparisonGrads();
});

describe('kernel coverage', () => {
  it('every kernel the parity cases and toy models run (forward + backward) exists on webgpu, wasm and cpu after registration', async () => {
    const used = new Set(await kernelsOfParityCases());
    for (const [build, spec, batch] of [
      [() => buildToyGcn({ ...TOY_GCN, nodes: 50, edges: 200, batch: 8 }), toyGcnSpec({ ...TOY_GCN, batch: 8 }), toyGcnBatch(0, { ...TOY_GCN, nodes: 50, batch: 8 })],
      [() => buildToyTransformer({ ...TOY_TRANSFORMER, items: 40, batch: 4 }), toyTransformerSpec({ ...TOY_TRANSFORMER, batch: 4 }), toyTransformerBatch(0, { ...TOY_TRANSFORMER, items: 40, batch: 4 })],
    ] as const) {
      const model = build();
      const opt = tf.train.adam(0.01);
      const runner = new StepRunner(model, opt, spec, 1);
      (await kernelsUsedBy(() => {
        void runner.run(batch).loss;
        return [];
      })).forEach((k) => used.add(k));
      model.dispose();
      opt.dispose();
    }
    const kernels = [...used].sort();
    expect(kernels).toContain('UnsortedSegmentSum');
    expect(kernels).toContain('GatherV2');
    expect(kernels).toContain('BatchMatMul');
    expect(missingKernels(kernels, 'cpu')).toEqual([]);
    expect(missingKernels(kernels, 'webgpu')).toEqual([]);
    // Before registration WASM lacks UnsortedSegmentSum (tfjs #8082) — and nothing else we use.
    if (tf.getKernel('UnsortedSegmentSum', 'wasm') == null) expect(missingKernels(kernels, 'wasm')).toEqual(['UnsortedSegmentSum']);
    registerMissingKernels();
    expect(missingKernels(kernels, 'wasm')).toEqual([]);
    expect(registerMissingKernels()).toEqual([]); // idempotent
  });

  it('the StridedSlice gradient scatters dy back to the strided positions', async () => {
    const x = tf.tensor2d([...Array(12).keys()], [3, 4]);
    const g = tf.grad((t: tf.Tensor) => tf.stridedSlice(t, [0, 1], [3, 4], [2, 2]))(x, tf.tensor2d([1, 2, 3, 4], [2, 2]));
    expect(Array.from(await g.data())).toEqual([0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4]);
    const shrink = tf.grad((t: tf.Tensor) => tf.stridedSlice(t, [1, 0], [2, 4], [1, 1], 0, 0, 0, 0, 1))(x, tf.tensor1d([5, 6, 7, 8]));
    expect(Array.from(await shrink.data())).toEqual([0, 0, 0, 0, 5, 6, 7, 8, 0, 0, 0, 0]);
  });
});

describe('UnsortedSegmentSum for wasm', () => {
  it('segmentSumInto sums rows into segments and drops out-of-range ids', () => {
    const out = new Float32Array(6);
    segmentSumInto(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), Int32Array.from([2, 0, 2, -1]), 2, 3, out);
    expect([...out]).toEqual([3, 4, 0, 0, 6, 8]);
  });

  it('the kernel over a (fake) WASM heap matches the CPU backend', async () => {
    // A stand-in for BackendWasm: tensors live at offsets in one ArrayBuffer, as on the real heap.
    const heap = new ArrayBuffer(1 << 16);
    let next = 0;
    const offsets = new Map<object, number>();
    const alloc = (shape: number[], dtype: string, values?: ArrayLike<number>): tf.TensorInfo => {
      const dataId = {};
      offsets.set(dataId, next);
      const n = shape.reduce((a, b) => a * b, 1);
      if (values) (dtype === 'int32' ? new Int32Array(heap, next, n) : new Float32Array(heap, next, n)).set(values);
      next += n * 4;
      return { dataId, shape, dtype: dtype as tf.DataType };
    };
    const backend = {
      makeOutput: (shape: number[], dtype: string) => alloc(shape, dtype),
      typedArrayFromHeap: ({ shape, dtype, dataId }: tf.TensorInfo) => {
        const n = shape.reduce((a, b) => a * b, 1);
        return dtype === 'int32' ? new Int32Array(heap, offsets.get(dataId)!, n) : new Float32Array(heap, offsets.get(dataId)!, n);
      },
    };
    const xValues = Float32Array.from({ length: 30 * 4 }, (_, i) => Math.sin(i));
    const ids = Int32Array.from({ length: 30 }, (_, i) => (i * 7) % 9);
    const x = alloc([30, 2, 2], 'float32', xValues);
    const seg = alloc([30], 'int32', ids);
    const out = unsortedSegmentSumWasm({ inputs: { x, segmentIds: seg }, backend, attrs: { numSegments: 10 } }) as tf.TensorInfo;
    expect(out.shape).toEqual([10, 2, 2]);
    // Independent reference: the TensorFlow definition, written out.
    const expected = new Float64Array(40);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 4; j++) expected[ids[i] * 4 + j] += xValues[i * 4 + j];
    const got = backend.typedArrayFromHeap(out);
    for (let i = 0; i < expected.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
  });
});
