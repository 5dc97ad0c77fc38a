import { keep, tidy, type Optimizer, type Scalar, type Tensor, type Variable } from '@tensorflow/tfjs-core';
import { batchTensors, checkBatch, type BatchData, type BatchSpec, type BatchTensors } from './batch';

/** What a model trainer hands the compute core: variables and a loss. */
export interface TrainableModel {
  /** Trainable variables, in a stable order (checkpoints and optimizer slots follow it). */
  variables: Variable[];
  /** The loss of one batch. Called inside the step's tidy: create any tensors you like. */
  loss(batch: BatchTensors): Scalar;
  dispose(): void;
}

export interface StepResult {
  step: number;
  /** Present every `metricsEvery` steps: the loss, read asynchronously (no sync GPU stall). */
  loss?: Promise<number>;
}

/**
 * Runs training steps with fixed batch shapes: one synchronous tidy per step (minimize inside),
 * the loss tensor kept only on metric steps and read with `await data()`, so the tensor count
 * stays flat. `metricsEvery` = 1 reads every step (slow on WebGPU), 10–50 is usual.
 */
export class StepRunner {
  private stepCount: number;

  constructor(
    private readonly model: TrainableModel,
    private readonly optimizer: Optimizer,
    private readonly spec: BatchSpec,
    private readonly metricsEvery = 10,
    startStep = 0,
  ) {
    this.stepCount = startStep;
  }

  get step(): number {
    return this.stepCount;
  }

  run(data: BatchData): StepResult {
    checkBatch(this.spec, data);
    const step = ++this.stepCount;
    const wantLoss = step % this.metricsEvery === 0;
    // One synchronous tidy per step; on metric steps the cost survives it (returned), else nothing does.
    let kept: Scalar | null = null;
    tidy(() => {
      const batch = batchTensors(this.spec, data);
      const cost = this.optimizer.minimize(() => this.model.loss(batch), wantLoss, this.model.variables);
      if (wantLoss && cost) kept = keep(cost);
    });
    if (!kept) return { step };
    return { step, loss: readScalar(kept) };
  }
}

/** Reads a scalar asynchronously and disposes it. */
export async function readScalar(t: Tensor): Promise<number> {
  try {
    const values = await t.data();
    return values[0];
  } finally {
    t.dispose();
  }
}
