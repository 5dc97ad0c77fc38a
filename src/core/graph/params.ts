/** Walk parameters: defaults, allowed ranges (they drive the UI controls) and validation. */
import type { WalkParams } from './types';

export const TOP_T_CHOICES = [10, 20, 50] as const;

/**
 * 200 × 40 steps per item (≈ 5,600 moves at α = 0.3): enough that the top 20 of Online Retail's
 * items are separated by visit counts rather than ties, and all 4,070 items take a few seconds.
 */
export const DEFAULT_WALK_PARAMS: Readonly<WalkParams> = Object.freeze({
  walks: 200,
  length: 40,
  alpha: 0.3,
  topT: 20,
  seed: 42,
});

export interface ParamRange {
  min: number;
  max: number;
  step: number;
}

export const WALK_PARAM_RANGES: Readonly<Record<'walks' | 'length' | 'alpha', ParamRange>> = Object.freeze({
  walks: { min: 1, max: 10_000, step: 1 },
  length: { min: 1, max: 1_000, step: 1 },
  alpha: { min: 0, max: 0.95, step: 0.05 },
});

/** Throws a RangeError naming the first bad parameter; returns the params otherwise. */
export function checkWalkParams(p: WalkParams): WalkParams {
  const intIn = (name: 'walks' | 'length', v: number): void => {
    const r = WALK_PARAM_RANGES[name];
    if (!Number.isInteger(v) || v < r.min || v > r.max) throw new RangeError(`${name} must be an integer in [${r.min}, ${r.max}], got ${v}`);
  };
  intIn('walks', p.walks);
  intIn('length', p.length);
  const a = WALK_PARAM_RANGES.alpha;
  if (!(p.alpha >= a.min && p.alpha <= a.max)) throw new RangeError(`alpha must be in [${a.min}, ${a.max}], got ${p.alpha}`);
  if (!Number.isInteger(p.topT) || p.topT < 1 || p.topT > 1000) throw new RangeError(`topT must be an integer in [1, 1000], got ${p.topT}`);
  if (!Number.isFinite(p.seed)) throw new RangeError(`seed must be a finite number, got ${p.seed}`);
  return p;
}
