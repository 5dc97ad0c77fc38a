import type { Optimizer } from '@tensorflow/tfjs-core';
import type { BatchData, BatchSpec } from './batch';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from './checkpoint';
import { switchBackend } from './init';
import { StepRunner, type TrainableModel } from './step-runner';
import type { BackendInfo, BackendName, DeviceLossInfo } from './types';
import { AFTER_SIGNAL_MS, type LossSource } from './gpu-guard';
import { webgpuLossSource } from './webgpu-device';

/** What a trainer builds on the current backend; called again (fresh) after a backend switch. */
export interface TrainingSetup {
  model: TrainableModel;
  optimizer: Optimizer;
}

export type JobEvent =
  | { type: 'metrics'; step: number; loss: number }
  | { type: 'checkpoint'; step: number }
  | { type: 'device-lost'; step: number; loss: DeviceLossInfo; resumeFrom: number }
  | { type: 'backend-switched'; step: number; info: BackendInfo };

export type { LossSource };

export interface TrainingJobOptions {
  build(): TrainingSetup;
  spec: BatchSpec;
  /** The batch for step `step` (0-based), fixed shapes; must be deterministic in `step` so a resume replays the same data. */
  batch(step: number): BatchData;
  steps: number;
  metricsEvery?: number;
  checkpointEvery?: number;
  /** Backend to continue on after a WebGPU loss (default 'wasm'). */
  fallback?: BackendName;
  onEvent?(event: JobEvent): void;
  /** Persist checkpoints (e.g. the run's CheckpointStore); the job keeps the latest in memory anyway. */
  saveCheckpoint?(checkpoint: Checkpoint): Promise<void> | void;
  signal?: AbortSignal;
  lossSource?: LossSource;
  switchTo?(backend: BackendName): Promise<BackendInfo>;
}

export interface TrainingJobResult {
  steps: number;
  losses: { step: number; loss: number }[];
  deviceLosses: DeviceLossInfo[];
  /** Backend info after a switch (null if the job never switched). */
  backendInfo: BackendInfo | null;
  /** The trained model and optimizer on the backend the job ended on: the caller owns (and disposes) them. */
  setup: TrainingSetup;
}


class DeviceLostError extends Error {}

/** How long an unexplained error waits for a device-loss report before it counts as a real error. */
const LOSS_GRACE_MS = 250;

/**
 * A training loop that survives a WebGPU device loss: on device.lost or an out-of-memory error it
 * reports the loss, switches to the fallback backend (WASM), rebuilds the model there from the last
 * checkpoint (variables + optimizer state) and continues from that step.
 */
export async function runTrainingJob(options: TrainingJobOptions): Promise<TrainingJobResult> {
  const metricsEvery = options.metricsEvery ?? 10;
  const checkpointEvery = options.checkpointEvery ?? 50;
  const source = options.lossSource ?? webgpuLossSource;
  const switchTo = options.switchTo ?? ((b: BackendName) => switchBackend(b, 'device-lost'));
  const emit = options.onEvent ?? (() => undefined);
  const result: Omit<TrainingJobResult, 'setup'> = { steps: 0, losses: [], deviceLosses: [], backendInfo: null };

  let lost: DeviceLossInfo | null = source.current();
  let wakeOnLoss: (() => void) | null = null;
  const unsubscribe = source.subscribe((info) => {
    lost = info;
    wakeOnLoss?.();
  });
  const lossPromise = (): Promise<never> =>
    new Promise<never>((_, reject) => {
      if (lost) reject(new DeviceLostError(lost.message));
      wakeOnLoss = () => reject(new DeviceLostError(lost?.message ?? 'device lost'));
    });
  const lossWithin = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const off = source.subscribe(() => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  /** Awaits a read of GPU data, unless the device goes first. */
  const guarded = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await Promise.race([p, lossPromise()]);
    } finally {
      wakeOnLoss = null;
    }
  };

  let setup = options.build();
  let runner = new StepRunner(setup.model, setup.optimizer, options.spec, metricsEvery, 0);
  let checkpoint = await takeCheckpoint(0, setup.model.variables, setup.optimizer);

  const recover = async (): Promise<void> => {
    const info = lost ?? { kind: 'lost' as const, reason: 'unknown', message: 'device lost' };
    result.deviceLosses.push(info);
    emit({ type: 'device-lost', step: runner.step, loss: info, resumeFrom: checkpoint.step });
    setup.model.dispose();
    setup.optimizer.dispose();
    const backendInfo = await switchTo(options.fallback ?? 'wasm');
    result.backendInfo = backendInfo;
    lost = null;
    setup = options.build();
    await restoreCheckpoint(checkpoint, setup.model.variables, setup.optimizer);
    runner = new StepRunner(setup.model, setup.optimizer, options.spec, metricsEvery, checkpoint.step);
    emit({ type: 'backend-switched', step: checkpoint.step, info: backendInfo });
  };

  try {
    while (runner.step < options.steps) {
      options.signal?.throwIfAborted();
      if (lost) {
        await recover();
        continue;
      }
      try {
        const { step, loss } = runner.run(options.batch(runner.step));
        if (loss) {
          const value = await guarded(loss);
          result.losses = result.losses.filter((l) => l.step < step);
          result.losses.push({ step, loss: value });
          emit({ type: 'metrics', step, loss: value });
        }
        if (step % checkpointEvery === 0 && step < options.steps) {
          checkpoint = await guarded(takeCheckpoint(step, setup.model.variables, setup.optimizer));
          await options.saveCheckpoint?.(checkpoint);
          emit({ type: 'checkpoint', step });
        }
      } catch (err) {
        // A read on a lost device may reject before device.lost resolves: give the loss a moment to
        // arrive (AFTER_SIGNAL_MS when a loss was signalled; an error after a signal counts as the
        // loss even when device.lost does not come within it).
        const signalled = (source.signalledAt?.() ?? null) !== null;
        if (!(err instanceof DeviceLostError) && !lost) await lossWithin(signalled ? AFTER_SIGNAL_MS : LOSS_GRACE_MS);
        if (!(err instanceof DeviceLostError) && !lost && !signalled) throw err;
        lost ??= { kind: 'lost', reason: 'unknown', message: err instanceof Error ? err.message : String(err) };
      }
    }
    result.steps = runner.step;
    return { ...result, setup };
  } finally {
    unsubscribe();
  }
}
