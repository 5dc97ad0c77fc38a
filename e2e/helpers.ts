// Helpers shared by the Playwright specs.
import type { BrowserContext, Page } from '@playwright/test';

/** Records every request of the context (page and workers) that leaves the page's origin. */
export function recordForeignRequests(context: BrowserContext, origin: string): string[] {
  const foreign: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** Deletes the dataset an earlier test kept in this browser (IndexedDB), then reloads the page. */
export async function forgetKeptDataset(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('kloa-workbench');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
  await page.reload();
}
