/**
 * The walk hot loop. Up to LANES of an item's walks ("lanes") advance together, one move per lane
 * per round, stage by stage over the lanes (restarts and draws; row bounds; guide bucket indices;
 * guide buckets; first probes; scans; the same for the shopper rows; visits), each stage a short
 * loop over the lane state in `WalkMemory.lanes`, so the lanes' loads of one stage are in flight
 * together and no branch on a loaded value sits between two lanes' loads. A round starts with the
 * number R of restarts before the lane's next move (P(R ≥ j) = α^j: the first three from one draw,
 * branch-free); a lane whose walk has used its L steps takes the item's next walk. The first two
 * scan steps after the guide and the visit counting are branch-free arithmetic. The RNG stream
 * and the counters are kept in `state` ([a, b, c, d, touched, steps, restarts]) and the lanes use
 * the stream in a fixed order, so an item's result depends only on (graph, params, seed, item).
 */
import { searchRow } from './entry';
import { MAX_GUIDED_ROW, MAX_SCANNED_ROW } from './guide';
import type { BipartiteGraph } from './types';

/** Walks advanced together. */
export const LANES = 32;

/** The per-walk arrays the kernel needs. */
export interface WalkMemory {
  /** Visit count per item. */
  visits: Uint32Array;
  /** Items with visits > 0, in first-visit order (`state[4]` of them). */
  touched: Uint32Array;
  /** sfc32 words a, b, c, d, then touched, steps, restarts. */
  state: Int32Array;
  /** Lane state: 6 × LANES int32 (current node, steps left, move draw, row start / probe index, row end / key, probed entry / guide index). */
  lanes: Int32Array;
}

export function laneMemory(): Int32Array {
  return new Int32Array(6 * LANES);
}

/**
 * `walks` walks of `L` steps from q. `thr31` = ⌊α·2^31⌋ (a step restarts when its draw's high 31
 * bits are below it).
 */
export function walkLanes(g: BipartiteGraph, q0: number, L0: number, thr0: number, walks0: number, mem: WalkMemory, shopperVisits?: Uint32Array): void {
  // int32 locals (asm.js style): untyped parameters would keep loop variables boxed
  const q = q0 | 0;
  const L = L0 | 0;
  const thr31 = thr0 | 0;
  const walks = walks0 | 0;
  const iOff = g.itemOffsets;
  const iE = g.itemEntries;
  const iB = g.itemIdBits | 0;
  const iMask = ((1 << g.itemIdBits) - 1) | 0;
  const iDrop = (16 - g.itemWeightBits) | 0;
  const iGuide = g.itemGuide;
  const iShift = g.itemGuideShift | 0;
  const sOff = g.shopperOffsets;
  const sE = g.shopperEntries;
  const sB = g.shopperIdBits | 0;
  const sMask = ((1 << g.shopperIdBits) - 1) | 0;
  const sDrop = (16 - g.shopperWeightBits) | 0;
  const sGuide = g.shopperGuide;
  const sShift = g.shopperGuideShift | 0;
  const visits = mem.visits;
  const touched = mem.touched;
  const st = mem.state;
  const ln = mem.lanes;
  const count = shopperVisits !== undefined;
  // local copies: module bindings can be property loads where modules are not bundled (vitest)
  const maxRow = MAX_GUIDED_ROW | 0;
  const maxScan = MAX_SCANNED_ROW | 0;
  // lane arrays: ln[X + i]
  const CUR = 0;
  const REM = LANES;
  const U = 2 * LANES;
  const LO = 3 * LANES;
  const KEY = 4 * LANES;
  const E = 5 * LANES;
  let a = st[0] | 0;
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let nt = st[4];
  let steps = st[5];
  let restarts = st[6];
  let t = 0;
  let lo = 0;
  let hi = 0;
  let u = 0;
  let k = 0;
  let n = 0;
  let m = 0;
  let e = 0;
  let x = 0;
  let r = 0;
  let started = 0;
  // P(restart) = thr31 / 2^31 = a; two and three restarts in a row: a², a³
  const pa = thr31 / 2147483648;
  const thr2 = Math.floor(pa * pa * 2147483648) | 0;
  const thr3 = Math.floor(pa * pa * pa * 2147483648) | 0;
  let nl = walks < LANES ? walks : LANES;
  for (let i = 0; i < nl; i++) {
    ln[CUR + i] = q;
    ln[REM + i] = 0;
  }
  while (nl > 0) {
    // 1. restarts until a move (a lane whose walk ends takes the next walk, or retires), the
    //    move's draw, the item's row bounds
    for (let i = 0; i < nl; i++) {
      x = ln[CUR + i];
      r = ln[REM + i];
      for (;;) {
        if (r === 0) {
          if (started === walks) {
            x = -1;
            break;
          }
          started++;
          x = q;
          r = L;
        }
        // restarts before the next move, R: P(R ≥ j) = α^j, the first three from one draw
        t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
        u = t >>> 1;
        n = (((u - thr31) >>> 31) + ((u - thr2) >>> 31) + ((u - thr3) >>> 31)) | 0;
        if (n === 3) {
          for (;;) {
            t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
            if (n >= r || t >>> 1 >= thr31) break;
            n++;
          }
        }
        if (n >= r) {
          // the walk ends restarting
          restarts += r;
          r = 0;
          continue;
        }
        restarts += n;
        r -= n + 1;
        // at q after a restart
        x = x ^ ((x ^ q) & -((-n) >>> 31));
        break;
      }
      if (x < 0) {
        // retired: the last lane takes this slot
        nl--;
        ln[CUR + i] = ln[CUR + nl];
        ln[REM + i] = ln[REM + nl];
        i--;
        continue;
      }
      t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (((c << 21) | (c >>> 11)) + t) | 0; // prettier-ignore
      ln[U + i] = t;
      ln[REM + i] = r;
      ln[CUR + i] = x;
    }
    steps += nl;
    // the item rows' bounds (a short loop: all lanes' loads in flight together)
    for (let i = 0; i < nl; i++) {
      x = ln[CUR + i];
      ln[LO + i] = iOff[x];
      ln[KEY + i] = iOff[x + 1];
    }
    // 2. item → shopper: guide buckets
    for (let i = 0; i < nl; i++) {
      lo = ln[LO + i];
      hi = ln[KEY + i];
      u = ln[U + i] >>> 16;
      k = (u >>> iDrop) << iB;
      n = hi - lo;
      m = n <= maxRow ? (hi >>> iShift) - (lo >>> iShift) : 0;
      // the guide bucket's index (read in the next loop), or −1
      x = -1;
      if (m > 0) x = (lo >>> iShift) + ((u * m) >>> 16);
      else if (n > maxScan) lo = searchRow(iE, k, lo, hi);
      ln[LO + i] = lo;
      ln[KEY + i] = k;
      ln[E + i] = x;
    }
    for (let i = 0; i < nl; i++) {
      x = ln[E + i];
      if (x >= 0) ln[LO + i] += iGuide[x];
    }
    // 3. first probes
    for (let i = 0; i < nl; i++) ln[E + i] = iE[ln[LO + i]];
    // 4. scans, shopper row bounds
    for (let i = 0; i < nl; i++) {
      e = ln[E + i];
      k = ln[KEY + i];
      // two branch-free steps of the scan, then the rare longer ones
      lo = ln[LO + i] + ((e - k) >>> 31);
      e = iE[lo] | 0;
      lo += (e - k) >>> 31;
      e = iE[lo] | 0;
      while (e < k) e = iE[++lo] | 0;
      x = e & iMask;
      if (count) shopperVisits[x]++;
      ln[CUR + i] = x;
    }
    // the shopper rows' bounds
    for (let i = 0; i < nl; i++) {
      x = ln[CUR + i];
      ln[LO + i] = sOff[x];
      ln[KEY + i] = sOff[x + 1];
    }
    // 5. shopper → item: guide buckets
    for (let i = 0; i < nl; i++) {
      lo = ln[LO + i];
      hi = ln[KEY + i];
      u = ln[U + i] & 0xffff;
      k = (u >>> sDrop) << sB;
      n = hi - lo;
      m = n <= maxRow ? (hi >>> sShift) - (lo >>> sShift) : 0;
      // the guide bucket's index (read in the next loop), or −1
      x = -1;
      if (m > 0) x = (lo >>> sShift) + ((u * m) >>> 16);
      else if (n > maxScan) lo = searchRow(sE, k, lo, hi);
      ln[LO + i] = lo;
      ln[KEY + i] = k;
      ln[E + i] = x;
    }
    for (let i = 0; i < nl; i++) {
      x = ln[E + i];
      if (x >= 0) ln[LO + i] += sGuide[x];
    }
    // 6. first probes
    for (let i = 0; i < nl; i++) ln[E + i] = sE[ln[LO + i]];
    // 7. scans, visits (a first visit appends to the touched list; q itself is not counted)
    for (let i = 0; i < nl; i++) {
      e = ln[E + i];
      k = ln[KEY + i];
      // two branch-free steps of the scan, then the rare longer ones
      lo = ln[LO + i] + ((e - k) >>> 31);
      e = sE[lo] | 0;
      lo += (e - k) >>> 31;
      e = sE[lo] | 0;
      while (e < k) e = sE[++lo] | 0;
      x = e & sMask;
      ln[CUR + i] = x;
      n = x ^ q;
      n = (n | -n) >>> 31;
      e = visits[x];
      visits[x] = e + n;
      touched[nt] = x;
      nt += n & ((e - 1) >>> 31);
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
