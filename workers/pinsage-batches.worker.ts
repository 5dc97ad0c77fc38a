/**
 * PinSage minibatch producer: builds the next minibatch (neighbourhoods, re-indexed features,
 * negatives) while the training worker runs the current step. It prepares the same data as the
 * trainer from the same dataset and config (deterministic), then serves `batch(epoch, step)`,
 * moving the arrays out instead of copying them.
 */
import { exposeJobs, transferResult } from './runtime';
import type { JobContext } from '../src/runtime/protocol';
import type { Dataset } from '../src/core/data/types';
import { parsePinSageConfig, type PinSageConfigInput } from '../src/core/models/pinsage/config';
import { makeBatchPlan, type BatchPlan } from '../src/core/train/batch-plan';
import type { Minibatch } from '../src/core/train/minibatch';
import { preparePinSageData } from '../src/core/train/pinsage-data';

let plan: BatchPlan | null = null;

const handlers = {
  setup(input: { dataset: Dataset; config: PinSageConfigInput }, _ctx: JobContext): { stepsPerEpoch: number } {
    const cfg = parsePinSageConfig(input.config);
    plan = makeBatchPlan(cfg, preparePinSageData(input.dataset, cfg));
    return { stepsPerEpoch: plan.stepsPerEpoch };
  },
  batch(input: { epoch: number; step: number }, _ctx: JobContext): Minibatch {
    if (!plan) throw new Error('batch producer: setup first');
    const mb = plan.batch(input.epoch, input.step);
    return transferResult(mb, Object.values(mb.data).map((a) => a.buffer as ArrayBuffer));
  },
};

export type PinSageBatchJobs = typeof handlers;

exposeJobs(handlers);
