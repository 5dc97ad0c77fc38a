/**
 * Edge weight per action kind. The weight of an (item, shopper) edge is the sum of the weights
 * of the shopper's events on the item. Cancels are excluded (weight 0) by default.
 */
import { ACTION_KINDS, type ActionKind } from '../data/types';

export type ActionWeights = Readonly<Record<ActionKind, number>>;

/** purchase > cart > click-through > click > view; cancels excluded. */
export const DEFAULT_ACTION_WEIGHTS: ActionWeights = Object.freeze({
  view: 0.1,
  click: 0.25,
  cart: 0.6,
  purchase: 1,
  zoom: 0.15,
  'click-through': 0.4,
  rating: 0.5,
  cancel: 0,
  other: 0.1,
});

/** Weights indexed by action code (ACTION_CODE); negative or non-finite weights are rejected. */
export function actionWeightTable(w: Partial<Record<ActionKind, number>> = {}): Float32Array {
  const t = new Float32Array(ACTION_KINDS.length);
  ACTION_KINDS.forEach((k, code) => {
    const v = w[k] ?? DEFAULT_ACTION_WEIGHTS[k];
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`action weight of "${k}" must be a finite number ≥ 0, got ${v}`);
    t[code] = v;
  });
  return t;
}
