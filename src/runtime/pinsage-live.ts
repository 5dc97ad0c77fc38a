/**
 * Live state of a PinSage training job, sent from the worker to the page inside progress notes
 * (JSON after a prefix; the runtime throttles progress, so each note carries the whole picture).
 */
export interface PinSageLive {
  variant: string;
  phase: 'preparing' | 'training' | 'evaluating' | 'paused' | 'done';
  epoch: number;
  step: number;
  totalSteps: number;
  pairsPerSecond: number;
  etaSeconds: number;
  /** (global step, loss) pairs. */
  losses: [number, number][];
  /** (global step, validation Recall@10) pairs. */
  validations: [number, number][];
  message?: string;
}

const PREFIX = 'pinsage:';

export function encodeLive(l: PinSageLive): string {
  return PREFIX + JSON.stringify(l);
}

export function decodeLive(note: string | undefined): PinSageLive | null {
  if (!note || !note.startsWith(PREFIX)) return null;
  try {
    return JSON.parse(note.slice(PREFIX.length)) as PinSageLive;
  } catch {
    return null;
  }
}
