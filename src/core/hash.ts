/**
 * Small stable string hashes (no dependencies, identical in every JS engine and reproducible
 * outside the project). Strings are hashed as their UTF-8 bytes, so the values match
 * Python's `mmh3.hash(s, seed, signed=False)` and any textbook FNV-1a over UTF-8.
 */

/** UTF-8 bytes of `s` (lone surrogates become U+FFFD, as TextEncoder does). */
const encoder = new TextEncoder();

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `s` with `seed` (unsigned 32-bit result).
 * Test vectors: ('', 0) → 0, ('', 1) → 0x514e28b7, ('hello', 0) → 0x248bfa47.
 */
export function murmur3(s: string, seed = 0): number {
  const data = utf8Bytes(s);
  const n = data.length;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const nBlocks = n >>> 2;
  for (let b = 0; b < nBlocks; b++) {
    const i = b << 2;
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = nBlocks << 2;
  const rem = n & 3;
  if (rem > 0) {
    let k = 0;
    if (rem === 3) k ^= data[tail + 2] << 16;
    if (rem >= 2) k ^= data[tail + 1] << 8;
    k ^= data[tail];
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= n;
  return fmix32(h);
}

/** MurmurHash3's 32-bit finaliser: a cheap bijective mixer of one 32-bit integer. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * FNV-1a 32-bit of the UTF-8 bytes of `s`. With `seed` ≠ 0 the offset basis is XOR-ed with
 * the seed (seed 0 gives the standard FNV-1a: ('', 0) → 0x811c9dc5, ('a', 0) → 0xe40c292c).
 */
export function fnv1a32(s: string, seed = 0): number {
  const data = utf8Bytes(s);
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < data.length; i++) {
    h ^= data[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A hash of `s` with `seed` mapped to [0, 1) (murmur3 / 2^32): for stable sampling by id. */
export function hashUnit(s: string, seed = 0): number {
  return murmur3(s, seed) / 4294967296;
}
