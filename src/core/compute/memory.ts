import { backend, getBackend, memory } from '@tensorflow/tfjs-core';

/** One reading of the engine's and the backend's memory. */
export interface MemorySample {
  step: number;
  numTensors: number;
  numDataBuffers: number;
  numBytes: number;
  /** WebGPU: bytes in buffers tfjs holds (used + pooled); null on other backends. */
  gpuBytesAllocated: number | null;
  /** WASM: the size of the module's heap (it only grows, so growth = a leak or a larger peak). */
  wasmHeapBytes: number | null;
}

interface WebGpuMemoryInfo {
  numBytesAllocatedInGPU?: number;
}
interface WasmHeapOwner {
  wasm?: { HEAPU8?: { byteLength: number } };
}

export function sampleMemory(step: number): MemorySample {
  const info = memory() as ReturnType<typeof memory> & WebGpuMemoryInfo;
  const name = getBackend();
  let wasmHeapBytes: number | null = null;
  if (name === 'wasm') wasmHeapBytes = (backend() as unknown as WasmHeapOwner).wasm?.HEAPU8?.byteLength ?? null;
  return {
    step,
    numTensors: info.numTensors,
    numDataBuffers: info.numDataBuffers,
    numBytes: info.numBytes,
    gpuBytesAllocated: name === 'webgpu' ? info.numBytesAllocatedInGPU ?? null : null,
    wasmHeapBytes,
  };
}

export interface FlatnessVerdict {
  flat: boolean;
  problems: string[];
}

/**
 * Judges a series of samples taken after warm-up: tensor and buffer counts and engine bytes must
 * not change at all; GPU bytes and the WASM heap must not grow past the first sample.
 */
export function judgeFlatness(samples: MemorySample[]): FlatnessVerdict {
  const problems: string[] = [];
  if (samples.length < 2) return { flat: false, problems: ['fewer than two samples'] };
  const first = samples[0];
  for (const s of samples.slice(1)) {
    if (s.numTensors !== first.numTensors) problems.push(`step ${s.step}: numTensors ${first.numTensors} → ${s.numTensors}`);
    if (s.numDataBuffers !== first.numDataBuffers) problems.push(`step ${s.step}: numDataBuffers ${first.numDataBuffers} → ${s.numDataBuffers}`);
    if (s.numBytes !== first.numBytes) problems.push(`step ${s.step}: numBytes ${first.numBytes} → ${s.numBytes}`);
    if (first.gpuBytesAllocated !== null && s.gpuBytesAllocated !== null && s.gpuBytesAllocated > first.gpuBytesAllocated) {
      problems.push(`step ${s.step}: GPU bytes ${first.gpuBytesAllocated} → ${s.gpuBytesAllocated}`);
    }
    if (first.wasmHeapBytes !== null && s.wasmHeapBytes !== null && s.wasmHeapBytes > first.wasmHeapBytes) {
      problems.push(`step ${s.step}: WASM heap ${first.wasmHeapBytes} → ${s.wasmHeapBytes}`);
    }
  }
  return { flat: problems.length === 0, problems };
}
