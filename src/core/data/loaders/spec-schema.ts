import { z } from 'zod';
import { ACTION_KINDS } from '../types';
import { TIMESTAMP_FORMATS } from './timestamp';

export const PRESET_IDS = ['online-retail', 'otto', 'movielens', 'amazon-llmrank', 'retailrocket', 'diginetica'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const GENERIC_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;
export type GenericFormat = (typeof GENERIC_FORMATS)[number];

const columnName = z.string().trim().min(1, 'a column name must not be empty');

/** Which source column holds each field. shopper, item and timestamp are required. */
export const ColumnMappingSchema = z.strictObject({
  shopper: columnName,
  item: columnName,
  timestamp: columnName,
  action: columnName.optional(),
  device: columnName.optional(),
  duration: columnName.optional(),
  basket: columnName.optional(),
  value: columnName.optional(),
  title: columnName.optional(),
  category: columnName.optional(),
  brand: columnName.optional(),
  price: columnName.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
export const MAPPING_KEYS = ColumnMappingSchema.keyof().options;
export type MappingKey = (typeof MAPPING_KEYS)[number];

const actionKind = z.enum(ACTION_KINDS);

export const PresetOptionsSchema = z.strictObject({
  /** Online Retail: rows without CustomerID (default 'anonymous' = shopper NO_SHOPPER). */
  guests: z.enum(['anonymous', 'drop', 'invoice-as-shopper']).optional(),
  /** MovieLens: ratings of movies missing from the movie list (default 'keep'). */
  unknownItems: z.enum(['keep', 'drop']).optional(),
  /** Diginetica: sessions without userId (default 'session-as-shopper'). */
  anonymousSessions: z.enum(['session-as-shopper', 'no-shopper']).optional(),
});
export type PresetOptions = z.infer<typeof PresetOptionsSchema>;

export const PresetSpecSchema = z.strictObject({
  kind: z.literal('preset'),
  preset: z.enum(PRESET_IDS),
  options: PresetOptionsSchema.optional(),
});

export const GenericSpecSchema = z
  .strictObject({
    kind: z.literal('generic'),
    format: z.enum(GENERIC_FORMATS),
    mapping: ColumnMappingSchema,
    /** Raw action string (exact) → kind. Unlisted strings fall back to kind names and common synonyms. */
    actionMapping: z.record(z.string(), actionKind).optional(),
    /** Action of every row when `mapping.action` is not given. */
    defaultAction: actionKind.optional(),
    timestampFormat: z.enum(TIMESTAMP_FORMATS).optional(),
    /** CSV only: the field separator (detected from the header line when omitted). */
    delimiter: z.string().length(1, 'the delimiter must be one character').optional(),
    encoding: z.enum(['utf-8', 'latin1']).optional(),
  })
  .refine((s) => s.mapping.action !== undefined || s.defaultAction !== undefined, {
    message: 'map an action column (mapping.action) or set defaultAction',
    path: ['mapping', 'action'],
  });

export const LoadSpecSchema = z.union([PresetSpecSchema, GenericSpecSchema]);
export type PresetLoadSpec = z.infer<typeof PresetSpecSchema>;
export type GenericLoadSpec = z.infer<typeof GenericSpecSchema>;
export type LoadSpec = PresetLoadSpec | GenericLoadSpec;

/** Thrown by `parseLoadSpec`; `issues` name each wrong key by its path, e.g. "mapping.shopper". */
export class LoadSpecError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid load spec: ${issues.map((i) => `${i.path || '(spec)'}: ${i.message}`).join('; ')}`);
    this.name = 'LoadSpecError';
  }
}

/** Validates an unknown value as a LoadSpec; throws LoadSpecError naming the wrong keys. */
export function parseLoadSpec(input: unknown): LoadSpec {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const schema = kind === 'preset' ? PresetSpecSchema : kind === 'generic' ? GenericSpecSchema : LoadSpecSchema;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new LoadSpecError(
    r.error.issues.map((i) => {
      const path = i.path.map(String).join('.');
      const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
      return { path: i.code === 'unrecognized_keys' ? [path, ...i.keys].filter(Boolean).join('.') : path, message: i.message + keys };
    }),
  );
}
