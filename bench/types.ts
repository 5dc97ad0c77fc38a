/** One benchmark number, as fixed by ../shared/PROTOCOLS.md ("Benchmarks"). */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  backend?: string;
  dataset?: string;
  /** Optional: what was measured, the target, repetitions. */
  note?: string;
}

/** A benchmark case. Files in bench/cases/ export `cases: BenchCase[]`; the runner picks them all up. */
export interface BenchCase {
  /** Stable id used by `npm run bench -- --filter ID` (a prefix of the entry names it yields). */
  id: string;
  run(log: (message: string) => void): Promise<BenchEntry[]>;
}
