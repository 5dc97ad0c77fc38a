/**
 * Action features (PinnerFormer §3.2): for each of a shopper's last M actions, the item's embedding
 * (any N × D matrix, e.g. PinSage's), the action kind and device (learned embeddings in the model),
 * log(duration), and two time features — time since the previous action and time to the latest
 * action — each as log1p(seconds) with sin / cos over P fixed periods on that log time (Time2vec-like,
 * fixed not learned). Fields a dataset lacks become constants (0). Time to the latest action is
 * measured to the queried position by default (`timeToLatest: 'query'`): `writeQueryTimes` encodes,
 * for every query and every action of its row, the time from the action to the query (the model
 * turns it into an attention bias); with 'window-end' it is a per-action feature measured to the
 * window's last action.
 *
 * Sequences are right-aligned in the fixed [M] window: the latest action sits at position M − 1,
 * padding (mask 0) at the front.
 */
import { ACTION_KINDS, DEVICE_KINDS, NO_SHOPPER, type Dataset } from '../../data/types';
import type { BatchData, BatchSpec } from '../../compute/batch';
import { queryRelativeTime, uses, type ActionFeatureGroup, type PinnerFormerConfig } from './config';

/** An item embedding matrix, row i = item index i (N × dim, row-major). */
export interface ItemEmbeddings {
  readonly vectors: Float32Array;
  readonly dim: number;
}

export const N_ACTION_CODES = ACTION_KINDS.length;
export const N_DEVICE_CODES = DEVICE_KINDS.length;

/** Values of one encoded time: the log value + P sin + P cos. */
export function timeDim(cfg: Pick<PinnerFormerConfig, 'timePeriods'>): number {
  return 1 + 2 * cfg.timePeriods;
}

/**
 * Dense features per action: log-duration + time since the previous action, + time to the window's
 * last action when `timeToLatest` is 'window-end' (with 'query' that time goes to `writeQueryTimes`).
 */
export function denseDim(cfg: Pick<PinnerFormerConfig, 'timePeriods' | 'timeToLatest'>): number {
  return 1 + (queryRelativeTime(cfg) ? 1 : 2) * timeDim(cfg);
}

/** Whether the model takes the query-relative times (`qtime`) as an input. */
export function usesQueryTimes(cfg: PinnerFormerConfig): boolean {
  return uses(cfg, 'time') && queryRelativeTime(cfg);
}

/** The P fixed periods on log1p(seconds) time, geometric from 0.75 to 18 (≈ 1 s … 2 years). */
export function timePeriods(P: number): Float64Array {
  const out = new Float64Array(P);
  for (let j = 0; j < P; j++) out[j] = 0.75 * Math.pow(24, P > 1 ? j / (P - 1) : 0);
  return out;
}

/** Writes [x / 10, sin(2πx / p_j)…, cos(2πx / p_j)…] for x = log1p(seconds) at `out[o..]`. */
export function encodeTime(seconds: number, periods: Float64Array, out: Float32Array, o: number): void {
  const x = Math.log1p(Math.max(0, seconds));
  const P = periods.length;
  out[o] = x / 10;
  for (let j = 0; j < P; j++) {
    const a = (2 * Math.PI * x) / periods[j];
    out[o + 1 + j] = Math.sin(a);
    out[o + 1 + P + j] = Math.cos(a);
  }
}

/** Which feature groups a dataset actually carries (the UI shows this next to the config). */
export interface FeatureAvailability {
  group: ActionFeatureGroup;
  available: boolean;
  /** What stands in when it is not available, or what it is made of. */
  note: string;
}

export function featureAvailability(ds: Dataset): FeatureAvailability[] {
  const kinds = new Set<number>();
  for (let i = 0; i < ds.events.length && kinds.size < 2; i++) kinds.add(ds.events.action[i]);
  return [
    { group: 'item', available: true, note: 'item embedding (the input matrix, e.g. PinSage)' },
    { group: 'action', available: kinds.size > 1, note: kinds.size > 1 ? 'learned action-kind embedding' : 'one action kind only: constant' },
    { group: 'device', available: ds.fields.device, note: ds.fields.device ? 'learned device / context embedding' : "no device field: constant ('unknown')" },
    { group: 'duration', available: ds.fields.duration, note: ds.fields.duration ? 'log(1 + dwell seconds)' : 'no duration field: constant 0' },
    {
      group: 'time',
      available: ds.fields.realTime,
      note: ds.fields.realTime ? 'time since previous / to latest action, log + sin/cos over fixed periods' : 'only an order is known: time features carry the order-derived timestamps',
    },
  ];
}

/** Each shopper's events in time order (event indices): rows `events[offsets[s] .. offsets[s+1])`. */
export interface ShopperEvents {
  readonly offsets: Uint32Array;
  readonly events: Uint32Array;
}

/**
 * Groups events [0, end) by shopper (anonymous events dropped). `keep(s)` false drops a shopper;
 * `cutoff(s)` (ms) drops a shopper's events at or after that time.
 */
export function groupShopperEvents(ds: Dataset, end: number, opts: { keep?: (s: number) => boolean; cutoff?: (s: number) => number } = {}): ShopperEvents {
  const ev = ds.events;
  const n = ds.shoppers.length;
  const counts = new Uint32Array(n + 1);
  const ok = (e: number): boolean => {
    const s = ev.shopper[e];
    if (s === NO_SHOPPER || s >= n) return false;
    if (opts.keep && !opts.keep(s)) return false;
    if (opts.cutoff && ev.timestamp[e] >= opts.cutoff(s)) return false;
    return true;
  };
  for (let e = 0; e < end; e++) if (ok(e)) counts[ev.shopper[e] + 1]++;
  for (let s = 0; s < n; s++) counts[s + 1] += counts[s];
  const offsets = Uint32Array.from(counts);
  const fill = offsets.slice(0, n);
  const events = new Uint32Array(offsets[n]);
  for (let e = 0; e < end; e++) if (ok(e)) events[fill[ev.shopper[e]]++] = e;
  return { offsets, events };
}

/** Fixed-shape per-action inputs of `rows` sequences of length M. */
export interface ActionBuffers {
  rows: number;
  M: number;
  F: number;
  item: Int32Array;
  action: Int32Array;
  device: Int32Array;
  dense: Float32Array;
  /** 1 for real actions, 0 for padding, [rows, M]. */
  pad: Float32Array;
  /** Timestamp (ms) of each position, [rows, M] (0 for padding); not a model input itself. */
  time: Float64Array;
}

export function allocActionBuffers(rows: number, M: number, F: number): ActionBuffers {
  return {
    rows,
    M,
    F,
    item: new Int32Array(rows * M),
    action: new Int32Array(rows * M),
    device: new Int32Array(rows * M),
    dense: new Float32Array(rows * M * F),
    pad: new Float32Array(rows * M),
    time: new Float64Array(rows * M),
  };
}

export interface FeatureWriter {
  /** Clears row `row` (all padding). */
  clear(b: ActionBuffers, row: number): void;
  /**
   * Writes the window list[max(first, end − M) .. end) of one shopper's time-ordered event list,
   * right-aligned, into row `row`. `first` is the shopper's first list index (time features look
   * at the previous event, even outside the window). Returns the window length.
   */
  write(b: ActionBuffers, row: number, list: Uint32Array, first: number, end: number): number;
}

export function featureWriter(ds: Dataset, cfg: PinnerFormerConfig): FeatureWriter {
  const ev = ds.events;
  const periods = timePeriods(cfg.timePeriods);
  const P = cfg.timePeriods;
  const useAction = uses(cfg, 'action');
  const useDevice = uses(cfg, 'device') && ds.fields.device;
  const useDuration = uses(cfg, 'duration') && ds.fields.duration;
  const useTime = uses(cfg, 'time');
  const windowEnd = !queryRelativeTime(cfg);
  const clear = (b: ActionBuffers, row: number): void => {
    const M = b.M;
    b.item.fill(0, row * M, (row + 1) * M);
    b.action.fill(0, row * M, (row + 1) * M);
    b.device.fill(0, row * M, (row + 1) * M);
    b.pad.fill(0, row * M, (row + 1) * M);
    b.time.fill(0, row * M, (row + 1) * M);
    b.dense.fill(0, row * M * b.F, (row + 1) * M * b.F);
  };
  return {
    clear,
    write(b, row, list, first, end) {
      clear(b, row);
      const M = b.M;
      const F = b.F;
      const start = Math.max(first, end - M);
      const len = end - start;
      if (len <= 0) return 0;
      const tLast = ev.timestamp[list[end - 1]];
      for (let k = start; k < end; k++) {
        const e = list[k];
        const p = row * M + (M - len) + (k - start);
        b.item[p] = ev.item[e];
        b.action[p] = useAction ? ev.action[e] : 0;
        b.device[p] = useDevice ? ev.device[e] : 0;
        b.pad[p] = 1;
        b.time[p] = ev.timestamp[e];
        const o = p * F;
        const dur = ev.duration[e];
        b.dense[o] = useDuration && Number.isFinite(dur) ? Math.log1p(Math.max(0, dur)) / 5 : 0;
        if (useTime) {
          const t = ev.timestamp[e];
          const prev = k > first ? (t - ev.timestamp[list[k - 1]]) / 1000 : 0;
          encodeTime(prev, periods, b.dense, o + 1);
          if (windowEnd) encodeTime((tLast - t) / 1000, periods, b.dense, o + 2 + 2 * P);
        }
      }
      return len;
    },
  };
}

/** The fixed-shape spec of the per-action inputs of `rows` sequences. */
export function actionSpec(rows: number, M: number, F: number): BatchSpec {
  return {
    item: { shape: [rows * M], dtype: 'int32' },
    action: { shape: [rows * M], dtype: 'int32' },
    device: { shape: [rows * M], dtype: 'int32' },
    dense: { shape: [rows * M, F], dtype: 'float32' },
    pad: { shape: [rows, M], dtype: 'float32' },
  };
}

export function actionData(b: ActionBuffers): BatchData {
  return { item: b.item, action: b.action, device: b.device, dense: b.dense, pad: b.pad };
}

/** The spec of the query-relative times of `queries` queries over windows of M: `qtime` [queries · M, 1 + 2P]. */
export function queryTimeSpec(queries: number, M: number, cfg: Pick<PinnerFormerConfig, 'timePeriods'>): BatchSpec {
  return { qtime: { shape: [queries * M, timeDim(cfg)], dtype: 'float32' } };
}

/**
 * The time from each action to its query, encoded like `encodeTime`: for query q (a flat index
 * row · M + position into `b`), block q of `out` ([queries · M, 1 + 2P]) holds at key position k
 * the encoding of t(query) − t(k) for the real actions k ≤ the query's position, zeros elsewhere
 * (those keys are masked out of the attention anyway). At the last position this is exactly the
 * time to the latest action of the window.
 */
export function writeQueryTimes(b: ActionBuffers, query: Int32Array, periods: Float64Array, out: Float32Array = new Float32Array(query.length * b.M * (1 + 2 * periods.length))): Float32Array {
  const M = b.M;
  const T = 1 + 2 * periods.length;
  if (out.length !== query.length * M * T) throw new Error(`writeQueryTimes: out holds ${out.length} values, ${query.length} queries need ${query.length * M * T}`);
  out.fill(0);
  for (let q = 0; q < query.length; q++) {
    const flat = query[q];
    const row0 = flat - (flat % M);
    const tq = b.time[flat];
    for (let p = row0; p <= flat; p++) {
      if (b.pad[p] === 0) continue;
      encodeTime((tq - b.time[p]) / 1000, periods, out, (q * M + (p - row0)) * T);
    }
  }
  return out;
}
