import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { startFeedsSimo } from './helpers';

// The Runs panel (docs/runs.md): two tiny PinSage runs on the synthetic small world are kept in
// IndexedDB and listed with their metrics, survive a reload, compare (only the differing config key,
// two overlaid curves), download as a pipeline config the batch CLI's validator accepts, a bad
// config file names the key, a re-run gives the same P1 numbers, a run cut by a reload shows as
// interrupted, delete removes a row.

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

type Validate = (input: unknown) => { ok: true; config: { stages: { stage: string; hidden?: number }[] } } | { ok: false; problems: { path: string }[] };

/** The validator exactly as scripts/batch.mjs loads it (vite runnerImport of src/core/pipeline/validate.ts). */
async function batchValidator(): Promise<Validate> {
  const { module } = await runnerImport<{ validatePipelineConfig: Validate }>(join(ROOT, 'src/core/pipeline/validate.ts'), { configFile: false, logLevel: 'silent', root: ROOT });
  return module.validatePipelineConfig;
}

const TINY: Record<string, number> = { hidden: 16, output: 16, epochs: 1, maxStepsPerEpoch: 10, batchSize: 32, sharedNegatives: 20, validateEvery: 5, validationPairs: 40, walks: 10, walkLength: 6, tokenBuckets: 256, tokenDim: 8 };

async function train(page: Page, overrides: Record<string, number>): Promise<void> {
  await page.evaluate(() => (location.hash = '#train'));
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible({ timeout: 60_000 });
  for (const [k, v] of Object.entries({ ...TINY, ...overrides })) await page.locator(`[data-field="${k}"]`).fill(String(v));
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
}

test('Runs panel: runs persist, compare, download / open configs, interrupted, delete', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#train');
  await train(page, {});
  await train(page, { hidden: 24 });

  await page.evaluate(() => (location.hash = '#runs'));
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(2);
  await expect(rows.first().getByTestId('run-metrics')).toContainText(/R@10 0\.\d{4}/);

  // reload: still listed, with their metrics
  await page.reload();
  await expect(page.getByTestId('panel-runs')).toBeVisible();
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(2);
  for (const m of await page.getByTestId('run-metrics').allTextContents()) expect(m).toMatch(/R@10 0\.\d{4} · R@50 0\.\d{4}/);

  // compare: only the differing key (hidden), two curves on each chart
  for (const box of await page.getByTestId('run-select').all()) await box.check();
  const diff = page.getByTestId('runs-diff');
  await expect(diff).toBeVisible();
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(diff.locator('tr[data-key="config.hidden"]')).toContainText('24');
  await expect(diff.locator('tr[data-key="config.hidden"]')).toContainText('16');
  await expect(page.getByTestId('runs-chart-val')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('runs-chart-loss')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('runs-metrics')).toContainText('recall@10');

  // download the newest run's config: the pipeline schema (as the batch CLI loads it) accepts it
  const newest = rows.first();
  const [download] = await Promise.all([page.waitForEvent('download'), newest.getByTestId('run-config').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  const validate = await batchValidator();
  const v = validate(JSON.parse(text));
  expect(v.ok, JSON.stringify(!v.ok && v.problems)).toBe(true);
  if (v.ok) expect(v.config.stages.find((s) => s.stage === 'pinsage')?.hidden).toBe(24);

  // a bad config: the error names the key and the allowed values; nothing is loaded
  const bad = JSON.parse(text) as { stages: Record<string, unknown>[] };
  bad.stages.find((s) => s.stage === 'pinsage')!.variant = 'mean-ish';
  await page.getByTestId('runs-open-config').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const problems = page.getByTestId('runs-config-problems');
  await expect(problems).toContainText('stages.2.variant');
  await expect(problems).toContainText('importance-pooling');
  expect(validate(bad).ok).toBe(false);

  // the good one goes into the Train form
  await page.getByTestId('runs-open-config').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('runs-config-problems')).toHaveCount(0);
  await expect(page.getByTestId('runs-notice')).toContainText('good.json loaded into the Train panel');
  await page.getByTestId('runs-goto-train').click();
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible();
  await expect(page.locator('[data-field="hidden"]')).toHaveValue('24');

  // re-run the first run (hidden 16) from scratch: a third done row, same P1 numbers (same config, seed, backend)
  await page.evaluate(() => (location.hash = '#runs'));
  const firstMetrics = await rows.last().getByTestId('run-metrics').textContent();
  await rows.last().getByTestId('run-rerun').click();
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible();
  await expect(page.locator('[data-field="hidden"]')).toHaveValue('16');
  await page.evaluate(() => (location.hash = '#runs'));
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(3, { timeout: 120_000 });
  await expect(rows.first().getByTestId('run-name')).toContainText('#3');
  expect(await rows.first().getByTestId('run-metrics').textContent()).toBe(firstMetrics);

  // a run cut by a reload is interrupted, never done
  await page.evaluate(() => (location.hash = '#train'));
  await page.locator('[data-field="maxStepsPerEpoch"]').fill('400');
  await page.locator('[data-field="epochs"]').fill('3');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-live')).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => (location.hash = '#runs'));
  await expect(page.locator('[data-testid="run-row"][data-status="running"]')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('[data-testid="run-row"][data-status="interrupted"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="run-row"][data-status="running"]')).toHaveCount(0);

  // delete
  await page.locator('[data-testid="run-row"][data-status="interrupted"]').getByTestId('run-delete').click();
  await expect(rows).toHaveCount(3);
  await rows.first().getByTestId('run-delete').click();
  await expect(rows).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('Runs panel: a SIMO run of the Feeds panel is kept with its P3 metrics, config, re-run and artifacts', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await startFeedsSimo(page, 12);
  await expect(page.getByTestId('feeds-simo-run')).toContainText('recorded in the Runs panel', { timeout: 200_000 });
  // recomposing with the same data and steps reuses the encoder: no second run
  await page.getByTestId('feeds-compose').click();
  await expect(page.getByTestId('feeds-summary')).toBeVisible({ timeout: 60_000 });

  await page.evaluate(() => (location.hash = '#runs'));
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row.getByTestId('run-model')).toHaveAttribute('data-model', 'simo');
  await expect(row.getByTestId('run-name')).toContainText('SIMO 12 steps #1');
  const metrics = (await row.getByTestId('run-metrics').textContent()) ?? '';
  expect(metrics).toMatch(/^view-buy R@10 [01]\.\d{4} · buy-buy R@10 [01]\.\d{4}$/);

  // its config as a pipeline config: a pfeed stage with the panel's SIMO settings; the batch validator accepts it
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('run-config').click()]);
  const configText = readFileSync((await download.path())!, 'utf8');
  const v = (await batchValidator())(JSON.parse(configText));
  expect(v.ok, JSON.stringify(!v.ok && v.problems)).toBe(true);
  if (v.ok) expect(v.config.stages.map((s) => s.stage)).toEqual(['load', 'pfeed', 'evaluate', 'export']);
  if (v.ok) expect(v.config.stages.find((s) => s.stage === 'pfeed')?.hidden).toBe(32);
  // opened again, its pfeed stage goes into the Feeds panel (SIMO config, 4 × 3 = 12 steps)
  await page.getByTestId('runs-open-config').setInputFiles({ name: 'simo.json', mimeType: 'application/json', buffer: Buffer.from(configText) });
  await expect(page.getByTestId('runs-notice')).toContainText('simo.json loaded into the Feeds panel');
  await page.getByTestId('runs-goto-feeds').click();
  await expect(page.getByTestId('feeds-file-config')).toContainText('d32, 1 layer, 3 epochs');
  await expect(page.getByTestId('feeds-simo-steps')).toHaveValue('12');
  await page.evaluate(() => (location.hash = '#runs'));

  // kept across a reload; its lookup tables and feeds are not: Artifacts rebuilds them (SIMO trained
  // again from the run's config, no new record, the same P3 numbers) and opens the Export panel
  await page.reload();
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(1);
  expect(await rows.first().getByTestId('run-metrics').textContent()).toBe(metrics);
  await rows.first().getByTestId('run-artifacts').click();
  await expect(page.getByTestId('export-pfeed')).toContainText('SIMO', { timeout: 200_000 });
  await expect(page.getByTestId('export-pfeed-none')).toHaveCount(0);
  await page.evaluate(() => (location.hash = '#runs'));
  await expect(page.getByTestId('runs-notice')).toContainText('the same P3 numbers as recorded');
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(1);

  // re-run: trained again in the Feeds panel, same P3 numbers (same config, seed, backend)
  await rows.first().getByTestId('run-rerun').click();
  await expect(page.getByTestId('panel-feeds')).toBeVisible();
  await expect(page.getByTestId('feeds-simo-run')).toBeVisible({ timeout: 200_000 });
  await page.evaluate(() => (location.hash = '#runs'));
  await expect(page.locator('[data-testid="run-row"][data-status="done"]')).toHaveCount(2);
  await expect(rows.first().getByTestId('run-name')).toContainText('#2');
  expect(await rows.first().getByTestId('run-metrics').textContent()).toBe(metrics);

  // compare: P3 rows per relation side by side
  for (const box of await page.getByTestId('run-select').all()) await box.check();
  await expect(page.getByTestId('runs-metrics')).toContainText('P3 simo / d32 view-buy');
  // artifacts of the newest: the Export panel with its lookup tables and feeds
  await rows.first().getByTestId('run-artifacts').click();
  await expect(page.getByTestId('export-pfeed-include')).toBeChecked();
  await expect(page.getByTestId('export-pfeed')).toContainText('SIMO');

  await page.evaluate(() => (location.hash = '#runs'));
  await rows.last().getByTestId('run-delete').click();
  await expect(rows).toHaveCount(1);
  expect(errors).toEqual([]);
});
