/** Differences between runs' configs: flattened dotted keys, only the keys whose values differ. */
export type FlatConfig = Record<string, string>;

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** { a: { b: 1 }, c: [1, 2] } → { 'a.b': '1', c: '[1,2]' } (arrays as JSON: they are values here). */
export function flattenConfig(v: unknown, prefix = '', out: FlatConfig = {}): FlatConfig {
  if (isPlain(v)) {
    for (const k of Object.keys(v).sort()) {
      const x = v[k];
      if (x === undefined) continue;
      flattenConfig(x, prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  }
  out[prefix || '(value)'] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

export interface ConfigDiffRow {
  key: string;
  /** One per compared config; undefined where that config lacks the key. */
  values: (string | undefined)[];
}

/** Rows for every key whose values are not all the same (a key missing in one counts as different). */
export function diffConfigs(configs: readonly unknown[]): ConfigDiffRow[] {
  const flat = configs.map((c) => flattenConfig(c));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const rows: ConfigDiffRow[] = [];
  for (const key of keys) {
    const values = flat.map((f) => f[key]);
    if (values.some((x) => x !== values[0])) rows.push({ key, values });
  }
  return rows;
}
