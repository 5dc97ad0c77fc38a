/**
 * The one protocol between the page and every compute worker. Both sides import these types:
 * a worker exposes a map of named job handlers (workers/runtime.ts: exposeJobs), the page calls
 * them by name through a WorkerClient (src/runtime/worker-client.ts) with typed input and output,
 * progress events, cancellation and readable errors.
 */
import type { ProgressFn } from '../core/data/types';

/** What a job handler gets besides its input. */
export interface JobContext {
  /** Aborted when the caller cancels; handlers check it between chunks of work. */
  readonly signal: AbortSignal;
  /** Throttled progress reporting to the caller (the last call of a job is always delivered). */
  readonly progress: ProgressFn;
}

export type JobHandler<I, O> = (input: I, ctx: JobContext) => Promise<O> | O;

// `any` is confined to this variance helper: a map may hold handlers of any input type.
export type AnyJobHandler = JobHandler<any, unknown>;
export type JobHandlers = Record<string, AnyJobHandler>;

export type JobInput<F> = F extends JobHandler<infer I, unknown> ? I : never;
export type JobOutput<F> = F extends JobHandler<never, infer O> ? Awaited<O> : never;

/** An error as it crosses the worker boundary: plain data, so nothing of it is lost. */
export interface SerializedJobError {
  name: string;
  message: string;
  stack?: string;
  /** The job that failed. */
  job: string;
  /** Extra facts the thrower attached (file, line, step …), see `JobFailure`. */
  context?: Record<string, string | number | boolean>;
}

export type JobOutcome<O> = { ok: true; value: O } | { ok: false; error: SerializedJobError };

/** The object a worker exposes through comlink. */
export interface WorkerApi {
  run(
    jobId: number,
    job: string,
    input: unknown,
    progress: ((done: number, total: number, note?: string) => void) | undefined,
  ): Promise<JobOutcome<unknown>>;
  cancel(jobId: number): void;
  /** Names of the jobs this worker serves. */
  jobs(): string[];
}

/** Throw this inside a handler to attach context that reaches the UI. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly context: Record<string, string | number | boolean> = {},
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

/** A failed job as the caller sees it. */
export class JobError extends Error {
  readonly job: string;
  readonly context: Record<string, string | number | boolean>;
  readonly workerStack?: string;
  constructor(e: SerializedJobError) {
    super(e.message);
    this.name = e.name === 'AbortError' ? 'AbortError' : 'JobError';
    this.job = e.job;
    this.context = e.context ?? {};
    this.workerStack = e.stack;
  }
}

/** The worker died (uncaught error, out of memory, failed to load) while jobs were running. */
export class WorkerCrashedError extends Error {
  constructor(
    readonly worker: string,
    detail: string,
  ) {
    super(`The ${worker} worker stopped unexpectedly (${detail}). It has been restarted; run the job again.`);
    this.name = 'WorkerCrashedError';
  }
}

export function abortError(job: string): Error {
  const e = new Error(`Job "${job}" was cancelled.`);
  e.name = 'AbortError';
  return e;
}

export function serializeError(job: string, err: unknown): SerializedJobError {
  if (err instanceof Error) {
    const context = err instanceof JobFailure ? err.context : undefined;
    return { name: err.name, message: err.message, stack: err.stack, job, context };
  }
  return { name: 'Error', message: String(err), job };
}
