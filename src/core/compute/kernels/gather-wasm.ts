import {
  GatherV2,
  getKernel,
  util,
  type GatherV2Attrs,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type WasmHeapBackend = Pick<BackendWasm, 'makeOutput' | 'typedArrayFromHeap'>;
type HeapArray = Float32Array | Int32Array | Uint8Array;

/** Copies rows: out[o, i, :] = x[o, idx[i], :]. */
function gatherRows(x: HeapArray, idx: Int32Array, outer: number, n: number, inner: number, out: HeapArray): void {
  const k = idx.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < k; i++) {
      const src = (o * n + idx[i]) * inner;
      const dst = (o * k + i) * inner;
      if (inner >= 16) out.set(x.subarray(src, src + inner), dst);
      else for (let j = 0; j < inner; j++) out[dst + j] = x[src + j];
    }
  }
}

/**
 * GatherV2 for WASM (batchDims 0) as row copies over the heap. tfjs-wasm's C++ gather copies
 * element by element with stride arithmetic: gathering 65,536 rows of 64 floats ran ~30× slower
 * than a JS row-copy loop, and the GCN's gather is its hottest op. batchDims > 0 goes to the
 * original kernel.
 */
export function makeGatherWasm(original: KernelConfig | undefined): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { x, indices } = inputs as NamedTensorInfoMap & { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = attrs as unknown as GatherV2Attrs;
    const plain = (batchDims ?? 0) === 0 && (x.dtype === 'float32' || x.dtype === 'int32' || x.dtype === 'bool');
    if (!plain && original) return original.kernelFunc(args);
    if (!plain) throw new Error('GatherV2 (wasm): batchDims > 0 or this dtype needs the original kernel');
    const wasm = backend as WasmHeapBackend;
    const parsedAxis = util.parseAxisParam(axis, x.shape)[0];
    const n = x.shape[parsedAxis];
    const idx = wasm.typedArrayFromHeap(indices) as Int32Array;
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= n) throw new Error(`GatherV2: the index value ${idx[i]} is not in [0, ${n - 1}]`);
    }
    const outer = util.sizeFromShape(x.shape.slice(0, parsedAxis));
    const inner = util.sizeFromShape(x.shape.slice(parsedAxis + 1));
    const outShape = [...x.shape.slice(0, parsedAxis), ...indices.shape, ...x.shape.slice(parsedAxis + 1)];
    const out = wasm.makeOutput(outShape, x.dtype);
    if (util.sizeFromShape(outShape) === 0) return out;
    // Views after makeOutput: an allocation may have grown the heap.
    gatherRows(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(indices) as Int32Array, outer, n, inner, wasm.typedArrayFromHeap(out));
    return out;
  };
  return { kernelName: GatherV2, backendName: 'wasm', kernelFunc, setupFunc: original?.setupFunc, disposeFunc: original?.disposeFunc };
}

/** The stock kernel, looked up when our replacement is built (so the fallback is the original). */
export function gatherWasmConfig(): KernelConfig {
  return makeGatherWasm(getKernel(GatherV2, 'wasm'));
}
