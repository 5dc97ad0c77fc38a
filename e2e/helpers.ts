// Helpers shared by the Playwright specs.
import { expect, type BrowserContext, type Page } from '@playwright/test';

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

export interface RequestRecord {
  /** Every URL requested (page and workers), data: and blob: left out. */
  all: string[];
  /** Those not on the app's origin. */
  foreign: string[];
  /** Each HTML or JavaScript response of our origin with its Content-Security-Policy header. */
  documentsAndScripts: { url: string; csp: string | undefined }[];
}

/**
 * Records every request of the context twice over: the context's request events and a route on
 * every URL (which also sees what dedicated workers fetch), and the CSP header of every HTML /
 * JavaScript response.
 */
export async function recordAllRequests(context: BrowserContext, origin: string): Promise<RequestRecord> {
  const seen = new Set<string>();
  const rec: RequestRecord = { all: [], foreign: [], documentsAndScripts: [] };
  const note = (url: string): void => {
    if (url.startsWith('data:') || url.startsWith('blob:') || seen.has(url)) return;
    seen.add(url);
    rec.all.push(url);
    if (new URL(url).origin !== origin) rec.foreign.push(url);
  };
  context.on('request', (r) => note(r.url()));
  context.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    if (new URL(r.url()).origin === origin && /html|javascript/.test(type)) {
      rec.documentsAndScripts.push({ url: r.url(), csp: r.headers()['content-security-policy'] });
    }
  });
  await context.route('**/*', (route) => {
    note(route.request().url());
    return route.continue();
  });
  return rec;
}

/**
 * Page errors of the page, collected from now on, and the Feeds panel on the synthetic small world
 * with SIMO training started for `steps` steps (the caller waits for what it needs).
 */
export async function startFeedsSimo(page: Page, steps: number): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#feeds');
  await expect(page.getByTestId('feeds-compose')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('feeds-simo-steps').fill(String(steps));
  await page.getByTestId('feeds-compose').click();
  return errors;
}
