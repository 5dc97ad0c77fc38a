import {
  UnsortedSegmentSum,
  util,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorInfoMap,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/** The slice of BackendWasm this kernel uses. */
type WasmHeapBackend = Pick<BackendWasm, 'makeOutput' | 'typedArrayFromHeap'>;

/**
 * The segment sum itself, on plain typed arrays: out[s, :] += x[i, :] for every row i with
 * 0 <= ids[i] < numSegments (rows with other ids are dropped, as in TensorFlow). `out` must be zeroed.
 */
export function segmentSumInto(x: ArrayLike<number>, ids: ArrayLike<number>, inner: number, numSegments: number, out: HeapArray | Float32Array): void {
  const rows = ids.length;
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
}

/**
 * The same loop as segmentSumInto, kept separate on purpose: it only ever sees views of the WASM
 * heap (a SharedArrayBuffer when threaded), so V8's type feedback for it stays monomorphic.
 */
function segmentSumHeap(x: HeapArray, ids: Int32Array, inner: number, numSegments: number, out: HeapArray): void {
  const rows = ids.length;
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
}

/**
 * UnsortedSegmentSum for the WASM backend, which lacks it (tfjs issue #8082); the gradient of
 * gather calls it. Written in JS over the backend's heap views: the views are taken after
 * makeOutput, because an allocation may grow (and so replace) the heap buffer.
 */
/** Checks the inputs and works out the output shape and row length (shared by the wasm and cpu kernels). */
export function segmentSumGeometry(
  inputs: NamedTensorInfoMap,
  attrs: unknown,
  backendName: string,
): { x: TensorInfo; segmentIds: TensorInfo; numSegments: number; inner: number; outShape: number[] } {
  const { x, segmentIds } = inputs as NamedTensorInfoMap & { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as UnsortedSegmentSumAttrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum (${backendName}): dtype ${x.dtype} not supported`);
  const idsRank = segmentIds.shape.length;
  for (let d = 0; d < idsRank; d++) {
    if (segmentIds.shape[d] !== x.shape[d]) {
      throw new Error(`UnsortedSegmentSum (${backendName}): segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`);
    }
  }
  const innerShape = x.shape.slice(idsRank);
  return { x, segmentIds, numSegments, inner: util.sizeFromShape(innerShape), outShape: [numSegments, ...innerShape] };
}

export const unsortedSegmentSumWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds, numSegments, inner, outShape } = segmentSumGeometry(inputs, attrs, 'wasm');
  const wasm = backend as WasmHeapBackend;
  const out = wasm.makeOutput(outShape, x.dtype);
  const outValues = wasm.typedArrayFromHeap(out);
  outValues.fill(0);
  if (outValues.length > 0) {
    segmentSumHeap(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(segmentIds) as Int32Array, inner, numSegments, outValues);
  }
  return out;
};

export const unsortedSegmentSumWasmConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSumWasm,
};
