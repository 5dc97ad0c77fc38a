import type { DatasetFields } from '../types';
import type { DatasetAssembler } from './assembler';

/** What each loader hands back to `loadDataset`, which finishes and validates it. */
export interface LoaderOutput {
  assembler: DatasetAssembler;
  fields: DatasetFields;
  meta: Record<string, string | number | boolean>;
}

/** A cell as text: strings trimmed, numbers without a trailing '.0', null/undefined → ''. */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** A cell as a number; NaN when empty or not numeric. */
export function cellNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? NaN : Number(s);
  }
  return NaN;
}

/** An id cell as text; numeric ids lose a float suffix (17850.0 → '17850'). */
export function idText(v: unknown): string {
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.endsWith('.0') && /^-?\d+\.0$/.test(s)) return s.slice(0, -2);
    return s;
  }
  return cellText(v);
}

/**
 * Raw cell value → dense index, cached per distinct raw value (string or number), so a repeated
 * id costs one Map lookup and no string work. '' maps to -1 (missing).
 */
export class KeyIndex {
  private readonly cache = new Map<unknown, number>();
  constructor(private readonly intern: (id: string) => number) {}

  index(raw: unknown): number {
    let i = this.cache.get(raw);
    if (i === undefined) {
      const id = idText(raw);
      i = id === '' ? -1 : this.intern(id);
      if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'bigint' || raw === null || raw === undefined) this.cache.set(raw, i);
    }
    return i;
  }
}

/** True for a missing id cell: null, undefined, NaN, or a string of spaces. */
export function isBlank(v: unknown): boolean {
  if (typeof v === 'string') return v.length === 0 || v.trim().length === 0;
  if (typeof v === 'number') return Number.isNaN(v);
  return v === null || v === undefined;
}
