/** Row-wise L2 normalisation (cosine geometry). Zero rows stay zero. */
export function l2NormaliseRows(vectors: Float32Array, dim: number): Float32Array {
  if (!Number.isInteger(dim) || dim <= 0) throw new Error(`dimension must be a positive integer, got ${dim}`);
  if (vectors.length % dim !== 0) throw new Error(`${vectors.length} values are not a whole number of rows of ${dim}`);
  const out = new Float32Array(vectors.length);
  for (let o = 0; o < vectors.length; o += dim) {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const v = vectors[o + d];
      if (!Number.isFinite(v)) throw new Error(`row ${o / dim} has a non-finite value (${v}) at dimension ${d}`);
      s += v * v;
    }
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < dim; d++) out[o + d] = vectors[o + d] * inv;
  }
  return out;
}
