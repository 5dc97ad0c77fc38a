/**
 * Between a UI run and the batch pipeline config (src/core/pipeline/config.ts): a run's config as
 * a file `npm run batch -- --config FILE` accepts (validated with the same zod schema before it is
 * written), and a pipeline config file as the Train panel's form values.
 */
import { BACKENDS, type PipelineBackend, type PipelineConfig, type StageConfigOf } from '../pipeline/config';
import { validatePipelineConfig, type ConfigProblem } from '../pipeline/validate';
import type { DatasetConfig } from '../pipeline/config';
import type { RunModel, RunRecord } from './types';

/** PinSage keys the pipeline keeps in its walks stage (the rest go to the pinsage stage, seed to the top level). */
const WALK_KEYS = ['walks', 'walkLength', 'alpha', 'topT'] as const;

export type PipelineFileOutcome = { ok: true; json: Record<string, unknown>; text: string } | { ok: false; problems: ConfigProblem[] };

function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function omit(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

function backendOf(name: string): PipelineBackend {
  return (BACKENDS as readonly string[]).includes(name) ? (name as PipelineBackend) : 'auto';
}

const seedOf = (c: Record<string, unknown>): number => (typeof c.seed === 'number' && Number.isInteger(c.seed) && c.seed >= 0 ? c.seed : 42);

/** The pipeline config (plain JSON) of a run; `dataset` overrides the run's own dataset section. */
export function pipelineConfigOf(run: Pick<RunRecord, 'name' | 'model' | 'config' | 'backend'> & { dataset: { config: DatasetConfig | null } }): Record<string, unknown> {
  const c = run.config;
  const stages: Record<string, unknown>[] = [{ stage: 'load' }];
  if (run.model === 'pinsage') {
    stages.push({ stage: 'walks', ...pick(c, WALK_KEYS) });
    stages.push({ stage: 'pinsage', ...omit(c, [...WALK_KEYS, 'seed']) });
  } else if (run.model === 'pinnerformer') {
    stages.push({ stage: 'pinnerformer', ...omit(c, ['seed']) });
  } else {
    // the Feeds panel's `steps` is already in maxStepsPerEpoch × epochs
    stages.push({ stage: 'pfeed', ...omit(c, ['seed', 'steps']) });
  }
  stages.push(run.model === 'simo' ? { stage: 'evaluate', protocols: ['P3', 'P4'] } : { stage: 'evaluate' }, { stage: 'export' });
  return {
    name: run.name.slice(0, 80) || 'run',
    seed: seedOf(c),
    backend: backendOf(run.backend.name),
    ...(run.dataset.config ? { dataset: run.dataset.config } : {}),
    stages,
  };
}

/** The run's pipeline config file, or the schema's problems (e.g. a dataset the pipeline cannot read). */
export function pipelineFileOf(run: Parameters<typeof pipelineConfigOf>[0]): PipelineFileOutcome {
  const json = pipelineConfigOf(run);
  if (!run.dataset.config) {
    return { ok: false, problems: [{ path: 'dataset', message: 'this run\'s dataset cannot be written as a pipeline dataset (loaded in a way the config has no form for); load it from files or a preset and run again' }] };
  }
  const v = validatePipelineConfig(json);
  if (!v.ok) return { ok: false, problems: v.problems };
  return { ok: true, json, text: JSON.stringify(json, null, 2) + '\n' };
}

/** What the Train panel takes from a pipeline config. */
export interface TrainFormValues {
  /** Which Train view to show (pinsage when the config trains it). */
  model: Exclude<RunModel, 'simo'>;
  pinsage: Record<string, unknown> | null;
  pinnerformer: Record<string, unknown> | null;
  dataset: DatasetConfig;
  name: string;
  backend: PipelineBackend;
  /** Stages the Train panel does not run (evaluate runs with training; export is the Export panel). */
  notes: string[];
}

function stageParams<S extends 'walks' | 'pinsage' | 'pinnerformer'>(c: PipelineConfig, id: S): Record<string, unknown> | null {
  const s = c.stages.find((x): x is StageConfigOf<S> => x.stage === id);
  if (!s) return null;
  const { stage: _stage, ...rest } = s as Record<string, unknown> & { stage: string };
  return rest;
}

export function trainFormValues(c: PipelineConfig): TrainFormValues | { error: string } {
  const walks = stageParams(c, 'walks');
  const pin = stageParams(c, 'pinsage');
  const pf = stageParams(c, 'pinnerformer');
  if (!pin && !pf) return { error: 'stages: the config trains no model the Train panel has; add a "pinsage" or "pinnerformer" stage (a "pfeed" stage goes to the Feeds panel)' };
  const notes: string[] = [];
  if (c.stages.some((s) => s.stage === 'export')) notes.push('export: build the artifacts in the Export panel after training');
  return {
    model: pin ? 'pinsage' : 'pinnerformer',
    pinsage: pin ? { ...(walks ?? {}), ...pin, seed: c.seed } : null,
    pinnerformer: pf ? { ...pf, seed: c.seed } : null,
    dataset: c.dataset,
    name: c.name,
    backend: c.backend,
    notes,
  };
}

/** What the Feeds panel takes from a pipeline config's pfeed stage (null: the config has none). */
export interface FeedsFormValues {
  /** SIMO config (the stage's SIMO keys and the top-level seed; pinsage forced 'off': the panel has no PinSage matrix). */
  simo: Record<string, unknown>;
  /** The panel's step budget: maxStepsPerEpoch × epochs, or null when the stage trains whole epochs (maxStepsPerEpoch 0). */
  steps: number | null;
  /** The first target set (the one the CLI exports). */
  rule: Record<string, unknown>;
  notes: string[];
}

export function feedsFormValues(c: PipelineConfig): FeedsFormValues | null {
  const s = c.stages.find((x): x is StageConfigOf<'pfeed'> => x.stage === 'pfeed');
  if (!s) return null;
  const { stage: _s, k, targetSets, feed: _f, windowDays: _w, ...simo } = s;
  const notes: string[] = [];
  if (simo.pinsage !== 'off') notes.push(`pinsage "${simo.pinsage}" needs the pipeline's pinsage stage: the Feeds panel trains SIMO with pinsage "off"`);
  if (k !== 10) notes.push(`k ${k}: the Feeds panel's lookup tables keep the top 10`);
  if (targetSets.length > 1) notes.push(`only the first of ${targetSets.length} target sets is composed`);
  return {
    simo: { ...simo, pinsage: 'off', seed: c.seed },
    steps: simo.maxStepsPerEpoch > 0 ? simo.maxStepsPerEpoch * simo.epochs : null,
    rule: { ...targetSets[0] },
    notes,
  };
}
