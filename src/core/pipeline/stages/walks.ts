/**
 * Stage "walks": the P1 split (train period = before t_test), the shopper–item graph of the train
 * period and every item's top-T random-walk neighbourhood — what preparePinSageData builds, with
 * the walks in chunks so progress and cancel get through.
 */
import { p1Split } from '../../eval/splits/p1-item-to-item';
import { buildBipartiteGraph } from '../../graph/build-csr';
import type { WalkParams } from '../../graph/types';
import { allocNeighbourhoods, mergeNeighbourhoods, walkNeighbourhoods, walkScratch } from '../../graph/walks';
import type { PipelineConfig, StageConfigOf } from '../config';
import type { LoadOutput, PipelineContext, WalksOutput } from '../types';
import { yieldNow, type StageProgress } from './progress';

const CHUNK = 256;

export function p1Options(config: PipelineConfig): Parameters<typeof p1Split>[1] {
  const s = config.split.p1;
  return { seed: config.seed, testFraction: s.testFraction, mode: s.mode, windowMs: s.windowHours * 3_600_000, basketCap: s.basketCap };
}

export async function runWalks(
  config: PipelineConfig,
  stage: StageConfigOf<'walks'>,
  load: LoadOutput,
  ctx: PipelineContext,
  progress: StageProgress,
): Promise<WalksOutput> {
  const ds = load.dataset;
  progress(0, 1, 'P1 split');
  const split = p1Split(ds, p1Options(config));
  const nItems = ds.items.length;
  progress(0, 1, 'graph of the train period');
  const graph = buildBipartiteGraph(ds.events, { nItems, nShoppers: ds.shoppers.length, eventEnd: split.trainEnd, shared: false });
  const walk: WalkParams = { walks: stage.walks, length: stage.walkLength, alpha: stage.alpha, topT: stage.topT, seed: config.seed };
  const neighbourhoods = allocNeighbourhoods(0, nItems, walk.topT);
  const scratch = walkScratch(graph, walk.topT);
  let steps = 0;
  let restarts = 0;
  for (let a = 0; a < nItems; a += CHUNK) {
    ctx.signal?.throwIfAborted();
    const b = Math.min(nItems, a + CHUNK);
    const part = walkNeighbourhoods(graph, walk, a, b, { scratch });
    mergeNeighbourhoods(neighbourhoods, part);
    steps += part.steps;
    restarts += part.restarts;
    progress(b, nItems, 'walks');
    await yieldNow();
  }
  return { split, graph, walk, neighbourhoods: { ...neighbourhoods, steps, restarts } };
}
