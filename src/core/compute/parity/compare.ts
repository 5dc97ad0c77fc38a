import type { CaseResult } from './run';

/** max |a - b| / max |b|: the error relative to the reference's scale (b is the reference). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= maxDiff)) maxDiff = d; // NaN-safe: a NaN difference wins
    const r = Math.abs(b[i]);
    if (r > maxRef) maxRef = r;
  }
  if (Number.isNaN(maxDiff)) return Number.POSITIVE_INFINITY;
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}

export interface ParityVerdict {
  name: string;
  /** The largest relative error over the value and all gradients. */
  maxRelError: number;
  /** Per output (0 = value, 1.. = gradient of float input k-1). */
  errors: number[];
  pass: boolean;
  error?: string;
}

export function compareResults(reference: CaseResult[], got: CaseResult[], tolerance = 1e-4): ParityVerdict[] {
  return reference.map((ref) => {
    const other = got.find((g) => g.name === ref.name);
    const error = ref.error ?? other?.error ?? (other ? undefined : 'missing result');
    if (error || !other) return { name: ref.name, maxRelError: Number.POSITIVE_INFINITY, errors: [], pass: false, error };
    if (other.outputs.length !== ref.outputs.length) {
      return { name: ref.name, maxRelError: Number.POSITIVE_INFINITY, errors: [], pass: false, error: 'output count differs' };
    }
    const errors = ref.outputs.map((r, k) => relativeError(other.outputs[k], r));
    const maxRelError = Math.max(0, ...errors);
    return { name: ref.name, maxRelError, errors, pass: maxRelError < tolerance };
  });
}
