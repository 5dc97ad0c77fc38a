/**
 * Everything a PinSage run needs from a dataset, computed once: the P1 split, training pairs
 * (P1 pair rule over the train period) with a held-out validation sample, the train-period graph,
 * top-T walk neighbourhoods of every item and the item features.
 */
import type { Dataset } from '../data/types';
import { p1Split, p1TrainPairs, type P1Split } from '../eval/splits/p1-item-to-item';
import { PairSet, type ItemPairs } from '../eval/splits/pairs';
import { buildBipartiteGraph, itemDegree } from '../graph/build-csr';
import type { BipartiteGraph, Neighbourhoods, WalkParams } from '../graph/types';
import { walkNeighbourhoods } from '../graph/walks';
import type { PinSageConfig } from '../models/pinsage/config';
import { buildItemFeatures, type ExternalVectors, type ItemFeatures } from '../models/pinsage/features';
import { Rng } from '../rng';
import { basketEpochPairs, type EpochPairs } from './train-pairs';
import { degreeNormalised } from './neighbour-rerank';

export interface PinSageData {
  nItems: number;
  split: P1Split;
  /** The fixed (deduplicated) P1 training pairs, validation pairs removed. */
  trainPairs: ItemPairs;
  valPairs: ItemPairs;
  /** When set (config `pairDraw: 'per-epoch'` on basket data), each epoch trains on its own draw instead of `trainPairs`. */
  epochPairs?: EpochPairs;
  graph: BipartiteGraph;
  walk: WalkParams;
  neighbourhoods: Neighbourhoods;
  features: ItemFeatures;
}

export function walkParamsOf(cfg: PinSageConfig): WalkParams {
  return { walks: cfg.walks, length: cfg.walkLength, alpha: cfg.alpha, topT: cfg.topT, seed: cfg.seed };
}

/** Splits pairs into (train, validation): a seeded sample of `nVal` pairs (at most 5%) is held out. */
export function holdOutPairs(p: ItemPairs, nVal: number, seed: number): { train: ItemPairs; val: ItemPairs } {
  const n = p.q.length;
  const v = Math.min(nVal, Math.floor(n * 0.05));
  const perm = new Rng(seed).fork('pinsage-validation').permutation(n);
  const valIdx = Array.from(perm.subarray(0, v)).sort((a, b) => a - b);
  const isVal = new Uint8Array(n);
  for (const k of valIdx) isVal[k] = 1;
  const tq: number[] = [];
  const ti: number[] = [];
  for (let k = 0; k < n; k++) if (!isVal[k]) (tq.push(p.q[k]), ti.push(p.i[k]));
  return {
    train: { q: Uint32Array.from(tq), i: Uint32Array.from(ti) },
    val: { q: Uint32Array.from(valIdx, (k) => p.q[k]), i: Uint32Array.from(valIdx, (k) => p.i[k]) },
  };
}

/** The per-epoch pair draw for `cfg` (basket data with `pairDraw: 'per-epoch'`), never drawing a validation pair; else undefined. */
export function epochPairsFor(ds: Dataset, cfg: PinSageConfig, split: P1Split, val: ItemPairs): EpochPairs | undefined {
  if (cfg.pairDraw !== 'per-epoch' || split.mode !== 'basket') return undefined;
  const exclude = new PairSet(ds.items.length, val.q.length);
  for (let k = 0; k < val.q.length; k++) exclude.add(val.q[k], val.i[k]);
  return basketEpochPairs(ds, split.trainEnd, split.basketCap, cfg.seed, exclude);
}

/**
 * The top-T neighbourhoods PinSage pools: the walks' (`plain`, when already computed with T) or,
 * with `neighbourDegreeNorm` β > 0, the 5·T most visited items re-ranked by visits / degree^β.
 */
export function pinSageNeighbourhoods(graph: BipartiteGraph, walk: WalkParams, cfg: PinSageConfig, degree: ArrayLike<number>, plain?: Neighbourhoods): Neighbourhoods {
  if (cfg.neighbourDegreeNorm > 0) return degreeNormalised(walkNeighbourhoods(graph, { ...walk, topT: 5 * cfg.topT }, 0, graph.nItems), degree, cfg.topT, cfg.neighbourDegreeNorm);
  return plain ?? walkNeighbourhoods(graph, { ...walk, topT: cfg.topT }, 0, graph.nItems);
}

/** Training pairs per epoch (the per-epoch draw's size, or the fixed pairs'). */
export function pairsPerEpoch(d: PinSageData): number {
  return d.epochPairs?.perEpoch ?? d.trainPairs.q.length;
}

export function preparePinSageData(ds: Dataset, cfg: PinSageConfig, opts: { external?: ExternalVectors | null; split?: P1Split } = {}): PinSageData {
  const split = opts.split ?? p1Split(ds, { seed: cfg.seed });
  const { train, val } = holdOutPairs(p1TrainPairs(ds, split), cfg.validationPairs, cfg.seed);
  const nItems = ds.items.length;
  const graph = buildBipartiteGraph(ds.events, { nItems, nShoppers: ds.shoppers.length, eventEnd: split.trainEnd, shared: false });
  const walk = walkParamsOf(cfg);
  const degree = Float32Array.from({ length: nItems }, (_, i) => itemDegree(graph, i));
  const neighbourhoods = pinSageNeighbourhoods(graph, walk, cfg, degree);
  const features = buildItemFeatures(ds, cfg, { degree, seenInTraining: split.itemHasTrainEvent, external: opts.external });
  const epochPairs = epochPairsFor(ds, cfg, split, val);
  return { nItems, split, trainPairs: train, valPairs: val, ...(epochPairs ? { epochPairs } : {}), graph, walk, neighbourhoods, features };
}
