/**
 * The loaded dataset as a pipeline config `dataset` section (src/core/pipeline/config.ts), so a
 * run's config can be downloaded and run by `npm run batch -- --config FILE`. Synthetic worlds
 * carry their generator config in `meta.config`; the bundled Online Retail is a preset file; files
 * the user loaded are written by name (paths are relative to the config file: put the config next
 * to them). Returns null when the source cannot be expressed (the caller says so).
 */
import { GENERIC_FORMATS, PRESET_IDS, type GenericFormat, type PresetId } from '../data/loaders/spec-schema';
import type { ActionKind } from '../data/types';
import { datasetConfigSchema, type DatasetConfig } from '../pipeline/config';

/** Path of the bundled Online Retail file as seen from the repository's configs/ folder. */
export const ONLINE_RETAIL_CONFIG_PATH = '../datasets/online-retail/online_retail.parquet';

export interface DatasetOrigin {
  name: string;
  meta: Readonly<Record<string, string | number | boolean>>;
  /** The Data panel's source line ('Bundled: UCI Online Retail …', 'Files: a.csv (csv)', 'Synthetic: small preset'). */
  source: string;
  /** How the files were read, when the Data panel still knows (this page session). */
  files?: {
    names: string[];
    choice: { kind: 'generic'; format: GenericFormat } | { kind: 'preset'; preset: PresetId };
    mapping?: Record<string, string>;
    defaultAction?: ActionKind;
    timestampFormat?: string;
    presetOptions?: Record<string, unknown>;
  };
}

function checked(c: unknown): DatasetConfig | null {
  const r = datasetConfigSchema.safeParse(c);
  return r.success ? r.data : null;
}

function syntheticConfig(o: DatasetOrigin): DatasetConfig | null {
  if (typeof o.meta.config !== 'string') return null;
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(o.meta.config) as Record<string, unknown>;
  } catch {
    return null;
  }
  const preset = typeof o.meta.preset === 'string' && ['small', 'medium', 'large'].includes(o.meta.preset) ? o.meta.preset : undefined;
  return checked({ kind: 'synthetic', ...(preset ? { preset } : {}), params });
}

/** 'Files: a.csv, b.csv (movielens format)' / 'Files: a.csv (csv)' → names and format. */
function parseFilesSource(source: string): DatasetOrigin['files'] | undefined {
  const m = /^Files: (.*) \(([^()]+)\)$/.exec(source);
  if (!m) return undefined;
  const names = m[1].split(', ').filter(Boolean);
  const fmt = m[2].replace(/ format$/, '');
  if ((PRESET_IDS as readonly string[]).includes(fmt)) return { names, choice: { kind: 'preset', preset: fmt as PresetId } };
  if ((GENERIC_FORMATS as readonly string[]).includes(fmt)) return { names, choice: { kind: 'generic', format: fmt as GenericFormat } };
  return undefined;
}

export function datasetConfigFor(o: DatasetOrigin): DatasetConfig | null {
  if (o.meta.source === 'synthetic') return syntheticConfig(o);
  if (o.source.startsWith('Bundled: UCI Online Retail')) {
    return checked({ kind: 'preset', preset: 'online-retail', files: [ONLINE_RETAIL_CONFIG_PATH], name: o.name });
  }
  const files = o.files ?? parseFilesSource(o.source);
  if (!files || files.names.length === 0) return null;
  const name = o.name.slice(0, 80);
  if (files.choice.kind === 'preset') {
    const options = files.presetOptions && Object.keys(files.presetOptions).length ? { options: files.presetOptions } : {};
    return checked({ kind: 'preset', preset: files.choice.preset, files: files.names, ...options, name });
  }
  let mapping: Record<string, string> | undefined = files.mapping;
  if (!mapping && typeof o.meta.mapping === 'string') {
    try {
      mapping = JSON.parse(o.meta.mapping) as Record<string, string>;
    } catch {
      mapping = undefined;
    }
  }
  if (!mapping) return null;
  const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v !== ''));
  const ts = files.timestampFormat ?? (typeof o.meta.timestampFormat === 'string' ? o.meta.timestampFormat : undefined);
  return checked({
    kind: 'generic',
    format: files.choice.format,
    files: files.names,
    mapping: clean,
    ...(clean.action === undefined ? { defaultAction: files.defaultAction ?? 'view' } : {}),
    ...(ts && ts !== 'auto' ? { timestampFormat: ts } : {}),
    name,
  });
}

/** A short description of a dataset config (for notices). */
export function describeDatasetConfig(d: DatasetConfig): string {
  if (d.kind === 'synthetic') {
    const p = d.params ?? {};
    return `synthetic ${typeof p.name === 'string' ? p.name : (d.preset ?? 'world')}${typeof p.seed === 'number' ? `, seed ${p.seed}` : ''}`;
  }
  return `${d.kind === 'preset' ? d.preset : d.format} file${d.files.length > 1 ? 's' : ''} ${d.files.join(', ')}`;
}
