/**
 * Where PinnerFormer runs keep their per-epoch checkpoints: the same pattern as PinSage's
 * (src/core/train/checkpoint-store.ts) — variables, Adam slots and the run's progress, so a reload
 * resumes at the next epoch — with PinnerFormer's config and the item embedding's identity.
 */
import type { Checkpoint } from '../../compute/checkpoint';
import type { PinnerFormerConfig } from '../../models/pinnerformer/config';

export interface PinnerFormerRunState {
  /** Last completed epoch (1-based). */
  epoch: number;
  bestEpoch: number;
  bestRecall10: number;
  globalStep: number;
  losses: { step: number; loss: number }[];
  validations: { step: number; epoch: number; recall10: number }[];
}

export interface PinnerFormerCheckpoint {
  runId: string;
  config: PinnerFormerConfig;
  /** Shape of the input item embedding the weights were trained with. */
  items: { count: number; dim: number };
  state: PinnerFormerRunState;
  last: Checkpoint;
  /** Variables of the best-validation epoch (no optimizer slots). */
  best: Checkpoint;
  savedAt: string;
}

export interface PinnerFormerCheckpointStore {
  load(runId: string): Promise<PinnerFormerCheckpoint | null>;
  save(c: PinnerFormerCheckpoint): Promise<void>;
  remove(runId: string): Promise<void>;
}

export class MemoryPinnerFormerCheckpointStore implements PinnerFormerCheckpointStore {
  private readonly map = new Map<string, PinnerFormerCheckpoint>();
  async load(runId: string): Promise<PinnerFormerCheckpoint | null> {
    return this.map.get(runId) ?? null;
  }
  async save(c: PinnerFormerCheckpoint): Promise<void> {
    this.map.set(c.runId, structuredClone(c));
  }
  async remove(runId: string): Promise<void> {
    this.map.delete(runId);
  }
}
