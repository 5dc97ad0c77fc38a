/** Validates an unknown value (a parsed JSON file) as a pipeline config; problems name key paths and allowed values. */
import { pipelineConfigSchema, selectStages, STAGE_IDS, type PipelineConfig } from './config';

export { selectStages, STAGE_IDS };
/** The files of a previous run the incremental run (--previous) reads; the CLI sends those that exist. */
export { PREVIOUS_RUN_FILES } from './previous';
import { PipelineError } from './errors';
import { describeIssues, formatProblems, type ConfigProblem } from './format-issues';

export { formatProblems, type ConfigProblem };

export type ValidationOutcome = { ok: true; config: PipelineConfig } | { ok: false; problems: ConfigProblem[] };

export function validatePipelineConfig(input: unknown): ValidationOutcome {
  const r = pipelineConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, problems: describeIssues(r.error.issues, pipelineConfigSchema, input) };
}

/** Like validatePipelineConfig but throws a PipelineError of kind 'config' listing every problem. */
export function parsePipelineConfig(input: unknown): PipelineConfig {
  const v = validatePipelineConfig(input);
  if (v.ok) return v.config;
  throw new PipelineError('config', `The pipeline config is invalid:\n${formatProblems(v.problems)}`, undefined, v.problems);
}
