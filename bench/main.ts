// Benchmark page: runs every case in bench/cases/ (or those matching ?filter=a,b) in this
// browser, then exposes the results to the driver (scripts/bench.mjs) on `window.__bench`.
import type { BenchCase, BenchEntry } from './types';

interface BenchState {
  done: boolean;
  entries: BenchEntry[];
  errors: string[];
}
declare global {
  interface Window {
    __bench?: BenchState;
  }
}

const modules = import.meta.glob<{ cases: BenchCase[] }>('./cases/*.ts', { eager: true });
const state: BenchState = { done: false, entries: [], errors: [] };
window.__bench = state;
const logEl = document.getElementById('log')!;
const log = (message: string): void => {
  logEl.textContent += '\n' + message;
  console.log('[bench] ' + message);
};

async function main(): Promise<void> {
  const filters = (new URLSearchParams(location.search).get('filter') ?? '').split(',').filter(Boolean);
  const all = Object.values(modules).flatMap((m) => m.cases);
  const chosen = filters.length ? all.filter((c) => filters.some((f) => c.id.startsWith(f) || f.startsWith(c.id))) : all;
  log(`crossOriginIsolated=${String(crossOriginIsolated)}; ${chosen.length} case(s)`);
  for (const c of chosen) {
    log(`case ${c.id}…`);
    try {
      const entries = await c.run(log);
      for (const e of entries) log(`  ${e.name} = ${e.value} ${e.unit}${e.backend ? ' [' + e.backend + ']' : ''}`);
      state.entries.push(...entries);
    } catch (err) {
      const message = `${c.id}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
      state.errors.push(message);
      log('  FAILED ' + message);
    }
  }
  state.done = true;
  log('done');
}
void main();
