/**
 * P3 end to end for one dataset and one encoder config: train (SIMO or SISO), embed the whole
 * catalogue in three roles (timed, median of repeats), evaluate on the P3 test pairs; the result
 * as metrics.json entries (one per relation, one per relation × complexity class).
 */
import type { Dataset } from '../../data/types';
import type { MetricsEntry } from '../../eval/metrics-json';
import { evaluateP3, p3Entries, type P3RelationResult } from '../../eval/p3';
import { parseSimoConfig, simoVariant, type SimoConfigInput } from '../../models/simo/config';
import { embedCatalogue } from '../../models/simo/embed';
import type { PinSageMatrix } from '../../models/simo/encoder';
import type { ItemRoleEmbeddings } from '../../models/simo/roles';
import type { P3Split } from '../../eval/splits/p3-split';
import { prepareSimoData } from './data';
import { trainSimo, type SimoTrainEvent } from './train';

export interface P3RunOptions {
  split?: P3Split;
  pinsage?: PinSageMatrix | null;
  /** Timed catalogue embeddings (the median is reported). Default 3. */
  embedRepeats?: number;
  onEvent?(e: SimoTrainEvent): void;
  signal?: AbortSignal;
}

export interface P3RunResult {
  entries: MetricsEntry[];
  results: P3RelationResult[];
  embeddings: ItemRoleEmbeddings;
  /** Median seconds to embed the whole catalogue in all three roles. */
  embedSeconds: number;
  embedRuns: number[];
  trainSeconds: number;
  /** Epochs run, best epoch, steps; whether patience stopped it (converged within the budget). */
  training: { epochs: number; bestEpoch: number; steps: number; stoppedEarly: boolean; bestValRecall10: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function runP3Encoder(ds: Dataset, input: SimoConfigInput, opts: P3RunOptions = {}): Promise<P3RunResult> {
  const cfg = parseSimoConfig(input);
  const d = prepareSimoData(ds, cfg, { split: opts.split });
  const r = await trainSimo(cfg, d, { pinsage: opts.pinsage, onEvent: opts.onEvent, signal: opts.signal });
  try {
    const runs: number[] = [];
    for (let k = 0; k < (opts.embedRepeats ?? 3); k++) runs.push((await embedCatalogue(r.encoder, { signal: opts.signal })).seconds);
    const t0 = performance.now();
    const results = await evaluateP3(d.split, r.embeddings, { relations: d.relations, signal: opts.signal });
    const evalS = (performance.now() - t0) / 1000;
    const embedSeconds = median(runs);
    const entries = p3Entries(cfg.mode, simoVariant(cfg), results, { train: r.trainSeconds, infer: embedSeconds, eval: evalS }, {
      training: { epochs: r.state.epoch, best_epoch: r.state.bestEpoch, best_val_recall10: r.state.bestRecall10, steps: r.state.steps, pairs_per_s: r.pairsPerSecond, stopped_early: r.stoppedEarly },
      embed_runs_s: runs,
      config: cfg,
    });
    return {
      entries,
      results,
      embeddings: r.embeddings,
      embedSeconds,
      embedRuns: runs,
      trainSeconds: r.trainSeconds,
      training: { epochs: r.state.epoch, bestEpoch: r.state.bestEpoch, steps: r.state.steps, stoppedEarly: r.stoppedEarly, bestValRecall10: r.state.bestRecall10 },
    };
  } finally {
    r.encoder.dispose();
  }
}
