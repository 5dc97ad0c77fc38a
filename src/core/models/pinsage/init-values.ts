/** Seeded initial values (Glorot uniform for matrices, small normals for embeddings). */
import { Rng } from '../../rng';

export function glorot(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < out.length; k++) out[k] = rng.uniform(-lim, lim);
  return out;
}

export function normals(rng: Rng, n: number, sd: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = rng.normal() * sd;
  return out;
}
