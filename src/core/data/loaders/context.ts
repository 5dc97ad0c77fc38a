import type { ProgressFn } from '../types';
import { ReportBuilder } from './report';

/** The longest string V8 can make (2^29 − 24 characters): one text file is decoded into one. */
export const MAX_TEXT_CHARS = 2 ** 29 - 24;

/** Lets the event loop run (abort messages, progress posting) without the 4 ms timer clamp. */
function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/** Everything a loader needs besides its files: the report, cancellation and progress. */
export class LoadContext {
  readonly report = new ReportBuilder();
  private lastYield = now();

  constructor(
    private readonly onProgress?: ProgressFn,
    readonly signal?: AbortSignal,
    /** Longest text one file may decode to (text-source.ts; default V8's string limit). */
    readonly maxTextChars = MAX_TEXT_CHARS,
  ) {}

  /** Throws the signal's reason (an AbortError) when the load was cancelled. */
  checkAbort(): void {
    this.signal?.throwIfAborted();
  }

  progress(done: number, total: number, note?: string): void {
    this.onProgress?.(done, total, note);
  }

  /**
   * Call often from loops: every ~25 ms it reports progress, yields to the event loop (so an
   * abort can arrive) and throws if the load was cancelled.
   */
  async tick(done: number, total: number, note: string): Promise<void> {
    const t = now();
    if (t - this.lastYield < 25) return;
    this.progress(done, total, note);
    await nextMacrotask();
    this.lastYield = now();
    this.checkAbort();
  }

  /** Yields and checks for cancellation now. */
  async pause(): Promise<void> {
    await nextMacrotask();
    this.lastYield = now();
    this.checkAbort();
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
