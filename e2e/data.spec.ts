import { expect, test, type Page } from '@playwright/test';
import { forgetKeptDataset, recordForeignRequests } from './helpers';

/** A full-page screenshot from the top (the sticky header would otherwise be drawn mid-page). */
async function shot(page: Page, path: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
}

async function freshPage(page: Page): Promise<void> {
  await page.goto('/#/data');
  // Start from an empty browser store: forget whatever an earlier test kept.
  await forgetKeptDataset(page);
  await expect(page.getByTestId('header-dataset')).toHaveText('No dataset loaded');
}

test.describe.configure({ mode: 'serial' });

// No flow may leave an uncaught error or unhandled rejection in the page (a cancelled job included).
let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

test('bundled Online Retail: counts, validation report, statistics, kept across a reload', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const foreign = recordForeignRequests(context, new URL(baseURL!).origin);
  await page.setViewportSize({ width: 1440, height: 900 });
  await freshPage(page);

  await page.getByTestId('preset-online-retail').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('stats')).toBeVisible({ timeout: 120_000 });

  const report = page.getByTestId('report');
  await expect(report.getByTestId('rows-read')).toContainText('541,909');
  await expect(page.getByTestId('header-dataset')).toContainText('4,070 items');
  await expect(page.getByTestId('header-dataset')).toContainText('4,372 shoppers');
  await expect(page.getByTestId('stat-items')).toContainText('4,070');
  await expect(page.getByTestId('stat-shoppers')).toContainText('4,372');
  // Cancellations ('C' invoices) and guest lines (no CustomerID) are reported with examples.
  const cancel = report.locator('[data-testid=report-entry][data-code=cancellation]');
  const guest = report.locator('[data-testid=report-entry][data-code=guest-row]');
  await expect(cancel).toHaveCount(1);
  await expect(guest).toHaveCount(1);
  await expect(guest).toContainText('135,080');
  await cancel.locator('summary').click();
  await expect(cancel.getByTestId('report-examples')).toContainText('online_retail.parquet');
  await expect(page.getByTestId('top-items')).toContainText('WHITE HANGING HEART T-LIGHT HOLDER');
  await expect(page.getByTestId('daily-chart')).toBeVisible();
  await expect(page.getByTestId('persistence')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });
  await shot(page, 'test-results/data-online-retail.png');

  // (c) after a reload the dataset comes back from browser storage, with its report and stats.
  await page.reload();
  await expect(page.getByTestId('persistence')).toHaveAttribute('data-state', 'restored', { timeout: 60_000 });
  await expect(page.getByTestId('header-dataset')).toContainText('online-retail');
  await expect(page.getByTestId('header-dataset')).toContainText('541,909 events');
  await expect(page.getByTestId('report').getByTestId('rows-read')).toContainText('541,909');
  await expect(page.getByTestId('stat-shoppers')).toContainText('4,372');
  await shot(page, 'test-results/data-online-retail-restored.png');

  expect(foreign).toEqual([]);
});

test('a malformed CSV is reported with file, line and column', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(context, new URL(baseURL!).origin);
  await freshPage(page);
  const csv = [
    'user_id,item_id,timestamp,event',
    'u1,i1,2024-01-01T10:00:00Z,view',
    'u1,i2,not-a-date,view',
    'u2,i1,2024-01-01T11:00:00Z,purchase',
    'u2,,2024-01-01T11:05:00Z,view',
    'u3,i3,2024-01-02T09:00:00Z,view,extra-field',
    'u3,i1,2024-01-02T09:30:00Z,cart',
  ].join('\n');
  await page.getByTestId('file-input').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('mapping-form')).toBeVisible();
  await page.getByTestId('load-files').click();
  const report = page.getByTestId('report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId('rows-read')).toContainText('6');
  await expect(report.getByTestId('rows-rejected').locator('.kpi__value')).toHaveText('3');
  const bad = report.locator('[data-testid=report-entry][data-code=bad-timestamp]');
  await expect(bad).toHaveCount(1);
  const examples = bad.getByTestId('report-examples');
  await expect(examples).toContainText('events.csv');
  await expect(examples.locator('tbody tr').first()).toContainText('3');
  await expect(examples).toContainText('timestamp');
  await expect(examples).toContainText('not-a-date');
  await shot(page, 'test-results/data-malformed-csv.png');
  expect(foreign).toEqual([]);
});

test('a known format (MovieLens files) is recognised by name, loaded with item titles', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(context, new URL(baseURL!).origin);
  await freshPage(page);
  const dir = 'src/core/data/loaders/fixtures/movielens';
  await page.getByTestId('file-input').setInputFiles([`${dir}/ratings.csv`, `${dir}/movies.csv`]);
  await expect(page.getByTestId('staged-files')).toContainText('ratings.csv');
  await page.getByRole('button', { name: 'Use that format' }).click();
  await expect(page.getByTestId('file-format')).toHaveValue('preset:movielens');
  await page.getByTestId('load-files').click();
  await expect(page.getByTestId('stats')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('action-bars').locator('[data-kind="rating"]')).toHaveCount(1);
  await expect(page.getByTestId('top-items')).toContainText('Toy Story (1995)');
  expect(foreign).toEqual([]);
});

test('synthetic small: generated in the worker, statistics shown', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(context, new URL(baseURL!).origin);
  await freshPage(page);
  await page.getByTestId('preset-synthetic-small').click();
  await expect(page.getByTestId('stats')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('header-dataset')).toContainText('synthetic-small');
  const bars = page.getByTestId('action-bars');
  for (const kind of ['view', 'click', 'cart', 'purchase']) await expect(bars.locator(`[data-kind="${kind}"]`)).toHaveCount(1);
  await expect(page.getByTestId('seq-histogram')).toBeVisible();
  await expect(page.getByTestId('top-items').locator('tbody tr')).toHaveCount(20);
  const events = await page.getByTestId('stat-events').locator('.kpi__value').innerText();
  expect(Number(events.replace(/,/g, ''))).toBeGreaterThan(40_000);
  await shot(page, 'test-results/data-synthetic-small.png');
  expect(foreign).toEqual([]);
});

test('cancel stops a running generation and keeps the page usable', async ({ page }) => {
  await freshPage(page);
  await page.getByTestId('preset-synthetic-large').click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('data-error')).toContainText('cancelled');
  await expect(page.getByTestId('header-dataset')).toHaveText('No dataset loaded');
});

test('when the storage quota is too small the dataset stays usable and the page says why', async ({ page, context, baseURL }) => {
  await freshPage(page);
  const origin = new URL(baseURL!).origin;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 200_000 });
  try {
    await page.getByTestId('preset-synthetic-small').click();
    await expect(page.getByTestId('stats')).toBeVisible({ timeout: 60_000 });
    const notice = page.getByTestId('persistence');
    await expect(notice).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await expect(notice).toContainText('quota');
    await expect(notice).toContainText('stays loaded for this session');
    await expect(page.getByTestId('header-dataset')).toContainText('synthetic-small');
    await shot(page, 'test-results/data-quota-error.png');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
});

test('the address ?dataset=online-retail (what `npm start` opens) loads the bundled data, then leaves the address', async ({ page }) => {
  test.setTimeout(240_000);
  await freshPage(page);
  await page.goto('/?dataset=online-retail#/data');
  await expect(page.getByTestId('header-dataset')).toContainText('541,909 events', { timeout: 120_000 });
  await expect(page).not.toHaveURL(/dataset=/);
  // An unknown id says which ones exist instead of failing silently.
  await page.goto('/?dataset=no-such-data#/data');
  await expect(page.getByTestId('data-error')).toContainText('synthetic-small');
});
