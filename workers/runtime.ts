/**
 * Worker side of the runtime: `exposeJobs(handlers)` serves named jobs over comlink with
 * progress, cancellation and errors as plain data (src/runtime/protocol.ts).
 */
import * as Comlink from 'comlink';
import type { Endpoint } from 'comlink';
import { serializeError, type JobHandlers, type JobOutcome, type WorkerApi } from '../src/runtime/protocol';


/** Minimum milliseconds between two progress messages of one job. */
const PROGRESS_INTERVAL_MS = 50;

export function exposeJobs(handlers: JobHandlers, endpoint: Endpoint = self as unknown as Endpoint): void {
  const running = new Map<number, AbortController>();

  const api: WorkerApi = {
    jobs: () => Object.keys(handlers),
    cancel(jobId) {
      running.get(jobId)?.abort();
    },
    async run(jobId, job, input, progress) {
      const handler = Object.prototype.hasOwnProperty.call(handlers, job) ? handlers[job] : undefined;
      if (!handler) {
        return { ok: false, error: { name: 'Error', job, message: `Unknown job "${job}"; this worker serves: ${Object.keys(handlers).join(', ')}.` } };
      }
      const controller = new AbortController();
      running.set(jobId, controller);
      let last = 0;
      let pending: [number, number, string | undefined] | null = null;
      let delivered: Promise<unknown> = Promise.resolve();
      // a held-back report goes out when its interval ends, not only with the next report: the last
      // state of a job that then goes quiet (e.g. "GPU device lost; continuing on WASM" before a
      // slow backend switch) must reach the page
      let flush: ReturnType<typeof setTimeout> | null = null;
      const send = (args: [number, number, string | undefined]): void => {
        if (!progress) return;
        delivered = Promise.resolve(progress(...args)).catch(() => undefined);
      };
      const sendNow = (args: [number, number, string | undefined]): void => {
        last = Date.now();
        pending = null;
        send(args);
      };
      const report = (done: number, total: number, note?: string): void => {
        const now = Date.now();
        if (now - last >= PROGRESS_INTERVAL_MS || done >= total) sendNow([done, total, note]);
        else {
          pending = [done, total, note];
          flush ??= setTimeout(() => {
            flush = null;
            if (pending) sendNow(pending);
          }, PROGRESS_INTERVAL_MS - (now - last));
        }
      };
      try {
        const value = await handler(input as never, { signal: controller.signal, progress: report });
        if (pending) send(pending);
        // The last progress event reaches the page before the result does.
        await delivered;
        const outcome: JobOutcome<unknown> = { ok: true, value };
        // keep transfer marks of the value (comlink.transfer) on the envelope
        return value !== null && typeof value === 'object' ? Comlink.transfer(outcome, transferablesOf(value)) : outcome;
      } catch (err) {
        return { ok: false, error: serializeError(job, controller.signal.aborted ? abortAs(err) : notACancel(err)) };
      } finally {
        if (flush) clearTimeout(flush);
        running.delete(jobId);
        if (progress && typeof (progress as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy] === 'function') {
          (progress as unknown as { [Comlink.releaseProxy]: () => void })[Comlink.releaseProxy]();
        }
      }
    },
  };
  Comlink.expose(api, endpoint);
}

const marked = new WeakMap<object, Transferable[]>();

/** Mark a job's result so its buffers move to the page instead of being copied. */
export function transferResult<T extends object>(value: T, transferables: Transferable[]): T {
  marked.set(value, transferables);
  return value;
}

function transferablesOf(value: object): Transferable[] {
  return marked.get(value) ?? [];
}

function abortAs(err: unknown): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.name = 'AbortError';
  return e;
}

/**
 * An AbortError the job raised although nobody cancelled it (e.g. a WebGPU read on a destroyed
 * device) is a failure: under its own name the page would take it for a cancel and say so.
 */
function notACancel(err: unknown): unknown {
  if (!(err instanceof Error) || err.name !== 'AbortError') return err;
  const e = new Error(`${err.message || 'aborted'} (an AbortError inside the job; it was not cancelled)`);
  e.stack = err.stack;
  return e;
}

/** A training run's closing note, keeping a 'resumed after epoch N' note it had (so a resumed run keeps saying so). */
export function endNote(previous: string | undefined, note: string): string {
  const resumed = previous?.match(/^resumed after epoch \d+/)?.[0];
  return resumed ? `${resumed} · ${note}` : note;
}
