// tfjs-core alone registers no gradients (the @tensorflow/tfjs umbrella does): register them here.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerComparisonGrads } from './comparison-grads';
import { gatherWasmConfig } from './gather-wasm';
import { registerStridedSliceGrad } from './strided-slice-grad';
import { unsortedSegmentSumCpuConfig } from './unsorted-segment-sum-cpu';
import { unsortedSegmentSumWasmConfig } from './unsorted-segment-sum-wasm';

/**
 * Kernels the tfjs 4.22 backends lack that our models need. Only WASM lacks one that matters
 * (UnsortedSegmentSum, used by the gradient of gather); WebGPU and CPU have every kernel the
 * parity cases and toy models run (see required-kernels.ts and kernels.test.ts).
 */
export const EXTRA_KERNELS: readonly KernelConfig[] = [unsortedSegmentSumWasmConfig];

/** Kernels a backend has but in a form too slow for our shapes: replaced by ours (built lazily: the wasm gather wraps the original). */
const REPLACEMENTS: readonly (() => KernelConfig)[] = [() => unsortedSegmentSumCpuConfig, gatherWasmConfig];
const replaced = new Set<string>();

/**
 * Registers the missing kernels and gradients (idempotent; what tfjs already has is left alone):
 * UnsortedSegmentSum on wasm; faster GatherV2 on wasm and UnsortedSegmentSum on cpu; the StridedSlice gradient and zero gradients for comparisons
 * (absent from tfjs 4.22 on every backend).
 * Call once per thread before training; initCompute() does it. Returns what it registered.
 */
export function registerMissingKernels(): string[] {
  const registered: string[] = [];
  if (registerStridedSliceGrad()) registered.push('StridedSlice gradient');
  registered.push(...registerComparisonGrads());
  for (const config of EXTRA_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) != null) continue;
    registerKernel(config);
    registered.push(`${config.kernelName}@${config.backendName}`);
  }
  for (const make of REPLACEMENTS) {
    const config = make();
    const key = `${config.kernelName}@${config.backendName}`;
    if (replaced.has(key)) continue;
    if (getKernel(config.kernelName, config.backendName)) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
    replaced.add(key);
    registered.push(`${key} (replaced)`);
  }
  return registered;
}
