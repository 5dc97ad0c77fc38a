/**
 * Exact nearest neighbours by cosine similarity in the full embedding space (not the 2-D view):
 * rows are L2-normalised once, then each query is one batched matmul against the whole table and
 * a top-k on the tfjs backend (core/retrieval/top-k). The query point itself is left out.
 */
import { topKByDot } from '../retrieval/top-k';

export interface Neighbour {
  point: number;
  /** Cosine similarity. */
  score: number;
}

/** Top-k cosine neighbours of each query; `normalised` must hold L2-normalised rows (see l2NormaliseRows). */
export async function cosineNeighbours(normalised: Float32Array, dim: number, queries: ArrayLike<number>, k = 10): Promise<Neighbour[][]> {
  const n = normalised.length / dim;
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i];
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new Error(`point ${q} is not one of the ${n} points`);
  }
  const top = await topKByDot(normalised, dim, queries, k, true);
  const out: Neighbour[][] = [];
  for (let i = 0; i < queries.length; i++) {
    const list: Neighbour[] = [];
    for (let j = 0; j < top.k; j++) list.push({ point: top.items[i * top.k + j], score: top.scores[i * top.k + j] });
    out.push(list);
  }
  return out;
}
