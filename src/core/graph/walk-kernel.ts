/**
 * The walk hot loops. Every step draws one sfc32 word for the restart test (restart when it falls
 * below α·2^32) and, when moving, a second word whose high 16 bits pick the shopper and low 16
 * bits the next item (guide.ts `sampleEntry`, inlined by hand in `walkFour`: V8 does not inline
 * eight calls of it). `walkFour` advances four walks in lockstep so the CPU overlaps their
 * independent chains of cache misses (offsets → guide → cum → target, twice per step), stage by
 * stage: the four walks' offsets are loaded, then their guide buckets, then their scans, so the
 * loads of one stage are in flight together. `walkOne` runs the N mod 4 walks left over. Both
 * continue the RNG stream and the counters kept in `state` ([a, b, c, d, touched, steps,
 * restarts]), so an item's result depends only on (graph, params, seed, item).
 */
import { sampleEntry } from './guide';
import { searchRow } from './quantise';
import { CUM_SCALE, type BipartiteGraph } from './types';

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
  const iTo = g.itemShoppers;
  const iCum = g.itemCum;
  const iGuide = g.itemGuide;
  const iShift = g.itemGuideShift;
  const sOff = g.shopperOffsets;
  const sTo = g.shopperItems;
  const sCum = g.shopperCum;
  const sGuide = g.shopperGuide;
  const sShift = g.shopperGuideShift;
  const visits = mem.visits;
  const touched = mem.touched;
  const st = mem.state;
  const count = shopperVisits !== undefined;
  // a local copy: module bindings can be property loads where modules are not bundled (vitest)
  const scale = CUM_SCALE;
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let nt = st[4];
  let steps = st[5];
  let restarts = st[6];
  let t = 0;
  let t0 = 0, sh0 = 0, lo0 = 0, hi0 = 0, u0 = 0, x0 = 0, m0 = 0; // prettier-ignore
  let mv0 = false;
  let t1 = 0, sh1 = 0, lo1 = 0, hi1 = 0, u1 = 0, x1 = 0, m1 = 0; // prettier-ignore
  let mv1 = false;
  let t2 = 0, sh2 = 0, lo2 = 0, hi2 = 0, u2 = 0, x2 = 0, m2 = 0; // prettier-ignore
  let mv2 = false;
  let t3 = 0, sh3 = 0, lo3 = 0, hi3 = 0, u3 = 0, x3 = 0, m3 = 0; // prettier-ignore
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
        x0 = (u0 * scale) >>> 16;
        m0 = hi0 - lo0 <= 65536 ? (hi0 >>> iShift) - (lo0 >>> iShift) : 0;
        if (m0 > 0) lo0 += iGuide[(lo0 >>> iShift) + ((u0 * m0) >>> 16)];
      }
      if (mv1) {
        u1 = t1 >>> 16;
        x1 = (u1 * scale) >>> 16;
        m1 = hi1 - lo1 <= 65536 ? (hi1 >>> iShift) - (lo1 >>> iShift) : 0;
        if (m1 > 0) lo1 += iGuide[(lo1 >>> iShift) + ((u1 * m1) >>> 16)];
      }
      if (mv2) {
        u2 = t2 >>> 16;
        x2 = (u2 * scale) >>> 16;
        m2 = hi2 - lo2 <= 65536 ? (hi2 >>> iShift) - (lo2 >>> iShift) : 0;
        if (m2 > 0) lo2 += iGuide[(lo2 >>> iShift) + ((u2 * m2) >>> 16)];
      }
      if (mv3) {
        u3 = t3 >>> 16;
        x3 = (u3 * scale) >>> 16;
        m3 = hi3 - lo3 <= 65536 ? (hi3 >>> iShift) - (lo3 >>> iShift) : 0;
        if (m3 > 0) lo3 += iGuide[(lo3 >>> iShift) + ((u3 * m3) >>> 16)];
      }
      if (mv0) {
        if (m0 > 0) while (iCum[lo0] <= x0) lo0++;
        else lo0 = searchRow(iCum, x0, lo0, hi0);
        sh0 = iTo[lo0];
        if (count) shopperVisits[sh0]++;
      }
      if (mv1) {
        if (m1 > 0) while (iCum[lo1] <= x1) lo1++;
        else lo1 = searchRow(iCum, x1, lo1, hi1);
        sh1 = iTo[lo1];
        if (count) shopperVisits[sh1]++;
      }
      if (mv2) {
        if (m2 > 0) while (iCum[lo2] <= x2) lo2++;
        else lo2 = searchRow(iCum, x2, lo2, hi2);
        sh2 = iTo[lo2];
        if (count) shopperVisits[sh2]++;
      }
      if (mv3) {
        if (m3 > 0) while (iCum[lo3] <= x3) lo3++;
        else lo3 = searchRow(iCum, x3, lo3, hi3);
        sh3 = iTo[lo3];
        if (count) shopperVisits[sh3]++;
      }
      // shopper → item: offsets, guide buckets, then the scans, four walks per stage
      if (mv0) { lo0 = sOff[sh0]; hi0 = sOff[sh0 + 1]; } // prettier-ignore
      if (mv1) { lo1 = sOff[sh1]; hi1 = sOff[sh1 + 1]; } // prettier-ignore
      if (mv2) { lo2 = sOff[sh2]; hi2 = sOff[sh2 + 1]; } // prettier-ignore
      if (mv3) { lo3 = sOff[sh3]; hi3 = sOff[sh3 + 1]; } // prettier-ignore
      if (mv0) {
        u0 = t0 & 0xffff;
        x0 = (u0 * scale) >>> 16;
        m0 = hi0 - lo0 <= 65536 ? (hi0 >>> sShift) - (lo0 >>> sShift) : 0;
        if (m0 > 0) lo0 += sGuide[(lo0 >>> sShift) + ((u0 * m0) >>> 16)];
      }
      if (mv1) {
        u1 = t1 & 0xffff;
        x1 = (u1 * scale) >>> 16;
        m1 = hi1 - lo1 <= 65536 ? (hi1 >>> sShift) - (lo1 >>> sShift) : 0;
        if (m1 > 0) lo1 += sGuide[(lo1 >>> sShift) + ((u1 * m1) >>> 16)];
      }
      if (mv2) {
        u2 = t2 & 0xffff;
        x2 = (u2 * scale) >>> 16;
        m2 = hi2 - lo2 <= 65536 ? (hi2 >>> sShift) - (lo2 >>> sShift) : 0;
        if (m2 > 0) lo2 += sGuide[(lo2 >>> sShift) + ((u2 * m2) >>> 16)];
      }
      if (mv3) {
        u3 = t3 & 0xffff;
        x3 = (u3 * scale) >>> 16;
        m3 = hi3 - lo3 <= 65536 ? (hi3 >>> sShift) - (lo3 >>> sShift) : 0;
        if (m3 > 0) lo3 += sGuide[(lo3 >>> sShift) + ((u3 * m3) >>> 16)];
      }
      if (mv0) {
        if (m0 > 0) while (sCum[lo0] <= x0) lo0++;
        else lo0 = searchRow(sCum, x0, lo0, hi0);
        c0 = sTo[lo0];
      }
      if (mv1) {
        if (m1 > 0) while (sCum[lo1] <= x1) lo1++;
        else lo1 = searchRow(sCum, x1, lo1, hi1);
        c1 = sTo[lo1];
      }
      if (mv2) {
        if (m2 > 0) while (sCum[lo2] <= x2) lo2++;
        else lo2 = searchRow(sCum, x2, lo2, hi2);
        c2 = sTo[lo2];
      }
      if (mv3) {
        if (m3 > 0) while (sCum[lo3] <= x3) lo3++;
        else lo3 = searchRow(sCum, x3, lo3, hi3);
        c3 = sTo[lo3];
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
  const iOff = g.itemOffsets;
  const iTo = g.itemShoppers;
  const sOff = g.shopperOffsets;
  const sTo = g.shopperItems;
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
      const sh = iTo[sampleEntry(g.itemCum, g.itemGuide, g.itemGuideShift, iOff[cur], iOff[cur + 1], t >>> 16)];
      if (shopperVisits !== undefined) shopperVisits[sh]++;
      cur = sTo[sampleEntry(g.shopperCum, g.shopperGuide, g.shopperGuideShift, sOff[sh], sOff[sh + 1], t & 0xffff)];
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
