/**
 * P2 actions of the Evaluate panel: the baselines on the current dataset's P2 split (popularity,
 * repeat), computed on the page in batches that yield (progress, cancel); a split cache for the
 * shopper lookup.
 */
import type { Dataset } from '../../../core/data/types';
import { runP2Suite } from '../../../core/eval/p2-run';
import { p2Split, type P2Split } from '../../../core/eval/splits/p2-shopper-to-item';
import { useP2Store } from './p2-store';

let abort: AbortController | null = null;
let cached: { ds: Dataset; split: P2Split } | null = null;

/** The temporal P2 split of `ds` (cached for the last dataset). */
export function splitOf(ds: Dataset): P2Split {
  if (cached?.ds !== ds) cached = { ds, split: p2Split(ds) };
  return cached.split;
}

export async function computeP2Baselines(ds: Dataset): Promise<void> {
  if (useP2Store.getState().running) return;
  abort = new AbortController();
  useP2Store.setState({ running: true, error: null, progress: 'splitting' });
  try {
    const entries = await runP2Suite(ds, {
      baselines: ['popularity', 'repeat'],
      variants: ['temporal'],
      signal: abort.signal,
      onProgress: (stage, p) => useP2Store.setState({ progress: `${stage}: ${p.done} / ${p.total} shoppers` }),
    });
    useP2Store.getState().addEntries(ds.name, 'page', entries);
  } catch (e) {
    const aborted = e instanceof Error && e.name === 'AbortError';
    useP2Store.setState({ error: aborted ? 'Cancelled.' : e instanceof Error ? e.message : String(e) });
  } finally {
    useP2Store.setState({ running: false, progress: null });
    abort = null;
  }
}

export function cancelP2(): void {
  abort?.abort();
}
