/**
 * Shopper–item graph, PinSage random walks (importance neighbourhoods) and PPR hard negatives.
 * Pure: no DOM, runs in workers, in the page and in Node tests. See docs/graph.md.
 */
export * from './types';
export * from './params';
export * from './action-weights';
export { allocArray, sharedMemoryAvailable } from './shared-alloc';
export { buildBipartiteGraph, graphBytes, graphEdgeBytes, itemDegree, type BuildGraphOptions, type GraphEventColumns } from './build-csr';
export {
  entryProbability,
  entryTarget,
  entryCumulative,
  rowTargets,
  itemShopperAt,
  shopperItemAt,
  itemSide,
  shopperSide,
  idBitsFor,
  weightBitsFor,
  type CsrSide,
} from './entry';
export { layoutBytes, sampleEntry, NO_GUIDE } from './guide';
export {
  walkNeighbourhoods,
  mergeNeighbourhoods,
  allocNeighbourhoods,
  neighboursOf,
  walkScratch,
  walkItem,
  clearVisits,
  type WalkRangeOptions,
  type WalkScratch,
} from './walks';
export { explainItem, type ItemNeighbourhood } from './explain';
export { personalizedPageRank, itemTransition, rankByScore, type PprOptions } from './ppr';
export * from './hard-negatives';
export { p1TrainEventEnd } from './train-period';
