/**
 * Short decimal text that reads back as the same float32: 8 significant digits when they suffice,
 * else 9 (which always does). At most two formatting attempts per value, so text exports stay
 * fast; trailing zeros go (0.5 → "0.5"). A reader that parses them into float32 gets the exact bits.
 */
export function f32Text(value: number): string {
  // a float64 input (e.g. a feed score summed in doubles) is the float32 it rounds to, as Float32Array / Parquet FLOAT store it
  const x = Math.fround(value);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const y = Number(x.toPrecision(8));
  if (Math.fround(y) === x) return String(y);
  return String(Number(x.toPrecision(9)));
}

/** Row `i` of a row-major N × dim matrix as a JSON array literal of float32 texts (f32Text) (NaN / ±inf become null). */
export function f32RowJson(values: Float32Array, i: number, dim: number): string {
  const parts = new Array<string>(dim);
  for (let j = 0; j < dim; j++) {
    const x = values[i * dim + j];
    parts[j] = Number.isFinite(x) ? f32Text(x) : 'null';
  }
  return `[${parts.join(',')}]`;
}
