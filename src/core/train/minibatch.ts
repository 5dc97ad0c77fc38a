/**
 * The PinSage minibatch builder: a pure function of (pairs, negatives, neighbourhoods, features)
 * → fixed-shape typed arrays. It can run in a producer worker while the training worker runs the
 * previous step. Layout (DGL-style blocks): the target nodes of layer K are the batch's queries,
 * positives and negatives (deduplicated); the nodes of layer l − 1 are those of layer l (same
 * order, a prefix) followed by their new neighbours. Each layer's rows carry T neighbour indices
 * (into the layer below) and pooling weights; every array is padded to a fixed capacity.
 * The pair's own edge is removed: in the rows of q and i (every layer), i and q are dropped from
 * the neighbour lists and the remaining weights renormalised.
 */
import type { BatchData, BatchSpec } from '../compute/batch';
import { NO_ITEM, type Neighbourhoods } from '../graph/types';
import type { Pooling } from '../models/pinsage/config';
import { DENSE_DIM, type ItemFeatures } from '../models/pinsage/features';

export interface MinibatchShape {
  layers: number;
  topT: number;
  batchSize: number;
  sharedNegatives: number;
  /** Hard-negative slots per query (fixed; the active count per epoch is masked). */
  hardSlots: number;
  pooling: Pooling;
  /** Capacity of node layer l (0 = input features … layers = targets). */
  caps: number[];
  maxTokens: number;
  externalDim: number;
}

export function minibatchShape(
  nItems: number,
  o: { layers: number; topT: number; batchSize: number; sharedNegatives: number; hardSlots: number; pooling: Pooling; maxTokens: number; externalDim: number },
): MinibatchShape {
  const caps = new Array<number>(o.layers + 1);
  caps[o.layers] = Math.min(nItems, 2 * o.batchSize + o.sharedNegatives + o.batchSize * o.hardSlots);
  for (let l = o.layers; l > 0; l--) caps[l - 1] = o.pooling === 'none' ? caps[l] : Math.min(nItems, caps[l] * (o.topT + 1));
  return { ...o, caps };
}

/** Row counts are rounded up to a multiple of this (a few distinct shapes; less padding than 256: ~5 % fewer FLOPs per step), capped by the capacity. */
export const ROW_BUCKET = 128;

export function roundRows(n: number, cap: number): number {
  return Math.min(cap, Math.max(ROW_BUCKET, Math.ceil(n / ROW_BUCKET) * ROW_BUCKET));
}

/** One built minibatch: its arrays and the row count of every node layer (0 … K). */
export interface Minibatch {
  data: BatchData;
  rows: number[];
}

/** The batch spec for node-layer row counts `rows` (default: the capacities). */
export function minibatchSpec(s: MinibatchShape, rows: number[] = s.caps): BatchSpec {
  const c0 = rows[0];
  const spec: BatchSpec = {
    tokens: { shape: [c0, s.maxTokens], dtype: 'int32' },
    tokenWeights: { shape: [c0, s.maxTokens, 1], dtype: 'float32' },
    category: { shape: [c0], dtype: 'int32' },
    brand: { shape: [c0], dtype: 'int32' },
    dense: { shape: [c0, DENSE_DIM], dtype: 'float32' },
    idRow: { shape: [c0], dtype: 'int32' },
    idMask: { shape: [c0, 1], dtype: 'float32' },
    qIdx: { shape: [s.batchSize], dtype: 'int32' },
    pIdx: { shape: [s.batchSize], dtype: 'int32' },
    negIdx: { shape: [s.sharedNegatives], dtype: 'int32' },
    pairMask: { shape: [s.batchSize], dtype: 'float32' },
  };
  if (s.externalDim > 0) spec.external = { shape: [c0, s.externalDim], dtype: 'float32' };
  if (s.hardSlots > 0) {
    spec.hardIdx = { shape: [s.batchSize * s.hardSlots], dtype: 'int32' };
    spec.hardMask = { shape: [s.batchSize, s.hardSlots], dtype: 'float32' };
  }
  if (s.pooling !== 'none') {
    for (let l = 1; l <= s.layers; l++) {
      spec[`nbr${l}`] = { shape: [rows[l] * s.topT], dtype: 'int32' };
      spec[`nbrW${l}`] = { shape: [rows[l], s.topT, 1], dtype: 'float32' };
    }
  }
  return spec;
}

export interface MinibatchInput {
  q: Uint32Array;
  i: Uint32Array;
  /** Shared negatives (exactly `sharedNegatives`). */
  negatives: Uint32Array;
  /** q.length × hardSlots items; only the first `hardActive[k]` of row k are used. */
  hard?: Uint32Array;
  hardActive?: Uint8Array;
  /** Per pair: 1 = remove the pair's own edge from its neighbourhoods (default: every pair). */
  removeEdge?: Uint8Array;
}

/** Reusable scratch: item → local position stamp (one per builder thread). */
export interface MinibatchScratch {
  pos: Int32Array;
  stamp: Uint32Array;
  epoch: number;
}

export function minibatchScratch(nItems: number): MinibatchScratch {
  return { pos: new Int32Array(nItems), stamp: new Uint32Array(nItems), epoch: 0 };
}

/** Fills neighbour rows for nodes [0, nRows) of `nodes`, appending new neighbours to `below`. */
function fillLayer(
  nodes: number[],
  below: number[],
  nb: Neighbourhoods,
  s: MinibatchShape,
  pooling: Pooling,
  partners: Map<number, number[]>,
  sc: MinibatchScratch,
  cap: number,
  capBelow: number,
  nbr: Int32Array,
  w: Float32Array,
): void {
  const T = s.topT;
  sc.epoch++;
  const ep = sc.epoch;
  for (let k = 0; k < below.length; k++) {
    sc.stamp[below[k]] = ep;
    sc.pos[below[k]] = k;
  }
  for (let r = 0; r < nodes.length && r < cap; r++) {
    const v = nodes[r];
    const drop = partners.get(v);
    const base = (v - nb.start) * nb.topT;
    const size = Math.min(nb.sizes[v - nb.start], T);
    let total = 0;
    let kept = 0;
    for (let j = 0; j < size; j++) {
      const u = nb.items[base + j];
      if (u === NO_ITEM || (drop && drop.includes(u))) continue;
      let p: number;
      if (sc.stamp[u] === ep) p = sc.pos[u];
      else {
        if (below.length >= capBelow) continue;
        p = below.length;
        below.push(u);
        sc.stamp[u] = ep;
        sc.pos[u] = p;
      }
      const wt = pooling === 'importance' ? nb.weights[base + j] : 1;
      nbr[r * T + kept] = p;
      w[r * T + kept] = wt;
      total += wt;
      kept++;
    }
    if (pooling !== 'max' && total > 0) for (let j = 0; j < kept; j++) w[r * T + j] /= total;
  }
}

/** Builds one minibatch (fixed shapes from `s`). `nb` must cover every item (start 0). */
export function buildMinibatch(input: MinibatchInput, nb: Neighbourhoods, f: ItemFeatures, s: MinibatchShape, sc: MinibatchScratch): Minibatch {
  const B = s.batchSize;
  const b = Math.min(input.q.length, B);
  const H = s.hardSlots;
  // 1. target nodes
  sc.epoch++;
  const ep = sc.epoch;
  const targets: number[] = [];
  const local = (v: number): number => {
    if (sc.stamp[v] === ep) return sc.pos[v];
    sc.stamp[v] = ep;
    sc.pos[v] = targets.length;
    targets.push(v);
    return targets.length - 1;
  };
  const qIdx = new Int32Array(B);
  const pIdx = new Int32Array(B);
  const pairMask = new Float32Array(B);
  const partners = new Map<number, number[]>();
  const addPartner = (a: number, c: number): void => {
    const l = partners.get(a);
    if (l) l.push(c);
    else partners.set(a, [c]);
  };
  for (let k = 0; k < b; k++) {
    qIdx[k] = local(input.q[k]);
    pIdx[k] = local(input.i[k]);
    pairMask[k] = 1;
    if (!input.removeEdge || input.removeEdge[k]) {
      addPartner(input.q[k], input.i[k]);
      addPartner(input.i[k], input.q[k]);
    }
  }
  const negIdx = new Int32Array(s.sharedNegatives);
  for (let k = 0; k < s.sharedNegatives; k++) negIdx[k] = local(input.negatives[k % input.negatives.length]);
  const hardIdx = new Int32Array(B * H);
  const hardMask = new Float32Array(B * H);
  if (H > 0 && input.hard && input.hardActive) {
    for (let k = 0; k < b; k++) {
      for (let j = 0; j < Math.min(H, input.hardActive[k]); j++) {
        hardIdx[k * H + j] = local(input.hard[k * H + j]);
        hardMask[k * H + j] = 1;
      }
    }
  }
  if (targets.length > s.caps[s.layers]) throw new Error(`minibatch: ${targets.length} target nodes exceed capacity ${s.caps[s.layers]}`);
  // 2. layers K → 1
  const out: BatchData = { qIdx, pIdx, negIdx, pairMask };
  if (H > 0) {
    out.hardIdx = hardIdx;
    out.hardMask = hardMask;
  }
  let nodes = targets;
  const rows = new Array<number>(s.layers + 1).fill(roundRows(targets.length, s.caps[s.layers]));
  for (let l = s.layers; l >= 1; l--) {
    if (s.pooling === 'none') break;
    const below = nodes.slice();
    rows[l] = roundRows(nodes.length, s.caps[l]);
    const nbr = new Int32Array(rows[l] * s.topT);
    const w = new Float32Array(rows[l] * s.topT);
    fillLayer(nodes, below, nb, s, s.pooling, partners, sc, rows[l], s.caps[l - 1], nbr, w);
    out[`nbr${l}`] = nbr;
    out[`nbrW${l}`] = w;
    nodes = below;
  }
  // 3. layer-0 features
  if (s.pooling !== 'none') rows[0] = roundRows(nodes.length, s.caps[0]);
  const c0 = rows[0];
  const M = s.maxTokens;
  const tokens = new Int32Array(c0 * M);
  const tokenWeights = new Float32Array(c0 * M);
  const category = new Int32Array(c0);
  const brand = new Int32Array(c0);
  const dense = new Float32Array(c0 * DENSE_DIM);
  const idRow = new Int32Array(c0);
  const idMask = new Float32Array(c0);
  const E = s.externalDim;
  const external = E > 0 ? new Float32Array(c0 * E) : null;
  for (let r = 0; r < nodes.length; r++) {
    const v = nodes[r];
    tokens.set(f.tokens.subarray(v * M, (v + 1) * M), r * M);
    tokenWeights.set(f.tokenWeights.subarray(v * M, (v + 1) * M), r * M);
    category[r] = f.category[v];
    brand[r] = f.brand[v];
    dense.set(f.dense.subarray(v * DENSE_DIM, (v + 1) * DENSE_DIM), r * DENSE_DIM);
    idRow[r] = f.idRow[v];
    idMask[r] = f.idRow[v] > 0 ? 1 : 0;
    if (external && f.external) external.set(f.external.values.subarray(v * E, (v + 1) * E), r * E);
  }
  Object.assign(out, { tokens, tokenWeights, category, brand, dense, idRow, idMask });
  if (external) out.external = external;
  return { data: out, rows };
}
