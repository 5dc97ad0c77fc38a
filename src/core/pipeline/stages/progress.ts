/** Progress callback of one stage: (done, total, note). */
export type StageProgress = (done: number, total: number, note?: string) => void;

/** Lets the event loop run (progress messages out, cancel messages in) between chunks of synchronous work. */
export function yieldNow(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}
