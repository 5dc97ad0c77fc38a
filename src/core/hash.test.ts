import { describe, expect, it } from 'vitest';
import { fmix32, fnv1a32, hashUnit, murmur3 } from './hash';

describe('murmur3 (x86, 32-bit)', () => {
  it('matches published test vectors', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('', 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3('hello', 0)).toBe(0x248bfa47);
    expect(murmur3('Hello, world!', 1234)).toBe(0xfaf6cdb3);
    expect(murmur3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });
  it('hashes UTF-8 bytes', () => {
    // 'é' is two UTF-8 bytes, so it differs from the one-byte Latin-1 string
    expect(murmur3('é', 7)).not.toBe(murmur3('\u00e9'.normalize('NFD'), 7));
    expect(murmur3('é', 7)).toBe(murmur3('é', 7));
  });
});

describe('fnv1a32', () => {
  it('matches the standard FNV-1a with seed 0', () => {
    expect(fnv1a32('', 0)).toBe(0x811c9dc5);
    expect(fnv1a32('a', 0)).toBe(0xe40c292c);
    expect(fnv1a32('foobar', 0)).toBe(0xbf9cf968);
  });
  it('changes with the seed', () => {
    expect(fnv1a32('a', 1)).not.toBe(fnv1a32('a', 0));
  });
});

describe('hashUnit / fmix32', () => {
  it('maps to [0, 1) and is roughly uniform', () => {
    let below = 0;
    for (let i = 0; i < 10000; i++) {
      const u = hashUnit(`shopper-${i}`, 42);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      if (u < 0.1) below++;
    }
    expect(below).toBeGreaterThan(900);
    expect(below).toBeLessThan(1100);
  });
  it('fmix32 is unsigned', () => {
    expect(fmix32(-1)).toBeGreaterThanOrEqual(0);
    expect(fmix32(0)).toBe(0);
  });
});
