import { train } from '@tensorflow/tfjs-core';
import { initCompute } from '../init';
import { runTrainingJob, type JobEvent } from '../training-job';
import type { BackendInfo } from '../types';
import { simulateDeviceLoss, simulateOutOfMemory } from '../webgpu-device';
import { buildToyGcn, toyGcnBatch, toyGcnSpec } from '../workloads/toy-gcn';
import { MEMORY_GCN } from './memory-suite';

export interface DeviceLossSuiteResult {
  before: BackendInfo;
  after: BackendInfo | null;
  events: JobEvent[];
  steps: number;
  losses: { step: number; loss: number }[];
}

/**
 * Starts a toy GCN job on WebGPU, destroys the device (or reports an out-of-memory error) at step
 * `lossAt`, and lets the job recover: it must report the loss, switch to WASM, restore the last
 * checkpoint and finish all steps.
 */
export async function runDeviceLossSuite(mode: 'destroy' | 'oom', steps = 60, lossAt = 30): Promise<DeviceLossSuiteResult> {
  const before = await initCompute({ forced: 'webgpu' });
  if (before.backend !== 'webgpu') throw new Error('WebGPU could not be initialised');
  const events: JobEvent[] = [];
  let fired = false;
  const job = await runTrainingJob({
    build: () => ({ model: buildToyGcn(MEMORY_GCN), optimizer: train.adam(0.01) }),
    spec: toyGcnSpec(MEMORY_GCN),
    batch: (s) => toyGcnBatch(s, MEMORY_GCN),
    steps,
    metricsEvery: 5,
    checkpointEvery: 20,
    fallback: 'wasm',
    onEvent: (e) => {
      events.push(e);
      if (!fired && e.type === 'metrics' && e.step === lossAt) {
        fired = true;
        if (mode === 'destroy') simulateDeviceLoss();
        else simulateOutOfMemory();
      }
    },
  });
  job.setup.model.dispose();
  job.setup.optimizer.dispose();
  return { before, after: job.backendInfo, events, steps: job.steps, losses: job.losses };
}
