/** Stage "load": the dataset from its preset / generic loader (the Data panel's loader) or the synthetic generator. */
import { loadDataset } from '../../data/load';
import { datasetHash } from '../../data/content-hash';
import { generateSynthetic } from '../../data/synthetic';
import type { Dataset, ValidationReport } from '../../data/types';
import { syntheticInput, type PipelineConfig } from '../config';
import { PipelineError } from '../errors';
import type { LoadOutput, PipelineContext } from '../types';
import type { StageProgress } from './progress';

export async function runLoad(config: PipelineConfig, ctx: PipelineContext, progress: StageProgress): Promise<LoadOutput> {
  const d = config.dataset;
  let dataset: Dataset;
  let report: ValidationReport | null = null;
  if (d.kind === 'synthetic') {
    const r = await generateSynthetic(syntheticInput(d), { signal: ctx.signal, progress, meta: d.preset ? { preset: d.preset } : {} });
    dataset = r.dataset;
  } else {
    const files = ctx.files ?? [];
    if (files.length !== d.files.length) {
      throw new PipelineError('dataset', `The dataset lists ${d.files.length} file(s) but ${files.length} were provided; check dataset.files.`, 'load');
    }
    const { kind: _k, files: _f, name, ...spec } = d;
    const res = await loadDataset({ kind: d.kind, ...spec } as Parameters<typeof loadDataset>[0], files, { signal: ctx.signal, onProgress: progress, name });
    report = res.report;
    if (!res.dataset) throw new PipelineError('dataset', res.report.fatal ?? 'The dataset did not load.', 'load');
    dataset = res.dataset;
  }
  if (dataset.events.length === 0 || dataset.items.length < 2) {
    throw new PipelineError('dataset', `The dataset "${dataset.name}" has ${dataset.events.length} events and ${dataset.items.length} items: too little to train or evaluate.`, 'load');
  }
  progress(0, 1, 'hashing the dataset');
  const hash = await datasetHash(dataset);
  progress(1, 1, 'loaded');
  return {
    dataset,
    report,
    info: { name: dataset.name, hash, events: dataset.events.length, items: dataset.items.length, shoppers: dataset.shoppers.length },
  };
}
