import { describe, expect, it } from 'vitest';
import { concatContentShare, pinSageRoleEmbeddings } from './p4-diagnose-pinsage';

describe('P4 diagnosis PinSage helpers', () => {
  it('pinSageRoleEmbeddings: unit rows, the same matrix in every role, zero rows stay zero', () => {
    const e = pinSageRoleEmbeddings({ values: Float32Array.from([3, 4, 0, 0, 0, 2]), dim: 2 }, 3);
    expect(e.dim).toBe(2);
    expect(e.items).toBe(3);
    expect(Array.from(e.buyQuery)).toEqual([0.6, 0.8, 0, 0, 0, 1].map((x) => Math.fround(x)));
    expect(e.viewQuery).toBe(e.buyQuery);
    expect(e.target).toBe(e.buyQuery);
    expect(() => pinSageRoleEmbeddings({ values: new Float32Array(5), dim: 2 }, 3)).toThrow(/expected 3 items × 2/);
  });

  it('concatContentShare: the mean squared norm of the SIMO columns of [√a · simo | √(1 − a) · pinsage]', () => {
    const a = 0.3;
    // two items, SIMO part 2 wide (unit), PinSage part 1 wide (unit)
    const rows = [
      [Math.sqrt(a) * 1, 0, Math.sqrt(1 - a)],
      [0, Math.sqrt(a) * -1, -Math.sqrt(1 - a)],
    ];
    expect(concatContentShare(Float32Array.from(rows.flat()), 3, 2, 1)).toBeCloseTo(a, 6);
    expect(concatContentShare(new Float32Array(0), 3, 0, 1)).toBe(0);
  });
});
