// The compute core: backend choice, the kernels the backends lack, and training-loop helpers.
// Runs in workers, in the page and in Node tests; no DOM beyond navigator.gpu.
export * from './types';
export { decideBackend, isSoftwareAdapter, parseBackendParam, backendFromSearch, type PolicyDecision, type PolicyInput } from './policy';
export { summarizeAdapter } from './adapter-info';
export { initCompute, switchBackend, activeBackend, type InitOptions } from './init';
export { registerMissingKernels, EXTRA_KERNELS } from './kernels/register';
export { onDeviceLoss, deviceLoss, simulateDeviceLoss, simulateOutOfMemory, markDeviceLost, deviceLossSignalledAt, webgpuLossSource } from './webgpu-device';
export { traceLoss, lossTrace } from './loss-trace';
export { AFTER_SIGNAL_MS, createGpuGuard, DeviceLostError, type GpuGuard, type GpuGuardOptions, type Timers } from './gpu-guard';
export { checkBatch, padRows, rowMask, type BatchData, type BatchSpec, type BatchTensors, type BatchInputSpec } from './batch';
export { StepRunner, readScalar, type TrainableModel, type StepResult } from './step-runner';
export { takeCheckpoint, restoreCheckpoint, type Checkpoint, type SavedTensor } from './checkpoint';
export { runTrainingJob, type TrainingJobOptions, type TrainingJobResult, type TrainingSetup, type JobEvent, type LossSource } from './training-job';
export { sampleMemory, judgeFlatness, type MemorySample } from './memory';
