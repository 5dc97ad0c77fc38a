/**
 * The walk hot loops. Every step draws one sfc32 word for the restart test (restart when it falls
 * below α·2^32) and, when moving, a second word whose high 16 bits pick the shopper and low 16
 * bits the next item (guide.ts `sampleEntry`, inlined by hand in `walkFour`: V8 does not inline
 * eight calls of it). An entry is one packed Uint32 (entry.ts), so probing an entry reads the
 * cumulative weight and the target id in one load. `walkFour` advances four walks in lockstep so
 * the CPU overlaps their independent chains of cache misses (offsets → guide → entry, twice per
 * step), stage by stage: the four walks' offsets are loaded, then their guide buckets, then their
 * scans, so the loads of one stage are in flight together. `walkOne` runs the N mod 4 walks
 * left over. Both continue the RNG stream and the counters kept in `state` ([a, b, c, d,
 * touched, steps, restarts]), so an item's result depends only on (graph, params, seed, item).
 */
import { idMask, itemSide, searchRow, shopperSide } from './entry';
import { MAX_GUIDED_ROW, MAX_SCANNED_ROW, sampleEntry } from './guide';
import type { BipartiteGraph } from './types';

/** The per-walk arrays the kernels need. */
export interface WalkMemory {
  /** Visit count per item. */
  visits: Uint32Array;
  /** Items with visits > 0, in first-visit order (`state[4]` of them). */
  touched: Uint32Array;
  /** sfc32 words a, b, c, d, then touched, steps, restarts. */
  state: Int32Array;
}

/** `groups` × 4 walks of `L` steps from q, in lockstep. */
export function walkFour(g: BipartiteGraph, q: number, L: number, thr: number, groups: number, mem: WalkMemory, shopperVisits?: Uint32Array): void {
  const iOff = g.itemOffsets;
  const iE = g.itemEntries;
  const iB = g.itemIdBits;
  const iMask = ((1 << g.itemIdBits) - 1) | 0;
  const iDrop = 16 - g.itemWeightBits;
  const iGuide = g.itemGuide;
  const iShift = g.itemGuideShift;
  const sOff = g.shopperOffsets;
  const sE = g.shopperEntries;
  const sB = g.shopperIdBits;
  const sMask = ((1 << g.shopperIdBits) - 1) | 0;
  const sDrop = 16 - g.shopperWeightBits;
  const sGuide = g.shopperGuide;
  const sShift = g.shopperGuideShift;
  const visits = mem.visits;
  const touched = mem.touched;
  const st = mem.state;
  const count = shopperVisits !== undefined;
  // local copies: module bindings can be property loads where modules are not bundled (vitest)
  const maxRow = MAX_GUIDED_ROW;
  const maxScan = MAX_SCANNED_ROW;
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let nt = st[4];
  let steps = st[5];
  let restarts = st[6];
  let t = 0;
  let t0 = 0, sh0 = 0, lo0 = 0, hi0 = 0, u0 = 0, k0 = 0, n0 = 0, m0 = 0, e0 = 0; // prettier-ignore
  let mv0 = false;
  let t1 = 0, sh1 = 0, lo1 = 0, hi1 = 0, u1 = 0, k1 = 0, n1 = 0, m1 = 0, e1 = 0; // prettier-ignore
  let mv1 = false;
  let t2 = 0, sh2 = 0, lo2 = 0, hi2 = 0, u2 = 0, k2 = 0, n2 = 0, m2 = 0, e2 = 0; // prettier-ignore
  let mv2 = false;
  let t3 = 0, sh3 = 0, lo3 = 0, hi3 = 0, u3 = 0, k3 = 0, n3 = 0, m3 = 0, e3 = 0; // prettier-ignore
  let mv3 = false;
  for (let w = 0; w < groups; w++) {
    let c0 = q;
    let c1 = q;
    let c2 = q;
    let c3 = q;
    for (let s = 0; s < L; s++) {
      // restart tests, then the move draws (one 32-bit word each)
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      mv0 = t >>> 0 >= thr;
      if (mv0) {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        t0 = t;
      } else {
        c0 = q;
        restarts++;
      }
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      mv1 = t >>> 0 >= thr;
      if (mv1) {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        t1 = t;
      } else {
        c1 = q;
        restarts++;
      }
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      mv2 = t >>> 0 >= thr;
      if (mv2) {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        t2 = t;
      } else {
        c2 = q;
        restarts++;
      }
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      mv3 = t >>> 0 >= thr;
      if (mv3) {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        t3 = t;
      } else {
        c3 = q;
        restarts++;
      }
      // item → shopper: offsets, guide buckets, then the scans, four walks per stage
      if (mv0) { lo0 = iOff[c0]; hi0 = iOff[c0 + 1]; } // prettier-ignore
      if (mv1) { lo1 = iOff[c1]; hi1 = iOff[c1 + 1]; } // prettier-ignore
      if (mv2) { lo2 = iOff[c2]; hi2 = iOff[c2 + 1]; } // prettier-ignore
      if (mv3) { lo3 = iOff[c3]; hi3 = iOff[c3 + 1]; } // prettier-ignore
      if (mv0) {
        u0 = t0 >>> 16;
        k0 = (u0 >>> iDrop) << iB;
        n0 = hi0 - lo0;
        m0 = n0 <= maxRow ? (hi0 >>> iShift) - (lo0 >>> iShift) : 0;
        if (m0 > 0) lo0 += iGuide[(lo0 >>> iShift) + ((u0 * m0) >>> 16)];
        else if (n0 > maxScan) lo0 = searchRow(iE, k0, lo0, hi0);
      }
      if (mv1) {
        u1 = t1 >>> 16;
        k1 = (u1 >>> iDrop) << iB;
        n1 = hi1 - lo1;
        m1 = n1 <= maxRow ? (hi1 >>> iShift) - (lo1 >>> iShift) : 0;
        if (m1 > 0) lo1 += iGuide[(lo1 >>> iShift) + ((u1 * m1) >>> 16)];
        else if (n1 > maxScan) lo1 = searchRow(iE, k1, lo1, hi1);
      }
      if (mv2) {
        u2 = t2 >>> 16;
        k2 = (u2 >>> iDrop) << iB;
        n2 = hi2 - lo2;
        m2 = n2 <= maxRow ? (hi2 >>> iShift) - (lo2 >>> iShift) : 0;
        if (m2 > 0) lo2 += iGuide[(lo2 >>> iShift) + ((u2 * m2) >>> 16)];
        else if (n2 > maxScan) lo2 = searchRow(iE, k2, lo2, hi2);
      }
      if (mv3) {
        u3 = t3 >>> 16;
        k3 = (u3 >>> iDrop) << iB;
        n3 = hi3 - lo3;
        m3 = n3 <= maxRow ? (hi3 >>> iShift) - (lo3 >>> iShift) : 0;
        if (m3 > 0) lo3 += iGuide[(lo3 >>> iShift) + ((u3 * m3) >>> 16)];
        else if (n3 > maxScan) lo3 = searchRow(iE, k3, lo3, hi3);
      }
      if (mv0) {
        e0 = iE[lo0] | 0;
        while (e0 < k0) e0 = iE[++lo0] | 0;
        sh0 = e0 & iMask;
        if (count) shopperVisits[sh0]++;
      }
      if (mv1) {
        e1 = iE[lo1] | 0;
        while (e1 < k1) e1 = iE[++lo1] | 0;
        sh1 = e1 & iMask;
        if (count) shopperVisits[sh1]++;
      }
      if (mv2) {
        e2 = iE[lo2] | 0;
        while (e2 < k2) e2 = iE[++lo2] | 0;
        sh2 = e2 & iMask;
        if (count) shopperVisits[sh2]++;
      }
      if (mv3) {
        e3 = iE[lo3] | 0;
        while (e3 < k3) e3 = iE[++lo3] | 0;
        sh3 = e3 & iMask;
        if (count) shopperVisits[sh3]++;
      }
      // shopper → item: offsets, guide buckets, then the scans, four walks per stage
      if (mv0) { lo0 = sOff[sh0]; hi0 = sOff[sh0 + 1]; } // prettier-ignore
      if (mv1) { lo1 = sOff[sh1]; hi1 = sOff[sh1 + 1]; } // prettier-ignore
      if (mv2) { lo2 = sOff[sh2]; hi2 = sOff[sh2 + 1]; } // prettier-ignore
      if (mv3) { lo3 = sOff[sh3]; hi3 = sOff[sh3 + 1]; } // prettier-ignore
      if (mv0) {
        u0 = t0 & 0xffff;
        k0 = (u0 >>> sDrop) << sB;
        n0 = hi0 - lo0;
        m0 = n0 <= maxRow ? (hi0 >>> sShift) - (lo0 >>> sShift) : 0;
        if (m0 > 0) lo0 += sGuide[(lo0 >>> sShift) + ((u0 * m0) >>> 16)];
        else if (n0 > maxScan) lo0 = searchRow(sE, k0, lo0, hi0);
      }
      if (mv1) {
        u1 = t1 & 0xffff;
        k1 = (u1 >>> sDrop) << sB;
        n1 = hi1 - lo1;
        m1 = n1 <= maxRow ? (hi1 >>> sShift) - (lo1 >>> sShift) : 0;
        if (m1 > 0) lo1 += sGuide[(lo1 >>> sShift) + ((u1 * m1) >>> 16)];
        else if (n1 > maxScan) lo1 = searchRow(sE, k1, lo1, hi1);
      }
      if (mv2) {
        u2 = t2 & 0xffff;
        k2 = (u2 >>> sDrop) << sB;
        n2 = hi2 - lo2;
        m2 = n2 <= maxRow ? (hi2 >>> sShift) - (lo2 >>> sShift) : 0;
        if (m2 > 0) lo2 += sGuide[(lo2 >>> sShift) + ((u2 * m2) >>> 16)];
        else if (n2 > maxScan) lo2 = searchRow(sE, k2, lo2, hi2);
      }
      if (mv3) {
        u3 = t3 & 0xffff;
        k3 = (u3 >>> sDrop) << sB;
        n3 = hi3 - lo3;
        m3 = n3 <= maxRow ? (hi3 >>> sShift) - (lo3 >>> sShift) : 0;
        if (m3 > 0) lo3 += sGuide[(lo3 >>> sShift) + ((u3 * m3) >>> 16)];
        else if (n3 > maxScan) lo3 = searchRow(sE, k3, lo3, hi3);
      }
      if (mv0) {
        e0 = sE[lo0] | 0;
        while (e0 < k0) e0 = sE[++lo0] | 0;
        c0 = e0 & sMask;
      }
      if (mv1) {
        e1 = sE[lo1] | 0;
        while (e1 < k1) e1 = sE[++lo1] | 0;
        c1 = e1 & sMask;
      }
      if (mv2) {
        e2 = sE[lo2] | 0;
        while (e2 < k2) e2 = sE[++lo2] | 0;
        c2 = e2 & sMask;
      }
      if (mv3) {
        e3 = sE[lo3] | 0;
        while (e3 < k3) e3 = sE[++lo3] | 0;
        c3 = e3 & sMask;
      }
      // visits
      if (mv0) {
        steps++;
        if (c0 !== q && visits[c0]++ === 0) touched[nt++] = c0;
      }
      if (mv1) {
        steps++;
        if (c1 !== q && visits[c1]++ === 0) touched[nt++] = c1;
      }
      if (mv2) {
        steps++;
        if (c2 !== q && visits[c2]++ === 0) touched[nt++] = c2;
      }
      if (mv3) {
        steps++;
        if (c3 !== q && visits[c3]++ === 0) touched[nt++] = c3;
      }
    }
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  st[4] = nt;
  st[5] = steps;
  st[6] = restarts;
}

/** `walks` walks of `L` steps from q, one after the other. */
export function walkOne(g: BipartiteGraph, q: number, L: number, thr: number, walks: number, mem: WalkMemory, shopperVisits?: Uint32Array): void {
  const items = itemSide(g);
  const shoppers = shopperSide(g);
  const iOff = g.itemOffsets;
  const sOff = g.shopperOffsets;
  const iMask = idMask(g.itemIdBits);
  const sMask = idMask(g.shopperIdBits);
  const visits = mem.visits;
  const touched = mem.touched;
  const st = mem.state;
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let nt = st[4];
  let steps = st[5];
  let restarts = st[6];
  for (let w = 0; w < walks; w++) {
    let cur = q;
    for (let s = 0; s < L; s++) {
      let t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      if (t >>> 0 < thr) {
        cur = q;
        restarts++;
        continue;
      }
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      const sh = g.itemEntries[sampleEntry(items, iOff[cur], iOff[cur + 1], t >>> 16)] & iMask;
      if (shopperVisits !== undefined) shopperVisits[sh]++;
      cur = g.shopperEntries[sampleEntry(shoppers, sOff[sh], sOff[sh + 1], t & 0xffff)] & sMask;
      steps++;
      if (cur !== q && visits[cur]++ === 0) touched[nt++] = cur;
    }
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  st[4] = nt;
  st[5] = steps;
  st[6] = restarts;
}
