/**
 * Shortest decimal text that reads back as the same float32 (6–9 significant digits). Used for
 * float32 values in text formats (TSV, JSON lines, bulk NDJSON) so that files stay small and a
 * reader that parses them into float32 gets the exact bits back.
 */
export function f32Text(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  for (let p = 6; p < 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return String(y);
  }
  return String(Number(x.toPrecision(9)));
}

/** Row `i` of a row-major N × dim matrix as a JSON array literal of shortest float32 texts (NaN / ±inf become null). */
export function f32RowJson(values: Float32Array, i: number, dim: number): string {
  const parts = new Array<string>(dim);
  for (let j = 0; j < dim; j++) {
    const x = values[i * dim + j];
    parts[j] = Number.isFinite(x) ? f32Text(x) : 'null';
  }
  return `[${parts.join(',')}]`;
}
