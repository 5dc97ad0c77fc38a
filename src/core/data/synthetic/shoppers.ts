/**
 * Synthetic shoppers: activity, preferred device, 1–3 interest clusters with weights, and an
 * optional drift (one interest replaced by another at `driftTime`).
 */
import { Rng } from '../../rng';
import type { SyntheticConfig } from './config';
import type { Catalogue } from './catalogue';

/** Interest slots per shopper in the flat interest arrays (unused slots hold -1). */
export const MAX_INTERESTS = 3;
const INTEREST_WEIGHTS = [0.5, 0.3, 0.2];

export interface ShopperTruth {
  /** Number of interests of each shopper (1–3). */
  readonly interestCount: Uint8Array;
  /** Interest clusters at the start, shopper s in [s*3, s*3+3), -1 padded. */
  readonly interestsStart: Int32Array;
  /** Interest clusters after the drift (equal to interestsStart when the shopper does not drift). */
  readonly interestsEnd: Int32Array;
  /** Weight of each interest slot (sums to 1 per shopper). */
  readonly interestWeights: Float32Array;
  /** Time (ms) of the drift; NaN when the shopper does not drift. */
  readonly driftTime: Float64Array;
  /** DEVICE_CODE of the preferred device (app 1, web 2, mobile-web 3). */
  readonly preferredDevice: Uint8Array;
  /** Relative activity (expected share of sessions ∝ activity). */
  readonly activity: Float32Array;
}

export interface Shoppers extends ShopperTruth {
  readonly count: number;
  /** Inclusive prefix sum of activity. */
  readonly activityCum: Float64Array;
}

export function buildShoppers(
  config: SyntheticConfig,
  catalogue: Catalogue,
  rng: Rng,
  startMs: number,
  endMs: number,
): Shoppers {
  const n = config.shoppers;
  const sc = config.shopper;
  const interestCount = new Uint8Array(n);
  const interestsStart = new Int32Array(n * MAX_INTERESTS).fill(-1);
  const interestsEnd = new Int32Array(n * MAX_INTERESTS).fill(-1);
  const interestWeights = new Float32Array(n * MAX_INTERESTS);
  const driftTime = new Float64Array(n).fill(NaN);
  const preferredDevice = new Uint8Array(n);
  const activity = new Float32Array(n);
  const activityCum = new Float64Array(n);
  const mix = config.device.mix;
  const span = endMs - startMs;
  const maxDistinct = catalogue.clusterCount;

  const drawNew = (base: number, upto: number): number => {
    for (let tries = 0; ; tries++) {
      const cl = rng.pickCumulative(catalogue.clusterCum);
      let dup = false;
      for (let j = 0; j < upto; j++) if (interestsEnd[base + j] === cl) dup = true;
      if (!dup || tries > 50) return cl;
    }
  };

  let cum = 0;
  for (let s = 0; s < n; s++) {
    const a = rng.logNormal(0, sc.activitySigma);
    activity[s] = a;
    cum += a;
    activityCum[s] = cum;
    preferredDevice[s] = 1 + rng.weighted(mix);
    const k = Math.min(maxDistinct, sc.interestsMin + rng.nextInt(sc.interestsMax - sc.interestsMin + 1));
    interestCount[s] = k;
    const base = s * MAX_INTERESTS;
    let wsum = 0;
    for (let j = 0; j < k; j++) wsum += INTEREST_WEIGHTS[j];
    for (let j = 0; j < k; j++) {
      const cl = drawNew(base, j);
      interestsStart[base + j] = cl;
      interestsEnd[base + j] = cl;
      interestWeights[base + j] = INTEREST_WEIGHTS[j] / wsum;
    }
    if (rng.chance(sc.driftShare) && maxDistinct > k) {
      driftTime[s] = Math.floor(startMs + span * rng.uniform(0.2, 0.8));
      const j = rng.nextInt(k);
      interestsEnd[base + j] = drawNew(base, k);
    }
  }
  return {
    count: n,
    interestCount,
    interestsStart,
    interestsEnd,
    interestWeights,
    driftTime,
    preferredDevice,
    activity,
    activityCum,
  };
}
