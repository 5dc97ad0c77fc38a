/**
 * Top-T of visited items by visit count, ties broken by item index (smaller first), with a
 * bounded min-heap: O(K log T) for K visited items.
 */

/** Heap scratch for `selectTopT`, reusable across items. */
export interface TopTScratch {
  heap: Uint32Array;
}

export function topTScratch(topT: number): TopTScratch {
  return { heap: new Uint32Array(topT) };
}

/** True when item a ranks worse than item b (fewer visits, or equal visits and larger index). */
function worse(counts: Uint32Array, a: number, b: number): boolean {
  const ca = counts[a];
  const cb = counts[b];
  return ca < cb || (ca === cb && a > b);
}

function siftDown(h: Uint32Array, n: number, i: number, counts: Uint32Array): void {
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    let w = l;
    if (r < n && worse(counts, h[r], h[l])) w = r;
    if (!worse(counts, h[w], h[i])) return;
    const t = h[i];
    h[i] = h[w];
    h[w] = t;
    i = w;
  }
}

/**
 * Writes the best `min(topT, nTouched)` of `touched[0..nTouched)` (ranked by `counts`) into
 * `outItems[at..]`, best first, and returns how many were written.
 */
export function selectTopT(
  touched: Uint32Array,
  nTouched: number,
  counts: Uint32Array,
  topT: number,
  scratch: TopTScratch,
  outItems: Uint32Array,
  at: number,
): number {
  const h = scratch.heap;
  let n = 0;
  for (let k = 0; k < nTouched; k++) {
    const it = touched[k];
    if (n < topT) {
      // push and sift up
      let i = n++;
      h[i] = it;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(counts, h[i], h[p])) break;
        const t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
      }
    } else if (worse(counts, h[0], it)) {
      h[0] = it;
      siftDown(h, n, 0, counts);
    }
  }
  // pop worst-first into the tail of the output
  const size = n;
  while (n > 0) {
    outItems[at + n - 1] = h[0];
    h[0] = h[n - 1];
    n--;
    siftDown(h, n, 0, counts);
  }
  return size;
}
