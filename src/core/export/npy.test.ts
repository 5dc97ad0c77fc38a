import { describe, expect, it } from 'vitest';
import { parseNpyHeader, readNpyFloat32, writeNpyFloat32 } from './npy';
import { itemSet, smallWorld } from './test-fixture';

describe('.npy v1.0', () => {
  it('writes a header numpy parses (magic, version, 64-byte aligned dict, shape) and round-trips the values bit-exactly', () => {
    const e = itemSet(smallWorld(), 24);
    const bytes = writeNpyFloat32(e.vectors, [e.ids.length, e.dim]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const h = parseNpyHeader(bytes);
    expect(h).toMatchObject({ major: 1, minor: 0, descr: '<f4', fortranOrder: false, shape: [e.ids.length, 24] });
    expect(h.dataOffset % 64).toBe(0);
    const headerText = new TextDecoder().decode(bytes.subarray(10, h.dataOffset));
    expect(headerText.endsWith('\n')).toBe(true);
    expect(headerText).toContain(`'shape': (${e.ids.length}, 24)`);
    expect(bytes.length).toBe(h.dataOffset + e.vectors.length * 4);
    const back = readNpyFloat32(bytes);
    expect(back.shape).toEqual([e.ids.length, 24]);
    expect(Buffer.from(back.values.buffer).equals(Buffer.from(e.vectors.buffer))).toBe(true);
  });

  it('writes 1-D shapes with the trailing comma and empty arrays', () => {
    expect(new TextDecoder().decode(writeNpyFloat32(Float32Array.of(1, -2, 3), [3]))).toContain("'shape': (3,)");
    const empty = writeNpyFloat32(new Float32Array(0), [0, 8]);
    expect(parseNpyHeader(empty).shape).toEqual([0, 8]);
    expect(readNpyFloat32(empty).values.length).toBe(0);
  });

  it('rejects a shape that does not match the values, and files that are not .npy or truncated', () => {
    expect(() => writeNpyFloat32(new Float32Array(5), [2, 3])).toThrow(/holds 6 values but 5/);
    expect(() => parseNpyHeader(new TextEncoder().encode('PAR1 not numpy'))).toThrow(/not a \.npy file/);
    const ok = writeNpyFloat32(new Float32Array(12), [3, 4]);
    expect(() => readNpyFloat32(ok.subarray(0, ok.length - 4))).toThrow(/truncated/);
  });
});
