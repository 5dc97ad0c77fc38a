/**
 * Failures of a pipeline run, by kind, so the CLI can map them to its exit codes:
 * a bad config, a bad dataset (nothing loads), a failure inside a stage.
 */
import type { ConfigProblem } from './format-issues';
import type { StageId } from './config';

export type PipelineErrorKind = 'config' | 'dataset' | 'stage' | 'aborted';

export class PipelineError extends Error {
  override name = 'PipelineError';
  constructor(
    readonly kind: PipelineErrorKind,
    message: string,
    readonly stage?: StageId,
    readonly problems?: ConfigProblem[],
  ) {
    super(message);
  }
}

/** A plain-data copy of a PipelineError (crosses worker / page boundaries). */
export interface PipelineErrorData {
  kind: PipelineErrorKind;
  message: string;
  stage?: StageId;
  problems?: ConfigProblem[];
}

export function errorData(e: unknown): PipelineErrorData {
  if (e instanceof PipelineError) return { kind: e.kind, message: e.message, ...(e.stage ? { stage: e.stage } : {}), ...(e.problems ? { problems: e.problems } : {}) };
  if (e instanceof Error && e.name === 'AbortError') return { kind: 'aborted', message: e.message };
  return { kind: 'stage', message: e instanceof Error ? e.message : String(e) };
}
