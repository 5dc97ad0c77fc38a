/** Input checks shared by the writers: a mismatch is a clear error, never a silently wrong file. */
import type { EmbeddingSet, LookupTableExport } from './types';

export function checkEmbeddingSet(e: EmbeddingSet, what: string): void {
  if (!Number.isInteger(e.dim) || e.dim <= 0) throw new Error(`${what}: dim must be a positive integer, got ${e.dim}`);
  if (e.vectors.length !== e.ids.length * e.dim)
    throw new Error(`${what}: ${e.ids.length} ids × dim ${e.dim} needs ${e.ids.length * e.dim} values, got ${e.vectors.length}`);
  const meta = e as EmbeddingSet & { titles?: readonly string[]; categories?: readonly string[] };
  if (meta.titles && meta.titles.length !== e.ids.length) throw new Error(`${what}: ${meta.titles.length} titles for ${e.ids.length} ids`);
  if (meta.categories && meta.categories.length !== e.ids.length) throw new Error(`${what}: ${meta.categories.length} categories for ${e.ids.length} ids`);
}

export function checkLookupTable(t: LookupTableExport): void {
  const n = t.queryIds.length * t.k;
  if (!Number.isInteger(t.k) || t.k <= 0) throw new Error(`lookup table ${t.role}: k must be a positive integer, got ${t.k}`);
  if (t.targetIds.length !== n || t.scores.length !== n)
    throw new Error(`lookup table ${t.role}: ${t.queryIds.length} queries × k ${t.k} needs ${n} targets and scores, got ${t.targetIds.length} and ${t.scores.length}`);
}
