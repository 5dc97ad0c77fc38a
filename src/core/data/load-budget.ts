/**
 * Will a load fit? A rough, deliberately optimistic estimate from the file sizes alone, checked
 * before any byte is read, against this browser's memory and the engine's hard limits
 * (docs/limits.md). Optimistic on purpose: it only refuses loads that clearly cannot fit.
 */

/** Fewest file bytes one event row takes (small = more rows per MB): a bare "u,i,t" CSV line, Parquet with dictionaries, gzip text. */
export const MIN_FILE_BYTES_PER_ROW: Readonly<Record<'text' | 'gzip' | 'parquet', number>> = { text: 16, gzip: 3, parquet: 4 };
/** Bytes per event of the loaded tables (types.ts: 30) plus the sort's copy and index during the load. */
export const PEAK_BYTES_PER_EVENT = 64;
/** V8 refuses a Map with more entries than this: the id dictionaries (distinct shoppers, items) cannot exceed it. */
export const MAX_MAP_ENTRIES = 2 ** 24;

export interface MemoryInfo {
  /** navigator.deviceMemory (GiB, rounded down and capped at 8 by browsers), when known. */
  deviceMemoryGiB?: number;
  /** performance.memory.jsHeapSizeLimit (Chromium), when known. */
  jsHeapSizeLimit?: number;
}

export interface LoadEstimate {
  /** Events the files hold at most (from their sizes). */
  maxEvents: number;
  /** Bytes the load needs at its peak when the files hold that many rows, lower bound. */
  peakBytes: number;
  /** What this browser can give one tab's workers, as estimated. */
  budgetBytes: number;
  fits: boolean;
  /** Why it would not fit, in words, with what to do. */
  message?: string;
}

function kind(name: string): 'text' | 'gzip' | 'parquet' {
  const n = name.toLowerCase();
  if (n.endsWith('.parquet')) return 'parquet';
  if (n.endsWith('.gz')) return 'gzip';
  return 'text';
}

/** Memory a tab can use: half the device memory, at most the JS heap limit plus as much again off-heap (typed arrays). */
export function memoryBudget(m: MemoryInfo): number {
  const device = m.deviceMemoryGiB && m.deviceMemoryGiB > 0 ? (m.deviceMemoryGiB * 2 ** 30) / 2 : Infinity;
  const heap = m.jsHeapSizeLimit && m.jsHeapSizeLimit > 0 ? m.jsHeapSizeLimit * 2 : Infinity;
  const b = Math.min(device, heap);
  return Number.isFinite(b) ? b : 4 * 2 ** 30;
}

const gib = (b: number): string => `${(b / 2 ** 30).toFixed(1)} GiB`;

/**
 * The lower bound of the peak memory of loading `files`: the file bytes, their decoded text (text
 * and gzip), and PEAK_BYTES_PER_EVENT for the fewest events such files can hold (an optimistic
 * guess uses the *expected* rows: bytes / (4 × the minimum bytes per row)).
 */
export function estimateLoad(files: readonly { name: string; size: number }[], m: MemoryInfo): LoadEstimate {
  let maxEvents = 0;
  let expectedEvents = 0;
  let raw = 0;
  let text = 0;
  for (const f of files) {
    const k = kind(f.name);
    raw += f.size;
    if (k === 'text') text += f.size;
    if (k === 'gzip') text += f.size * 4;
    maxEvents += Math.floor(f.size / MIN_FILE_BYTES_PER_ROW[k]);
    expectedEvents += Math.floor(f.size / (4 * MIN_FILE_BYTES_PER_ROW[k]));
  }
  const peakBytes = raw + text + expectedEvents * PEAK_BYTES_PER_EVENT;
  const budgetBytes = memoryBudget(m);
  const fits = peakBytes <= budgetBytes;
  return {
    maxEvents,
    peakBytes,
    budgetBytes,
    fits,
    ...(fits
      ? {}
      : {
          message: `These files (${gib(raw)}) would need at least ${gib(peakBytes)} of memory to load (about ${expectedEvents.toLocaleString('en-US')} events or more), but this browser can give about ${gib(budgetBytes)}. Nothing was loaded. Load a sample or a shorter period, or use a machine with more memory (docs/limits.md).`,
        }),
  };
}
