/**
 * A guard for awaits on GPU work (tensor reads, validation, checkpoint copies): each await races
 * against the device-loss report and against a watchdog, so a read on a destroyed device that
 * never settles cannot hang a training run.
 *
 * - A loss already reported (device.lost resolved before the await started) rejects at once.
 * - A loss reported while the await is pending rejects it.
 * - After a loss is *signalled* (the device was destroyed, or the GPU raised an error) but not
 *   reported, an await still pending `afterSignalMs` later counts as a device loss.
 * - Any single await pending longer than `stallMs` counts as a device loss (a GPU that stopped
 *   answering).
 * - An await that rejects after a loss was signalled counts as the loss (a read on a destroyed
 *   device fails with an AbortError, seconds before device.lost is delivered under load).
 *
 * A watchdog firing calls `onStall` (e.g. to mark the device lost, so every listener agrees).
 */
import type { DeviceLossInfo } from './types';
import { traceLoss } from './loss-trace';

export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
  constructor(readonly info: DeviceLossInfo) {
    super(info.message);
  }
}

/** Where device losses come from (the real WebGPU watcher in the app; tests inject their own). */
export interface LossSource {
  current(): DeviceLossInfo | null;
  subscribe(listener: (info: DeviceLossInfo) => void): () => void;
  /** When a loss was signalled but not (yet) reported, as a `now()` time; null when none. */
  signalledAt?(): number | null;
  /** Calls back when a loss is signalled; returns the unsubscribe function. */
  onSignal?(listener: () => void): () => void;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface GpuGuardOptions {
  source: LossSource;
  /** How long an await may stay pending after a loss was signalled (default 10 s). */
  afterSignalMs?: number;
  /** How long any single await may stay pending at all (default 5 min). */
  stallMs?: number;
  /** Called once when a watchdog fires, with the loss it declares. */
  onStall?(info: DeviceLossInfo): void;
  timers?: Timers;
}

export interface GpuGuard {
  /** Throws DeviceLostError when a loss is known (call before starting GPU work). */
  check(): void;
  /** `p`, unless the device is lost or the watchdog fires first (then DeviceLostError). */
  wait<T>(p: Promise<T>, what: string): Promise<T>;
}

/**
 * How long GPU work may still take after the device signalled a loss (destroy called, a GPU error)
 * before the loss is taken as given: device.lost came 1.8–3.4 s after a failed read under load
 * (docs/faults.md). The guard's default, and the wait of the trainers' own recovery loops.
 */
export const AFTER_SIGNAL_MS = 10_000;

const realTimers: Timers = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createGpuGuard(options: GpuGuardOptions): GpuGuard {
  const { source } = options;
  const afterSignalMs = options.afterSignalMs ?? AFTER_SIGNAL_MS;
  const stallMs = options.stallMs ?? 300_000;
  const timers = options.timers ?? realTimers;
  let declared: DeviceLossInfo | null = null;
  const known = (): DeviceLossInfo | null => source.current() ?? declared;
  const declare = (info: DeviceLossInfo): void => {
    if (known()) return;
    declared = info;
    options.onStall?.(info);
  };
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

  return {
    check() {
      const info = known();
      if (info) throw new DeviceLostError(info);
    },
    wait<T>(p: Promise<T>, what: string): Promise<T> {
      const already = known();
      traceLoss(`wait ${what}${already ? ' (loss known)' : ''}`);
      if (already) {
        p.catch(() => undefined);
        return Promise.reject(new DeviceLostError(already));
      }
      return new Promise<T>((resolve, reject) => {
        const started = timers.now();
        let timer: unknown = null;
        let settled = false;
        const cleanups: (() => void)[] = [];
        const finish = (): void => {
          settled = true;
          if (timer !== null) timers.clearTimeout(timer);
          for (const c of cleanups) c();
        };
        const lose = (info: DeviceLossInfo): void => {
          traceLoss(`lose ${what} (settled ${settled})`);
          if (settled) return;
          finish();
          p.catch(() => undefined);
          reject(new DeviceLostError(info));
        };
        /** (Re)arms the watchdog for the earlier of the two bounds that apply now. */
        const arm = (): void => {
          if (settled) return;
          if (timer !== null) timers.clearTimeout(timer);
          const now = timers.now();
          const signalled = source.signalledAt?.() ?? null;
          let deadline = started + stallMs;
          let why = `${what} did not finish within ${seconds(stallMs)}`;
          if (signalled !== null && Math.max(signalled, started) + afterSignalMs < deadline) {
            deadline = Math.max(signalled, started) + afterSignalMs;
            why = `${what} did not finish within ${seconds(afterSignalMs)} after the GPU signalled a loss`;
          }
          traceLoss(`arm ${what} in ${Math.round(Math.max(0, deadline - now))} ms`);
          timer = timers.setTimeout(() => {
            traceLoss(`watchdog ${what} (settled ${settled})`);
            timer = null;
            if (settled) return;
            const info: DeviceLossInfo = { kind: 'lost', reason: 'unresponsive', message: `GPU stopped answering: ${why}` };
            declare(info);
            lose(known() ?? info);
          }, Math.max(0, deadline - now));
        };
        cleanups.push(source.subscribe(lose));
        if (source.onSignal) cleanups.push(source.onSignal(arm));
        arm();
        p.then(
          (v) => {
            traceLoss(`resolved ${what} (settled ${settled})`);
            if (settled) return;
            finish();
            resolve(v);
          },
          (e: unknown) => {
            traceLoss(`rejected ${what} (settled ${settled})`);
            if (settled) return;
            finish();
            // A read on a lost device may reject before the loss is reported. When it is known,
            // or was signalled (destroy called, a GPU error: device.lost can come seconds later),
            // this rejection *is* the loss: declare it, so every listener hears it now.
            if (!known() && (source.signalledAt?.() ?? null) !== null) {
              const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
              declare({ kind: 'lost', reason: 'unknown', message: `GPU work failed after the GPU signalled a loss: ${what} (${why})` });
            }
            const info = known();
            reject(info ? new DeviceLostError(info) : e);
          },
        );
      });
    },
  };
}
