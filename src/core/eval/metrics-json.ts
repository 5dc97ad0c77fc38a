/** The `metrics.json` shape of PROTOCOLS.md "Reporting". */
export interface MetricsDatasetInfo {
  name: string;
  hash: string;
  events: number;
  items: number;
  shoppers: number;
}

export interface MetricsEntry {
  protocol: 'P1' | 'P2' | 'P3' | 'P4';
  model: string;
  variant?: string;
  metrics: Record<string, number>;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  [extra: string]: unknown;
}

export interface MetricsJson {
  dataset: MetricsDatasetInfo;
  seed: number;
  backend: string;
  results: MetricsEntry[];
  [extra: string]: unknown;
}

export function metricsJson(dataset: MetricsDatasetInfo, seed: number, backend: string, results: MetricsEntry[], extra: Record<string, unknown> = {}): MetricsJson {
  return { dataset, seed, backend, results, ...extra };
}

/** Adds or replaces the entry with the same (protocol, model, variant). */
export function upsertEntry(m: MetricsJson, e: MetricsEntry): MetricsJson {
  const same = (x: MetricsEntry): boolean => x.protocol === e.protocol && x.model === e.model && (x.variant ?? '') === (e.variant ?? '');
  return { ...m, results: [...m.results.filter((x) => !same(x)), e] };
}
