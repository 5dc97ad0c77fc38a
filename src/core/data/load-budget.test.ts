import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateLoad, memoryBudget } from './load-budget';
import { REPO_ROOT } from './loaders/test-files';

describe('estimateLoad', () => {
  it('lets the bundled Online Retail file through on a small (2 GiB) device', () => {
    const size = statSync(join(REPO_ROOT, 'datasets/online-retail/online_retail.parquet')).size;
    const e = estimateLoad([{ name: 'online_retail.parquet', size }], { deviceMemoryGiB: 2 });
    expect(e.fits).toBe(true);
    // 541,909 lines really: the upper bound from the size is above that
    expect(e.maxEvents).toBeGreaterThan(541_909);
  });

  it('refuses a 20 GB CSV on an 8 GiB device with a message that says why and what to do', () => {
    const e = estimateLoad([{ name: 'events.csv', size: 20e9 }], { deviceMemoryGiB: 8, jsHeapSizeLimit: 4 * 2 ** 30 });
    expect(e.fits).toBe(false);
    expect(e.message).toMatch(/would need at least .* GiB of memory/);
    expect(e.message).toMatch(/Nothing was loaded/);
    expect(e.message).toMatch(/sample/);
  });

  it('counts gzip as four times its size of text, and several files together', () => {
    const one = estimateLoad([{ name: 'a.csv.gz', size: 1e8 }], {});
    const text = estimateLoad([{ name: 'a.csv', size: 4e8 }], {});
    expect(one.peakBytes).toBeGreaterThan(text.peakBytes / 2);
    const two = estimateLoad([{ name: 'a.csv', size: 1e8 }, { name: 'b.csv', size: 1e8 }], {});
    expect(two.peakBytes).toBeGreaterThan(estimateLoad([{ name: 'a.csv', size: 1e8 }], {}).peakBytes);
  });

  it('budget: half the device memory, capped by twice the JS heap limit; 4 GiB when unknown', () => {
    expect(memoryBudget({ deviceMemoryGiB: 8 })).toBe(4 * 2 ** 30);
    expect(memoryBudget({ deviceMemoryGiB: 8, jsHeapSizeLimit: 2 ** 30 })).toBe(2 * 2 ** 30);
    expect(memoryBudget({})).toBe(4 * 2 ** 30);
  });
});
