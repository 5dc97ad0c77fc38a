/**
 * Speed of embedding the whole catalogue in all three roles, SIMO (one pass) vs SISO (three
 * passes), with the same weights and config (the weights do not change the work): one warm-up
 * each, then `repeats` timed runs of each, interleaved (simo, siso, simo, siso, …) so both see the
 * same machine load; the median is reported. With `cpuClock` (seconds of CPU this process used,
 * e.g. from Node's process.cpuUsage) every run is also timed in CPU seconds — the fair measure on
 * a loaded machine, where wall time mostly measures the other processes. Used by the bench case,
 * the worker and the Node speed run.
 */
import type { Dataset } from '../../data/types';
import { parseSimoConfig, type SimoConfigInput, type SimoMode } from '../../models/simo/config';
import { buildContentTokens } from '../../models/simo/content-tokens';
import { embedCatalogue } from '../../models/simo/embed';
import { buildSimoEncoder } from '../../models/simo/encoder';

export interface EmbedTiming {
  mode: SimoMode;
  /** Median wall seconds. */
  seconds: number;
  runs: number[];
  /** Median CPU seconds (with a cpuClock). */
  cpuSeconds?: number;
  cpuRuns?: number[];
  items: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timeCatalogueEmbedding(
  ds: Dataset,
  input: SimoConfigInput = {},
  repeats = 3,
  signal?: AbortSignal,
  chunk?: number,
  cpuClock?: () => number,
): Promise<EmbedTiming[]> {
  const cfg = parseSimoConfig({ ...input, pinsage: 'off' });
  const enc = buildSimoEncoder(cfg, buildContentTokens(ds, cfg));
  const modes = ['simo', 'siso'] as const;
  try {
    for (const mode of modes) await embedCatalogue(enc, { mode, signal, chunk }); // warm-up (kernel compilation, buffers)
    const wall: Record<SimoMode, number[]> = { simo: [], siso: [] };
    const cpu: Record<SimoMode, number[]> = { simo: [], siso: [] };
    for (let k = 0; k < repeats; k++) {
      for (const mode of modes) {
        const c0 = cpuClock?.() ?? 0;
        wall[mode].push((await embedCatalogue(enc, { mode, signal, chunk })).seconds);
        if (cpuClock) cpu[mode].push(cpuClock() - c0);
      }
    }
    return modes.map((mode) => ({
      mode,
      seconds: median(wall[mode]),
      runs: wall[mode],
      ...(cpuClock ? { cpuSeconds: median(cpu[mode]), cpuRuns: cpu[mode] } : {}),
      items: ds.items.length,
    }));
  } finally {
    enc.dispose();
  }
}
