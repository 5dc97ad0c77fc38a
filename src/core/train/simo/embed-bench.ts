/**
 * Speed of embedding the whole catalogue in all three roles, SIMO (one pass) vs SISO (three
 * passes), with the same weights and config (the weights do not change the work): median of
 * `repeats` timed runs after one warm-up each. Used by the bench case and the worker.
 */
import type { Dataset } from '../../data/types';
import { parseSimoConfig, type SimoConfigInput, type SimoMode } from '../../models/simo/config';
import { buildContentTokens } from '../../models/simo/content-tokens';
import { embedCatalogue } from '../../models/simo/embed';
import { buildSimoEncoder } from '../../models/simo/encoder';

export interface EmbedTiming {
  mode: SimoMode;
  /** Median seconds. */
  seconds: number;
  runs: number[];
  items: number;
}

export async function timeCatalogueEmbedding(ds: Dataset, input: SimoConfigInput = {}, repeats = 3, signal?: AbortSignal, chunk?: number): Promise<EmbedTiming[]> {
  const cfg = parseSimoConfig({ ...input, pinsage: 'off' });
  const enc = buildSimoEncoder(cfg, buildContentTokens(ds, cfg));
  try {
    const out: EmbedTiming[] = [];
    for (const mode of ['simo', 'siso'] as const) {
      await embedCatalogue(enc, { mode, signal, chunk }); // warm-up (kernel compilation, buffers)
      const runs: number[] = [];
      for (let k = 0; k < repeats; k++) runs.push((await embedCatalogue(enc, { mode, signal, chunk })).seconds);
      const s = [...runs].sort((a, b) => a - b);
      out.push({ mode, seconds: s[Math.floor(s.length / 2)], runs, items: ds.items.length });
    }
    return out;
  } finally {
    enc.dispose();
  }
}
