// Helpers shared by the benchmark cases.
import { loadDataset } from '../src/core/data/load';
import type { Dataset } from '../src/core/data/types';

const urls = import.meta.glob<string>('../datasets/online-retail/*.parquet', { query: '?url', import: 'default', eager: true });
const RETAIL_URL = Object.values(urls)[0];

/** The bundled Online Retail file, fetched from this origin and loaded into tables (throws when it does not load). */
export async function loadBundledRetail(): Promise<Dataset> {
  if (!RETAIL_URL) throw new Error('datasets/online-retail/online_retail.parquet is not in this build');
  const bytes = new Uint8Array(await (await fetch(RETAIL_URL)).arrayBuffer());
  const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'online-retail' }, [{ name: 'online_retail.parquet', data: bytes }], {
    name: 'online-retail',
  });
  if (!dataset) throw new Error(`Online Retail did not load: ${report.fatal ?? 'no dataset'}`);
  return dataset;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
