// Pfeed feed speed (../shared/PROTOCOLS.md "Benchmarks"), Online Retail, in the feeds worker as the
// Feeds panel runs it (lookup table of all items from the stand-in role embeddings, default feed config):
//   pfeed.feeds_all.online-retail — feeds for every shopper from the lookup table (target ≤ 10 s, 2 cores)
//   pfeed.refresh_1k              — near-real-time refresh of the 1,000 most recently active shoppers (target ≤ 1 s)
// Medians of 3 runs each.
import type { BenchCase } from '../types';
import { loadBundledRetail } from '../shared';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { FeedsJobs } from '../../workers/feeds.worker';

export const cases: BenchCase[] = [
  {
    id: 'pfeed.feeds',
    async run(log) {
      const ds = await loadBundledRetail();
      const c = new WorkerClient<FeedsJobs>(() => new Worker(new URL('../../workers/feeds.worker.ts', import.meta.url), { type: 'module', name: 'feeds-bench' }), { name: 'feeds' });
      try {
        const info = await c.run('init', { forced: 'wasm' });
        log(`  feeds on ${info.backend}: lookup table, all feeds ×3, refresh ×3…`);
        const r = await c.run('speed', { dataset: ds, repeats: 3 });
        log(`  lookup table ${r.indexSeconds.toFixed(2)} s; ${r.shoppers} feeds ${r.repeats.feedsAll.map((s) => s.toFixed(3)).join(' / ')} s; refresh of ${r.refreshShoppers} ${r.repeats.refresh.map((s) => s.toFixed(3)).join(' / ')} s`);
        return [
          { name: 'pfeed.feeds_all.online-retail', value: r.feedsAllSeconds, unit: 's', backend: r.backend, dataset: 'online-retail', note: `${r.shoppers} shoppers, median of 3; lookup table build ${r.indexSeconds.toFixed(2)} s apart` },
          { name: 'pfeed.refresh_1k', value: r.refreshSeconds, unit: 's', backend: r.backend, dataset: 'online-retail', note: `${r.refreshShoppers} active shoppers recomposed, median of 3` },
        ];
      } finally {
        c.terminate();
      }
    },
  },
];
