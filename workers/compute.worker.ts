/**
 * Compute worker: a thin adapter from named jobs (workers/runtime.ts) to src/core/compute.
 * Jobs: init (choose and start a backend, return what to record), parity / memory / deviceLoss
 * (the browser self-tests), bench (compute benchmarks).
 */
import { exposeJobs } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import { initCompute, type BackendInfo, type BackendName, type InitOptions } from '../src/core/compute';
import { runParitySuite, type ParitySuiteResult } from '../src/core/compute/diagnostics/parity-suite';
import { runMemorySuite, type MemorySuiteResult } from '../src/core/compute/diagnostics/memory-suite';
import { runDeviceLossSuite, type DeviceLossSuiteResult } from '../src/core/compute/diagnostics/device-loss-suite';
import { runComputeBench, type ComputeBenchEntry, type ComputeBenchOptions } from '../src/core/compute/diagnostics/bench';

const handlers = {
  init(input: InitOptions, _ctx: JobContext): Promise<BackendInfo> {
    return initCompute(input);
  },
  parity(input: { backend: BackendName; tolerance?: number }, _ctx: JobContext): Promise<ParitySuiteResult> {
    return runParitySuite(input.backend, input.tolerance);
  },
  memory(input: { backend: BackendName; model: 'gcn' | 'transformer'; steps?: number }, _ctx: JobContext): Promise<MemorySuiteResult> {
    return runMemorySuite(input.backend, input.model, input.steps);
  },
  deviceLoss(input: { mode: 'destroy' | 'oom'; steps?: number }, _ctx: JobContext): Promise<DeviceLossSuiteResult> {
    return runDeviceLossSuite(input.mode, input.steps);
  },
  bench(input: ComputeBenchOptions, _ctx: JobContext): Promise<{ info: BackendInfo; entries: ComputeBenchEntry[] }> {
    return runComputeBench(input);
  },
};

export type ComputeJobs = typeof handlers;

exposeJobs(handlers);
