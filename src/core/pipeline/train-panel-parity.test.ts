// The Train panel and the batch CLI train the same model for the same config (issue #8 point 1).
// The panel's worker (workers/pinsage.worker.ts `train`) prepares with preparePinSageData, trains
// with trainPinSage and scores P1 with the same scorers; the pipeline runs load → walks → pinsage
// → evaluate. For the config a Runs-panel download writes (pipelineConfigOf) both must give the
// same split, neighbourhoods, embeddings and P1 metrics. Checked once in Chromium on WASM too
// (docs/runs.md): the panel and `npm run batch` printed the same four P1 rows.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerMissingKernels } from '../compute/kernels/register';
import { generateSyntheticSync, SYNTHETIC_PRESETS } from '../data/synthetic';
import { evaluateP1 } from '../eval/p1';
import { itemKnnScorer, popularityCounts, popularityScorer, pprWalkScorer } from '../eval/p1-baselines';
import { parsePinSageConfig } from '../models/pinsage/config';
import { inferAllItems } from '../models/pinsage/infer';
import { dotScores } from '../retrieval/top-k';
import { pipelineConfigOf } from '../run-records/pipeline-config';
import { preparePinSageData } from '../train/pinsage-data';
import { trainPinSage } from '../train/pinsage-train';
import { runPipeline } from './run';
import { parsePipelineConfig } from './validate';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels();
});

// the e2e Runs test's tiny form values (e2e/runs.spec.ts TINY)
const FORM = { hidden: 16, output: 16, epochs: 1, maxStepsPerEpoch: 10, batchSize: 32, sharedNegatives: 20, validateEvery: 5, validationPairs: 40, walks: 10, walkLength: 6, tokenBuckets: 256, tokenDim: 8 };

describe('Train panel vs batch pipeline, same config', () => {
  it('give the same graph, walks, embeddings and P1 metrics (synthetic small, CPU)', async () => {
    const cfg = parsePinSageConfig(FORM);
    const file = pipelineConfigOf({ name: 'parity', model: 'pinsage', config: cfg as unknown as Record<string, unknown>, backend: { name: 'cpu' }, dataset: { config: { kind: 'synthetic', preset: 'small' } } });
    const config = parsePipelineConfig(file);
    const cli = await runPipeline(config, { backend: { backend: 'cpu' } });
    const ds = cli.state.load!.dataset;
    // the same world the panel generates for ?dataset=synthetic-small
    expect(ds.events.length).toBe(generateSyntheticSync(SYNTHETIC_PRESETS.small).dataset.events.length);

    // the panel's path (workers/pinsage.worker.ts train, without the producer worker)
    const d = preparePinSageData(ds, cfg);
    expect(d.split.trainEnd).toBe(cli.state.walks!.split.trainEnd);
    expect(Array.from(d.graph.itemEntries)).toEqual(Array.from(cli.state.walks!.graph.itemEntries));
    expect(d.walk).toEqual(cli.state.walks!.walk);
    const r = await trainPinSage(cfg, d, {});
    const emb = await inferAllItems(r.model, d.features, d.neighbourhoods);
    r.model.dispose();
    expect(Array.from(emb)).toEqual(Array.from(cli.state.pinsage!.embeddings));
    const score = async (s: Parameters<typeof evaluateP1>[2]) => (await evaluateP1(d.split.testPairs, d.nItems, s)).metrics;
    const panel = [
      await score((qs) => dotScores(emb, cfg.output, qs)),
      await score(popularityScorer(popularityCounts(ds, d.split.trainEnd))),
      await score(itemKnnScorer(d.graph)),
      await score(pprWalkScorer(d.graph, d.walk)),
    ];
    const results = cli.metrics!.results;
    expect(results.map((x) => x.model)).toEqual(['pinsage', 'popularity', 'itemknn', 'ppr']);
    expect(results.map((x) => x.metrics)).toEqual(panel);
    // not a trivially equal pair: the models differ from each other
    expect(new Set(panel.map((m) => m['recall@10'])).size).toBe(4);
  }, 120_000);
});
