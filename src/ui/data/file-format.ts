/** What staged file names suggest: a generic format by extension, or a known dataset format. Pure. */
import { PRESETS, type GenericFormat, type PresetId } from '../../core/data/load';

/** The generic format a file name suggests (by its extension). */
export function formatFromName(name: string): GenericFormat {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.parquet') || n.endsWith('.pq')) return 'parquet';
  if (n.endsWith('.tsv') || n.endsWith('.tab') || n.endsWith('.inter')) return 'tsv';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson') || n.endsWith('.json')) return 'jsonl';
  return 'csv';
}

function globMatch(name: string, pattern: string): boolean {
  const esc = pattern.toLowerCase().replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${esc}$`).test(name.toLowerCase().split(/[\\/]/).pop() ?? '');
}

/** Patterns that only name a generic extension ('*.csv', '*.jsonl.gz' …) say nothing about the dataset. */
const GENERIC_PATTERN = /^\*\.(csv|tsv|txt|json|jsonl|ndjson|parquet)(\.gz)?$/i;

/**
 * A known dataset format whose distinctive file names (not just an extension like '*.csv')
 * match every staged file. Offered to the user, never applied silently.
 */
export function presetFromNames(names: readonly string[]): PresetId | null {
  for (const p of PRESETS) {
    const distinctive = p.files.flatMap((f) => f.patterns).filter((pat) => !GENERIC_PATTERN.test(pat));
    if (distinctive.length && names.length && names.every((n) => distinctive.some((pat) => globMatch(n, pat)))) return p.id;
  }
  return null;
}
