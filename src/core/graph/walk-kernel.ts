/**
 * The walk hot loops. Every step draws one sfc32 word for the restart test (restart when it falls
 * below α·2^32) and, when moving, a second word whose high 16 bits pick the shopper and low 16
 * bits the next item (guide.ts `sampleEntry`, inlined by hand in `walkFour`: V8 does not inline
 * eight calls of it). `walkFour` advances four walks in lockstep so the
 * CPU overlaps their independent chains of cache misses (offsets → guide → cum → target, twice
 * per step); `walkOne` runs the N mod 4 walks left over. Both continue the RNG stream and the
 * counters kept in `state` ([a, b, c, d, touched, steps, restarts]), so an item's result depends
 * only on (graph, params, seed, item).
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
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let nt = st[4];
  let steps = st[5];
  let restarts = st[6];
  let t = 0;
  let sh = 0;
  let lo = 0;
  let hi = 0;
  let u = 0;
  let x = 0;
  let m = 0;
  for (let w = 0; w < groups; w++) {
    let c0 = q;
    let c1 = q;
    let c2 = q;
    let c3 = q;
    for (let s = 0; s < L; s++) {
      // walker 0
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      if (t >>> 0 < thr) {
        c0 = q;
        restarts++;
      } else {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        lo = iOff[c0]; hi = iOff[c0 + 1]; u = t >>> 16; x = (u * CUM_SCALE) >>> 16; m = (hi >>> iShift) - (lo >>> iShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(iCum, x, lo, hi);
        else for (lo += iGuide[(lo >>> iShift) + ((u * m) >>> 16)]; iCum[lo] <= x; ) lo++;
        sh = iTo[lo];
        if (count) shopperVisits[sh]++;
        lo = sOff[sh]; hi = sOff[sh + 1]; u = t & 0xffff; x = (u * CUM_SCALE) >>> 16; m = (hi >>> sShift) - (lo >>> sShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(sCum, x, lo, hi);
        else for (lo += sGuide[(lo >>> sShift) + ((u * m) >>> 16)]; sCum[lo] <= x; ) lo++;
        c0 = sTo[lo];
        steps++;
        if (c0 !== q && visits[c0]++ === 0) touched[nt++] = c0;
      }
      // walker 1
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      if (t >>> 0 < thr) {
        c1 = q;
        restarts++;
      } else {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        lo = iOff[c1]; hi = iOff[c1 + 1]; u = t >>> 16; x = (u * CUM_SCALE) >>> 16; m = (hi >>> iShift) - (lo >>> iShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(iCum, x, lo, hi);
        else for (lo += iGuide[(lo >>> iShift) + ((u * m) >>> 16)]; iCum[lo] <= x; ) lo++;
        sh = iTo[lo];
        if (count) shopperVisits[sh]++;
        lo = sOff[sh]; hi = sOff[sh + 1]; u = t & 0xffff; x = (u * CUM_SCALE) >>> 16; m = (hi >>> sShift) - (lo >>> sShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(sCum, x, lo, hi);
        else for (lo += sGuide[(lo >>> sShift) + ((u * m) >>> 16)]; sCum[lo] <= x; ) lo++;
        c1 = sTo[lo];
        steps++;
        if (c1 !== q && visits[c1]++ === 0) touched[nt++] = c1;
      }
      // walker 2
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      if (t >>> 0 < thr) {
        c2 = q;
        restarts++;
      } else {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        lo = iOff[c2]; hi = iOff[c2 + 1]; u = t >>> 16; x = (u * CUM_SCALE) >>> 16; m = (hi >>> iShift) - (lo >>> iShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(iCum, x, lo, hi);
        else for (lo += iGuide[(lo >>> iShift) + ((u * m) >>> 16)]; iCum[lo] <= x; ) lo++;
        sh = iTo[lo];
        if (count) shopperVisits[sh]++;
        lo = sOff[sh]; hi = sOff[sh + 1]; u = t & 0xffff; x = (u * CUM_SCALE) >>> 16; m = (hi >>> sShift) - (lo >>> sShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(sCum, x, lo, hi);
        else for (lo += sGuide[(lo >>> sShift) + ((u * m) >>> 16)]; sCum[lo] <= x; ) lo++;
        c2 = sTo[lo];
        steps++;
        if (c2 !== q && visits[c2]++ === 0) touched[nt++] = c2;
      }
      // walker 3
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      if (t >>> 0 < thr) {
        c3 = q;
        restarts++;
      } else {
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        lo = iOff[c3]; hi = iOff[c3 + 1]; u = t >>> 16; x = (u * CUM_SCALE) >>> 16; m = (hi >>> iShift) - (lo >>> iShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(iCum, x, lo, hi);
        else for (lo += iGuide[(lo >>> iShift) + ((u * m) >>> 16)]; iCum[lo] <= x; ) lo++;
        sh = iTo[lo];
        if (count) shopperVisits[sh]++;
        lo = sOff[sh]; hi = sOff[sh + 1]; u = t & 0xffff; x = (u * CUM_SCALE) >>> 16; m = (hi >>> sShift) - (lo >>> sShift); // prettier-ignore
        if (m === 0 || hi - lo > 65536) lo = searchRow(sCum, x, lo, hi);
        else for (lo += sGuide[(lo >>> sShift) + ((u * m) >>> 16)]; sCum[lo] <= x; ) lo++;
        c3 = sTo[lo];
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
