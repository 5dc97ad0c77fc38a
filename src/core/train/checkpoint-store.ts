/**
 * Where PinSage runs keep their per-epoch checkpoints (the browser's IndexedDB in the worker, a Map
 * in tests and Node). A checkpoint holds the variables, the Adam slots and the run's progress, so
 * a reload or crash resumes at the next epoch.
 */
import type { Checkpoint } from '../compute/checkpoint';
import type { PinSageConfig } from '../models/pinsage/config';

export interface PinSageRunState {
  /** Last completed epoch (1-based). */
  epoch: number;
  bestEpoch: number;
  bestRecall10: number;
  /** Step counter across epochs. */
  globalStep: number;
  losses: { step: number; loss: number }[];
  validations: { step: number; epoch: number; recall10: number }[];
}

export interface PinSageCheckpoint {
  runId: string;
  config: PinSageConfig;
  state: PinSageRunState;
  /** Variables and optimizer after the last completed epoch. */
  last: Checkpoint;
  /** Variables of the best-validation epoch (no optimizer slots). */
  best: Checkpoint;
  savedAt: string;
}

export interface CheckpointStore {
  load(runId: string): Promise<PinSageCheckpoint | null>;
  save(c: PinSageCheckpoint): Promise<void>;
  remove(runId: string): Promise<void>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly map = new Map<string, PinSageCheckpoint>();
  async load(runId: string): Promise<PinSageCheckpoint | null> {
    return this.map.get(runId) ?? null;
  }
  async save(c: PinSageCheckpoint): Promise<void> {
    this.map.set(c.runId, structuredClone(c));
  }
  async remove(runId: string): Promise<void> {
    this.map.delete(runId);
  }
}
