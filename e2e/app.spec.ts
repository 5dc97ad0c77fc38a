import { expect, test } from '@playwright/test';
import { recordForeignRequests } from './helpers';
import { PANELS } from '../src/ui/shell/panels';


test('the page and the data worker are cross-origin isolated', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const status = page.getByTestId('isolation');
  await expect(status).toHaveAttribute('data-page', 'true');
  // The data worker answers its `env` job with its own `self.crossOriginIsolated`.
  await expect(status).toHaveAttribute('data-worker', 'true');
});

test('navigation: every panel is reachable, the choice lives in the URL hash, unbuilt panels say so', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(context, new URL(baseURL!).origin);
  await page.goto('/');
  await expect(page.getByTestId('panel-data')).toBeVisible();
  await expect(page.getByTestId('header-dataset')).toBeVisible();
  await expect(page.getByTestId('header-backend')).toBeVisible();
  // The header's compute chip opens the backend settings; Escape closes them.
  await page.getByTestId('backend-chip').click();
  const settings = page.getByRole('dialog', { name: 'Compute backend settings' });
  await expect(settings).toContainText('Compute backend');
  await expect(settings.locator('select')).toHaveValue(/auto|webgpu|wasm|cpu/);
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  for (const p of PANELS) {
    await page.locator(`nav a[data-panel="${p.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#/${p.id}$`));
    const view = page.getByTestId(`panel-${p.id}`);
    await expect(view).toBeVisible();
    // Unbuilt panels say so honestly (no mock content); built ones do not.
    if (p.built) await expect(view).not.toContainText('Not built yet');
    else await expect(view).toContainText('Not built yet');
  }
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/${PANELS[PANELS.length - 2].id}$`));
  await page.goto('/#/data');
  await expect(page.getByTestId('panel-data')).toBeVisible();
  await page.goto('/#/train');
  await page.reload();
  await expect(page.getByTestId('panel-train')).toBeVisible();
  expect(foreign).toEqual([]);
});
