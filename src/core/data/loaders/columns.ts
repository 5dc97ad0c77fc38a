import type { ReportBuilder } from './report';

export interface WantedColumn {
  name: string;
  /** When false a missing column is fine (the field is simply absent). */
  required: boolean;
}

/**
 * Finds the index of each wanted column in a header: exact name first, then ignoring case and
 * surrounding spaces. Missing required columns give one 'missing-column' error that names the
 * column, what it was for, and the columns the file does have. Returns null when any is missing;
 * absent optional columns get index -1.
 */
export function resolveColumns<K extends string>(
  available: readonly string[],
  wanted: Readonly<Record<K, WantedColumn | undefined>>,
  file: string,
  report: ReportBuilder,
): Record<K, number> | null {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  available.forEach((c, i) => {
    if (!exact.has(c)) exact.set(c, i);
    const l = c.trim().toLowerCase();
    if (!loose.has(l)) loose.set(l, i);
  });
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(wanted) as K[]) {
    const w = wanted[key];
    if (w === undefined) {
      out[key] = -1;
      continue;
    }
    const i = exact.get(w.name) ?? loose.get(w.name.trim().toLowerCase()) ?? -1;
    out[key] = i;
    if (i < 0 && w.required) missing.push(key === w.name ? `"${w.name}"` : `"${w.name}" (for ${key})`);
  }
  if (missing.length > 0) {
    const shown = available.slice(0, 30).map((c) => `"${c}"`).join(', ') + (available.length > 30 ? ', ...' : '');
    report.add(
      'error',
      'missing-column',
      `${file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; it has ${available.length} column${available.length === 1 ? '' : 's'}: ${shown}. Fix the column mapping (or choose the right file / delimiter).`,
      { file, line: 1, column: wanted[Object.keys(wanted).find((k) => out[k as K] < 0 && wanted[k as K]?.required) as K]?.name },
      1,
      file,
    );
    return null;
  }
  return out;
}
