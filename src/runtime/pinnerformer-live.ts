/**
 * Live state of a PinnerFormer training job, sent from a worker to the page inside progress notes
 * (JSON after a prefix; the runtime throttles progress, so each note carries the whole picture).
 * Same pattern as pinsage-live.ts; the Train panel's PinnerFormer view reads it.
 */
export interface PinnerFormerLive {
  objective: string;
  phase: 'preparing' | 'item-embeddings' | 'training' | 'evaluating' | 'paused' | 'done';
  epoch: number;
  step: number;
  totalSteps: number;
  seqsPerSecond: number;
  etaSeconds: number;
  /** (global step, loss) pairs. */
  losses: [number, number][];
  /** (global step, validation Recall@10) pairs. */
  validations: [number, number][];
  /** Learned temperature, when known. */
  temperature?: number;
  message?: string;
}

const PREFIX = 'pinnerformer:';

export function encodePinnerFormerLive(l: PinnerFormerLive): string {
  return PREFIX + JSON.stringify(l);
}

export function decodePinnerFormerLive(note: string | undefined): PinnerFormerLive | null {
  if (!note || !note.startsWith(PREFIX)) return null;
  try {
    return JSON.parse(note.slice(PREFIX.length)) as PinnerFormerLive;
  } catch {
    return null;
  }
}
