import { env } from '@tensorflow/tfjs-core';
import { initCompute } from '../init';
import { compareResults, type ParityVerdict } from '../parity/compare';
import { runAllCases } from '../parity/run';
import type { BackendInfo, BackendName } from '../types';

export interface ParitySuiteResult {
  info: BackendInfo;
  tolerance: number;
  verdicts: ParityVerdict[];
}

/**
 * Runs every parity case (value + gradients) on the CPU backend, then on `target`, and compares:
 * relative error (max |a − b| / max |b|) below `tolerance` for the value and every gradient.
 * On WebGPU the CPU hand-off of small tensors is switched off, so the GPU kernels are what is tested.
 */
export async function runParitySuite(target: BackendName, tolerance = 1e-4): Promise<ParitySuiteResult> {
  await initCompute({ forced: 'cpu' });
  const reference = await runAllCases();
  const info = await initCompute({ forced: target });
  if (info.backend !== target) throw new Error(`backend ${target} could not be initialised: ${JSON.stringify(info.failures)}`);
  const forward = env().getBool('WEBGPU_CPU_FORWARD');
  if (target === 'webgpu') env().set('WEBGPU_CPU_FORWARD', false);
  try {
    const got = await runAllCases();
    return { info, tolerance, verdicts: compareResults(reference, got, tolerance) };
  } finally {
    if (target === 'webgpu') env().set('WEBGPU_CPU_FORWARD', forward);
  }
}
