import { expect, test } from '@playwright/test';

// The PinSage flow in the browser: a tiny training run on the synthetic world in the PinSage
// worker (producer worker, IndexedDB checkpoints), live charts, P1 results, the Evaluate table
// and the item lookup next to the walk neighbourhood.
test('Train panel trains PinSage in a worker; Evaluate shows P1 and the item lookup', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#train');
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible({ timeout: 120_000 });
  const set = (k: string, v: number) => page.locator(`[data-field="${k}"]`).fill(String(v));
  await set('hidden', 32);
  await set('output', 32);
  await set('epochs', 2);
  await set('maxStepsPerEpoch', 5);
  await set('batchSize', 128);
  await set('validateEvery', 3);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-live')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('train-result')).toContainText('pinsage / importance-pooling: Recall@10');
  await expect(page.getByTestId('train-result')).toContainText('popularity');
  expect(Number(await page.getByTestId('chart-val').getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
  // Evaluate: same session (hash navigation), the run's rows and a lookup
  await page.evaluate(() => (location.hash = '#evaluate'));
  await expect(page.getByTestId('panel-evaluate')).toBeVisible();
  await expect(page.getByTestId('p1-table')).toContainText('importance-pooling');
  await expect(page.getByTestId('p1-table')).toContainText('itemknn');
  await page.getByTestId('item-search').fill('a');
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('lookup-nearest').locator('li')).toHaveCount(10);
  await expect(page.getByTestId('lookup-walk').locator('li').first()).toBeVisible();
  expect(errors).toEqual([]);
});
