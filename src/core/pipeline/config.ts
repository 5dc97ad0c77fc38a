/**
 * The batch pipeline's one JSON config (zod v4): dataset, split / protocol settings, the stages
 * to run in order with their parameters, backend, seed and output options. The same file drives
 * the CLI (scripts/batch.mjs), the batch page and, later, the UI's "download / open config".
 * Stage parameters reuse the models' own schemas (pinSageConfigSchema), so a default here is the
 * default the Train panel uses.
 */
import { z } from 'zod';
import { PresetOptionsSchema, ColumnMappingSchema, GENERIC_FORMATS, PRESET_IDS } from '../data/loaders/spec-schema';
import { TIMESTAMP_FORMATS } from '../data/loaders/timestamp';
import { ACTION_KINDS } from '../data/types';
import { syntheticConfigSchema, type SyntheticConfigInput } from '../data/synthetic/config';
import { SYNTHETIC_PRESETS } from '../data/synthetic/presets';
import { pinSageConfigSchema } from '../models/pinsage/config';
import { pinnerFormerConfigSchema } from '../models/pinnerformer/config';
import { EXPORT_FORMATS } from '../export/types';
import { simoConfigSchema } from '../models/simo/config';
import { feedConfigSchema } from '../feeds/config';
import { targetSetRuleSchema } from '../feeds/target-sets';

/** Every stage id, in the only order the pipeline runs them. */
export const STAGE_IDS = ['load', 'walks', 'pinsage', 'pinnerformer', 'pfeed', 'evaluate', 'export'] as const;
export type StageId = (typeof STAGE_IDS)[number];

/**
 * Stages whose models have not landed in this build: they fail validation with a clear message
 * instead of being skipped. Remove an id here when its stage is wired in (stages/*.ts).
 */
export const UNAVAILABLE_STAGES: Readonly<Partial<Record<StageId, string>>> = Object.freeze({});

/** What each stage needs to have run before it (the first available one of each group). */
export const STAGE_NEEDS: Readonly<Record<StageId, readonly StageId[]>> = Object.freeze({
  load: [],
  walks: ['load'],
  pinsage: ['walks'],
  pinnerformer: ['load'],
  pfeed: ['load'],
  evaluate: ['load'],
  export: ['load'],
});

export const BACKENDS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
export type PipelineBackend = (typeof BACKENDS)[number];

const filePath = z.string().trim().min(1, 'a file path must not be empty');

/** A bundled / known public dataset loaded by its preset loader (files: the preset's files). */
const presetDatasetSchema = z.strictObject({
  kind: z.literal('preset'),
  preset: z.enum(PRESET_IDS),
  /** Paths of the preset's files, relative to the config file (CLI) — bytes are sent to the page. */
  files: z.array(filePath).min(1, 'list at least one file of the preset'),
  options: PresetOptionsSchema.optional(),
  /** Dataset name in metrics.json / manifest.json (default: the preset id). */
  name: z.string().min(1).max(80).optional(),
});

/** Any CSV / TSV / JSON lines / Parquet file with a column mapping (the generic loader). */
const genericDatasetSchema = z
  .strictObject({
    kind: z.literal('generic'),
    format: z.enum(GENERIC_FORMATS),
    files: z.array(filePath).min(1, 'list at least one file'),
    mapping: ColumnMappingSchema,
    actionMapping: z.record(z.string(), z.enum(ACTION_KINDS)).optional(),
    defaultAction: z.enum(ACTION_KINDS).optional(),
    timestampFormat: z.enum(TIMESTAMP_FORMATS).optional(),
    delimiter: z.string().length(1, 'the delimiter must be one character').optional(),
    encoding: z.enum(['utf-8', 'latin1']).optional(),
    name: z.string().min(1).max(80).optional(),
  })
  .refine((s) => s.mapping.action !== undefined || s.defaultAction !== undefined, {
    message: 'map an action column (mapping.action) or set defaultAction',
    path: ['mapping', 'action'],
  });

/** The seeded synthetic world: a bundled preset, its parameters overridden by `params`. */
const syntheticDatasetSchema = z.strictObject({
  kind: z.literal('synthetic'),
  preset: z.enum(['small', 'medium', 'large']).optional(),
  /** Any synthetic generator parameter (datasets/synthetic/*.json keys); validated by its schema. */
  params: z.record(z.string(), z.unknown()).optional(),
});

/** The synthetic generator input of a synthetic dataset config: the preset's parameters, then `params` over them. */
export function syntheticInput(d: z.infer<typeof syntheticDatasetSchema>): SyntheticConfigInput {
  return { ...(d.preset ? SYNTHETIC_PRESETS[d.preset] : {}), ...(d.params ?? {}) } as SyntheticConfigInput;
}

export const datasetConfigSchema = z.discriminatedUnion('kind', [presetDatasetSchema, genericDatasetSchema, syntheticDatasetSchema]);
export type DatasetConfig = z.infer<typeof datasetConfigSchema>;

/** Split / protocol settings (PROTOCOLS.md). Defaults are the protocol's. */
export const splitConfigSchema = z.strictObject({
  p1: z
    .strictObject({
      /** t_test = T_end − testFraction × span (P1: 10 %). */
      testFraction: z.number().gt(0).lt(1).default(0.1),
      /** Test pairs from baskets (invoice data) or 24 h sequences; auto detects basket data. */
      mode: z.enum(['auto', 'basket', 'sequence']).default('auto'),
      windowHours: z.number().positive().max(24 * 365).default(24),
      basketCap: z.int().min(1).max(10_000).default(20),
    })
    .prefault({}),
});
export type SplitConfig = z.infer<typeof splitConfigSchema>;

const walkShape = pinSageConfigSchema.pick({ walks: true, walkLength: true, alpha: true, topT: true }).shape;

const loadStageSchema = z.strictObject({ stage: z.literal('load') });
/** Walk neighbourhoods on the train-period graph (PinSage's importance neighbourhoods). */
const walksStageSchema = z.strictObject({ stage: z.literal('walks'), ...walkShape });
/** PinSage training + all-item inference; walk parameters come from the walks stage, the seed from the top level. */
const pinsageStageSchema = z.strictObject({
  stage: z.literal('pinsage'),
  ...pinSageConfigSchema.omit({ walks: true, walkLength: true, alpha: true, topT: true, seed: true }).shape,
});
/** PinnerFormer shopper embeddings: every key of pinnerFormerConfigSchema but the seed (the top-level seed is used). */
const pinnerformerStageSchema = z.strictObject({ stage: z.literal('pinnerformer'), ...pinnerFormerConfigSchema.omit({ seed: true }).shape });
const { seed: _simoSeed, ...simoShape } = simoConfigSchema.shape;
/**
 * Pfeed: the SIMO / SISO item encoder (every key of simoConfigSchema but the seed), trained on the
 * P3 pairs of the events before the P4 cut-off t0 = T_end − windowDays; the lookup table of each
 * target set and every shopper's feed (the first target set is the one exported).
 */
const pfeedStageSchema = z.strictObject({
  stage: z.literal('pfeed'),
  ...simoShape,
  /** Targets per query in the lookup tables. */
  k: z.int().min(1).max(1000).default(10),
  /** "X for you" sets: P4 is evaluated on each; the first one's lookup tables and feeds are exported. */
  targetSets: z.array(targetSetRuleSchema).min(1, 'list at least one target set').default([{ kind: 'all' }]),
  /** Feed composer settings (src/core/feeds/config.ts). */
  feed: z.strictObject(feedConfigSchema.shape).prefault({}),
  /** P4 window and cut-off: t0 = T_end − windowDays. */
  windowDays: z.number().positive().max(365).default(14),
});
/**
 * Protocol evaluation. Default protocols: P1 when the walks stage ran (pinsage entry when it ran,
 * baselines always), P2 when the pinnerformer stage ran.
 */
const evaluateStageSchema = z.strictObject({
  stage: z.literal('evaluate'),
  protocols: z.array(z.enum(['P1', 'P2', 'P3', 'P4'])).min(1).optional(),
  /** The baselines on the same split: P1 popularity, itemknn, ppr; P2 popularity, repeat, mean-embedding; P4 popular-control. */
  baselines: z.boolean().default(true),
});
/** Artifacts to write (src/core/export); `formats` empty or absent = every format that has data. */
const exportStageSchema = z.strictObject({
  stage: z.literal('export'),
  formats: z.array(z.enum(EXPORT_FORMATS)).optional(),
  /** Similarity written into the Elasticsearch / OpenSearch mappings. */
  similarity: z.enum(['cosine', 'dot_product', 'l2_norm']).default('cosine'),
  /** Search index name of the bulk files (default: from the dataset name). */
  indexName: z.string().min(1).max(200).optional(),
  /** Write the trained model weights (loadable back into the workbench). */
  weights: z.boolean().default(true),
});

export const stageConfigSchema = z.discriminatedUnion('stage', [
  loadStageSchema,
  walksStageSchema,
  pinsageStageSchema,
  pinnerformerStageSchema,
  pfeedStageSchema,
  evaluateStageSchema,
  exportStageSchema,
]);
export type StageConfig = z.infer<typeof stageConfigSchema>;
export type StageConfigOf<S extends StageId> = Extract<StageConfig, { stage: S }>;

export const pipelineConfigSchema = z
  .strictObject({
    /** Editors may point at a JSON schema; ignored by the pipeline. */
    $schema: z.string().optional(),
    /** A name for the run (manifest.json, folder names). */
    name: z.string().min(1).max(80).default('run'),
    seed: z.int().min(0).max(2 ** 32 - 1).default(42),
    backend: z.enum(BACKENDS).default('auto'),
    /** XNNPACK threads for WASM (default: every logical core). */
    wasmThreads: z.int().min(1).max(64).optional(),
    dataset: datasetConfigSchema,
    split: splitConfigSchema.prefault({}),
    stages: z.array(stageConfigSchema).min(1, 'list at least one stage'),
    output: z
      .strictObject({
        /** Output folder (CLI; `--out` wins). Default: runs/<timestamp>. */
        dir: z.string().min(1).optional(),
      })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<StageId>();
    let lastIndex = -1;
    c.stages.forEach((s, i) => {
      const why = UNAVAILABLE_STAGES[s.stage];
      if (why) {
        const ok = STAGE_IDS.filter((id) => !UNAVAILABLE_STAGES[id]).join(', ');
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" cannot run: ${why}. Remove it from "stages"; available stages: ${ok}` });
      }
      const order = STAGE_IDS.indexOf(s.stage);
      if (seen.has(s.stage)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" is listed twice; list each stage once` });
      else if (order < lastIndex) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" is out of order; stages run in the order ${STAGE_IDS.join(' → ')}` });
      }
      for (const need of STAGE_NEEDS[s.stage]) {
        if (!seen.has(need)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage "${s.stage}" needs the "${need}" stage before it; add it to "stages"` });
      }
      seen.add(s.stage);
      lastIndex = Math.max(lastIndex, order);
    });
    c.stages.forEach((s, i) => {
      if (s.stage !== 'evaluate' || !s.protocols) return;
      const need: Record<'P1' | 'P2' | 'P3' | 'P4', StageId> = { P1: 'walks', P2: 'pinnerformer', P3: 'pfeed', P4: 'pfeed' };
      s.protocols.forEach((p, j) => {
        if (!seen.has(need[p])) ctx.addIssue({ code: 'custom', path: ['stages', i, 'protocols', j], message: `protocol ${p} needs the "${need[p]}" stage; add it to "stages" or leave ${p} out` });
      });
    });
    c.stages.forEach((s, i) => {
      if (s.stage !== 'pfeed') return;
      const { stage: _s, k: _k, targetSets: _t, feed: _f, windowDays: _w, ...simo } = s;
      const r = simoConfigSchema.safeParse({ ...simo, seed: c.seed });
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['stages', i, ...issue.path] } as never);
      if (s.pinsage !== 'off' && !seen.has('pinsage')) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'pinsage'], message: `pinsage "${s.pinsage}" needs the "pinsage" stage before "pfeed"; add it or set pinsage to "off"` });
      }
    });
    if (c.dataset.kind === 'synthetic') {
      const r = syntheticConfigSchema.safeParse(syntheticInput(c.dataset));
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['dataset', 'params', ...issue.path] } as never);
    }
  });

export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;
export type PipelineConfigInput = z.input<typeof pipelineConfigSchema>;

/** The stage of `config` with id `id`, or undefined when it is not in the list. */
export function stageOf<S extends StageId>(config: PipelineConfig, id: S): StageConfigOf<S> | undefined {
  return config.stages.find((s): s is StageConfigOf<S> => s.stage === id);
}

/**
 * Keeps only the stages named in `ids` (the CLI's `--stages a,b`); a named stage missing from the
 * config is added with its defaults. Returns a new, unvalidated input (parse it afterwards).
 */
export function selectStages(input: unknown, ids: readonly string[]): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const cfg = input as { stages?: unknown };
  const listed = Array.isArray(cfg.stages) ? (cfg.stages as unknown[]) : [];
  const byId = new Map<string, unknown>();
  for (const s of listed) if (typeof s === 'object' && s !== null && typeof (s as { stage?: unknown }).stage === 'string') byId.set((s as { stage: string }).stage, s);
  const rank = (id: string): number => {
    const k = STAGE_IDS.indexOf(id as StageId);
    return k < 0 ? STAGE_IDS.length : k;
  };
  const stages = [...ids].sort((a, b) => rank(a) - rank(b)).map((id) => byId.get(id) ?? { stage: id });
  return { ...cfg, stages };
}
