/**
 * Page side of the runtime: a typed client for one worker. Runs named jobs with progress and
 * cancellation, turns worker errors into readable `JobError`s, and restarts the worker when it
 * crashes or ignores a cancel.
 */
import * as Comlink from 'comlink';
import type { Endpoint } from 'comlink';
import type { ProgressFn } from '../core/data/types';
import {
  abortError,
  JobError,
  WorkerCrashedError,
  type JobHandlers,
  type JobInput,
  type JobOutput,
  type WorkerApi,
} from './protocol';

/** What the client needs of a Worker (a real `Worker`, or a test double over a MessagePort). */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export interface RunOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Buffers of the input to move into the worker instead of copying. */
  transfer?: Transferable[];
}

export interface WorkerClientOptions {
  /** Shown in error messages, e.g. 'data'. */
  name: string;
  /** After a cancel, how long the worker may take to stop before it is terminated and restarted. */
  cancelGraceMs?: number;
}

interface InFlight {
  job: string;
  reject: (e: Error) => void;
}

export class WorkerClient<H extends JobHandlers> {
  private worker: WorkerLike | null = null;
  private api: Comlink.Remote<WorkerApi> | null = null;
  private nextJobId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  /** Jobs the worker has not answered yet (a cancelled job stays here until the worker stops it). */
  private readonly pendingIds = new Set<number>();
  private restartCount = 0;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly options: WorkerClientOptions,
  ) {}

  /** How many times the worker was restarted after a crash or a hard cancel. */
  get restarts(): number {
    return this.restartCount;
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  async run<K extends keyof H & string>(job: K, input: JobInput<H[K]>, opts: RunOptions = {}): Promise<JobOutput<H[K]>> {
    const { signal, onProgress, transfer = [] } = opts;
    if (signal?.aborted) throw abortError(job);
    const api = this.ensure();
    const jobId = this.nextJobId++;
    const progress = onProgress ? Comlink.proxy((d: number, t: number, n?: string) => onProgress(d, t, n)) : undefined;

    return new Promise<JobOutput<H[K]>>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        this.inFlight.delete(jobId);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = (): void => {
        void api.cancel(jobId);
        const workerAtCancel = this.worker;
        settle(() => reject(abortError(job)));
        // A job that ignores its signal is stopped the hard way.
        setTimeout(() => {
          if (this.worker === workerAtCancel && this.stillRunning(jobId)) this.restart('a cancelled job did not stop');
        }, this.options.cancelGraceMs ?? 2000);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.inFlight.set(jobId, { job, reject: (e) => settle(() => reject(e)) });
      this.pendingIds.add(jobId);

      api
        .run(jobId, job, isObject(input) ? Comlink.transfer(input, transfer) : input, progress)
        .then((outcome) => {
          this.pendingIds.delete(jobId);
          if (outcome.ok) settle(() => resolve(outcome.value as JobOutput<H[K]>));
          else settle(() => reject(new JobError(outcome.error)));
        })
        .catch((err: unknown) => {
          this.pendingIds.delete(jobId);
          settle(() => reject(err instanceof Error ? err : new Error(String(err))));
        });
    });
  }

  /** Stops the worker (rejecting running jobs); the next `run` starts a fresh one. */
  restart(reason = 'restart requested'): void {
    const running = [...this.inFlight.values()];
    this.teardown();
    this.restartCount++;
    for (const r of running) r.reject(new WorkerCrashedError(this.options.name, reason));
  }

  terminate(): void {
    const running = [...this.inFlight.values()];
    this.teardown();
    for (const r of running) r.reject(abortError(r.job));
  }

  private stillRunning(jobId: number): boolean {
    return this.pendingIds.has(jobId);
  }

  private ensure(): Comlink.Remote<WorkerApi> {
    if (this.api) return this.api;
    const worker = this.spawn();
    worker.addEventListener('error', (ev: Event) => {
      if (this.worker !== worker) return;
      const detail = (ev as ErrorEvent).message || 'uncaught error or failed to load';
      (ev as Event).preventDefault?.();
      this.restart(detail);
    });
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) this.restart('a message could not be deserialised');
    });
    this.worker = worker;
    this.api = Comlink.wrap<WorkerApi>(worker);
    return this.api;
  }

  private teardown(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.pendingIds.clear();
  }
}

function isObject(v: unknown): v is object {
  return v !== null && (typeof v === 'object' || typeof v === 'function');
}
