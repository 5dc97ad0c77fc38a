/**
 * The session simulator (the hot loop): draws sessions (shopper, time with a daily rhythm,
 * device), browses items (session focus cluster, interests, exploration by popularity), and
 * writes view → click (→ zoom, click-through) → cart → checkout purchase → occasional cancel
 * events straight into typed-array columns. One basket per session.
 *
 * Events come out grouped by session, not sorted by time (see sort-by-time.ts).
 */
import { Rng, inverseNormalCdf } from '../../rng';
import { ACTION_CODE, type EventTable } from '../types';
import type { SyntheticConfig } from './config';
import type { Catalogue } from './catalogue';
import { MAX_INTERESTS, type Shoppers } from './shoppers';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const VIEW = ACTION_CODE.view;
const CLICK = ACTION_CODE.click;
const CART = ACTION_CODE.cart;
const PURCHASE = ACTION_CODE.purchase;
const ZOOM = ACTION_CODE.zoom;
const CLICK_THROUGH = ACTION_CODE['click-through'];
const CANCEL = ACTION_CODE.cancel;
/** Dwell log-normal noise comes from a table of 2^14 quantiles (no exp/log/sin per event). */
const SPREAD_BITS = 14;

export class SessionSimulator {
  /** Events written so far. */
  n = 0;
  /** Sessions (= baskets) started so far. */
  sessions = 0;
  readonly cap: number;
  readonly shopper: Uint32Array;
  readonly item: Uint32Array;
  readonly action: Uint8Array;
  readonly timestamp: Float64Array;
  readonly device: Uint8Array;
  readonly duration: Float32Array;
  readonly basket: Uint32Array;
  readonly value: Float32Array;

  private readonly hourCum: Float64Array;
  private readonly days: number;
  private readonly cart: Uint32Array;
  private readonly median: Float64Array;
  /** exp(sigma · Φ⁻¹((k + ½) / 2^14)): log-normal multipliers with median 1, truncated at ±3.9 sigma. */
  private readonly spread: Float64Array;
  private readonly firstSeen: Float64Array;

  constructor(
    private readonly config: SyntheticConfig,
    private readonly cat: Catalogue,
    private readonly sh: Shoppers,
    private readonly rng: Rng,
    private readonly startMs: number,
    private readonly endMs: number,
  ) {
    const maxItems = config.session.maxItems;
    // one session writes at most 2·maxItems browsed items × 5 events + purchases and cancels
    this.cap = config.events + 16 * maxItems + 64;
    this.shopper = new Uint32Array(this.cap);
    this.item = new Uint32Array(this.cap);
    this.action = new Uint8Array(this.cap);
    this.timestamp = new Float64Array(this.cap);
    this.device = new Uint8Array(this.cap);
    this.duration = new Float32Array(this.cap);
    this.basket = new Uint32Array(this.cap);
    this.value = new Float32Array(this.cap);
    this.cart = new Uint32Array(2 * maxItems + 2);
    this.hourCum = new Float64Array(24);
    let c = 0;
    for (let h = 0; h < 24; h++) this.hourCum[h] = c += config.session.hourly[h];
    if (c <= 0) for (let h = 0; h < 24; h++) this.hourCum[h] = h + 1;
    this.days = Math.ceil((endMs - startMs) / DAY_MS);
    const d = config.dwell;
    // indexed by ACTION_CODE: view, click, cart, purchase, zoom, click-through, rating, cancel
    this.median = Float64Array.from([d.viewMedian, d.clickMedian, d.cartMedian, d.purchaseMedian, d.zoomMedian, 2, 1, d.cartMedian]);
    const size = 1 << SPREAD_BITS;
    this.spread = new Float64Array(size);
    for (let k = 0; k < size; k++) this.spread[k] = Math.exp(d.sigma * inverseNormalCdf((k + 0.5) / size));
    this.firstSeen = cat.items.firstSeen;
  }

  /** The generated events so far, as views on the buffers (not sorted by time). */
  table(): EventTable {
    const n = this.n;
    return {
      length: n,
      shopper: this.shopper.subarray(0, n),
      item: this.item.subarray(0, n),
      action: this.action.subarray(0, n),
      timestamp: this.timestamp.subarray(0, n),
      device: this.device.subarray(0, n),
      duration: this.duration.subarray(0, n),
      basket: this.basket.subarray(0, n),
      value: this.value.subarray(0, n),
    };
  }

  /** Simulates whole sessions until at least `until` events exist (never more than the target plus one session). */
  run(until: number): void {
    const stop = Math.min(until, this.config.events);
    while (this.n < stop) this.session();
  }

  private sessionTime(): number {
    const rng = this.rng;
    for (;;) {
      const day = rng.nextInt(this.days);
      const hour = rng.pickCumulative(this.hourCum);
      const t = this.startMs + day * DAY_MS + hour * HOUR_MS + rng.nextFloat() * HOUR_MS;
      if (t < this.endMs) return t;
    }
  }

  /** An item of cluster `cl` already released at `t` (Zipf within the cluster; the top slot is always released). */
  private pickItem(cl: number, t: number): number {
    const cat = this.cat;
    const lo = cat.clusterStart[cl];
    const hi = cat.clusterStart[cl + 1];
    for (let tries = 0; tries < 8; tries++) {
      const item = cat.slotItem[this.rng.pickCumulative(cat.slotCum, lo, hi)];
      if (this.firstSeen[item] <= t) return item;
    }
    return cat.slotItem[lo];
  }

  /** One of shopper s's current interest clusters, by interest weight. */
  private interestCluster(s: number, base: number): number {
    const sh = this.sh;
    let x = this.rng.nextFloat();
    const k = sh.interestCount[s];
    for (let j = 0; j < k - 1; j++) {
      x -= sh.interestWeights[base + j];
      if (x < 0) return this.currentInterests[base + j];
    }
    return this.currentInterests[base + k - 1];
  }

  private currentInterests: Int32Array = new Int32Array(0);

  private dwell(kind: number, factor: number): number {
    return this.median[kind] * this.spread[this.rng.nextU32() >>> (32 - SPREAD_BITS)] * factor;
  }

  private emit(s: number, item: number, action: number, t: number, dev: number, dur: number, b: number, v: number): void {
    const i = this.n++;
    this.shopper[i] = s;
    this.item[i] = item;
    this.action[i] = action;
    this.timestamp[i] = Math.floor(t);
    this.device[i] = dev;
    this.duration[i] = dur;
    this.basket[i] = b;
    this.value[i] = v;
  }

  private session(): void {
    const rng = this.rng;
    const cfg = this.config;
    const fn = cfg.funnel;
    const cpx = cfg.complement;
    const sh = this.sh;
    const cat = this.cat;
    const endMs = this.endMs;

    const s = rng.pickCumulative(sh.activityCum);
    let t = this.sessionTime();
    const b = this.sessions++;
    const pref = sh.preferredDevice[s];
    let dev = pref;
    if (!rng.chance(cfg.device.preferredShare)) {
      dev = 1 + ((pref - 1 + 1 + rng.nextInt(2)) % 3);
    }
    const devDwell = cfg.device.dwellFactor[dev - 1];
    const base = s * MAX_INTERESTS;
    this.currentInterests = sh.driftTime[s] <= t ? sh.interestsEnd : sh.interestsStart;
    const interests = this.currentInterests;
    const k = sh.interestCount[s];
    const focusInterest = cfg.shopper.interestFocus;
    const focus = rng.chance(focusInterest) ? this.interestCluster(s, base) : rng.pickCumulative(cat.clusterCum);

    const maxItems = cfg.session.maxItems;
    const browse = Math.min(maxItems, 1 + rng.geometric(1 / cfg.session.meanItems));
    let nCart = 0;
    let pending = -1;
    let extra = 0;
    for (let step = 0; step < browse + extra; step++) {
      let item: number;
      let partner = false;
      if (pending >= 0) {
        item = pending;
        pending = -1;
        partner = true;
      } else {
        let cl: number;
        if (rng.chance(cfg.session.coherence)) cl = focus;
        else if (rng.chance(focusInterest)) cl = this.interestCluster(s, base);
        else cl = rng.pickCumulative(cat.clusterCum);
        item = this.pickItem(cl, t);
      }
      const icl = cat.itemCluster[item];
      let liked = false;
      for (let j = 0; j < k; j++) if (interests[base + j] === icl) liked = true;
      const f = devDwell * (liked ? cfg.dwell.likedFactor : 1);

      let dur = this.dwell(VIEW, f);
      this.emit(s, item, VIEW, t, dev, dur, b, NaN);
      t += dur * 1000 + 500 + rng.nextFloat() * 3000;
      const pClick = partner ? cpx.partnerClick : liked ? fn.clickLiked : fn.click;
      if (rng.chance(pClick)) {
        dur = this.dwell(CLICK, f);
        this.emit(s, item, CLICK, t, dev, dur, b, NaN);
        t += dur * 1000 + 500 + rng.nextFloat() * 2000;
        if (rng.chance(fn.zoom)) {
          dur = this.dwell(ZOOM, f);
          this.emit(s, item, ZOOM, t, dev, dur, b, NaN);
          t += dur * 1000 + 300 + rng.nextFloat() * 1000;
        }
        if (rng.chance(fn.clickThrough)) {
          dur = this.dwell(CLICK_THROUGH, devDwell);
          this.emit(s, item, CLICK_THROUGH, t, dev, dur, b, NaN);
          t += dur * 1000 + 300 + rng.nextFloat() * 1000;
        }
        if (rng.chance(partner ? cpx.partnerCart : fn.cart)) {
          dur = this.dwell(CART, devDwell);
          this.emit(s, item, CART, t, dev, dur, b, 1);
          t += dur * 1000 + 500 + rng.nextFloat() * 2000;
          let dup = false;
          for (let j = 0; j < nCart; j++) if (this.cart[j] === item) dup = true;
          if (!dup) this.cart[nCart++] = item;
          const ak = cat.anchorIndex[item];
          if (ak >= 0 && extra < maxItems && rng.chance(cpx.follow)) {
            const lo = cat.partnerOffsets[ak];
            const p = cat.partners[lo + rng.nextInt(cat.partnerOffsets[ak + 1] - lo)];
            if (this.firstSeen[p] <= t) {
              pending = p;
              extra++;
            }
          }
        }
      }
      if (t >= endMs) return;
    }

    // checkout
    if (nCart === 0 || !rng.chance(fn.checkout * cfg.device.checkoutFactor[dev - 1])) return;
    if (rng.chance(fn.noise)) {
      // a re-order: bought without a view in this session
      const item = this.pickItem(k > 0 ? this.interestCluster(s, base) : focus, t);
      let dup = false;
      for (let j = 0; j < nCart; j++) if (this.cart[j] === item) dup = true;
      if (!dup) this.cart[nCart++] = item;
    }
    for (let j = 0; j < nCart; j++) {
      const item = this.cart[j];
      const dur = this.dwell(PURCHASE, devDwell);
      const qty = rng.chance(0.85) ? 1 : 2 + rng.nextInt(2);
      this.emit(s, item, PURCHASE, t, dev, dur, b, qty);
      if (rng.chance(fn.cancel)) {
        const tc = t + HOUR_MS * rng.uniform(1, 72);
        if (tc < endMs) this.emit(s, item, CANCEL, tc, dev, this.dwell(CANCEL, devDwell), b, qty);
      }
      t += 1000;
    }
  }
}
