import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// A load that cannot fit is refused with a clear message before any byte is read
// (src/core/data/load-budget.ts, docs/limits.md): here the browser reports a 256 MiB device.
test('a file too large for this browser is refused before loading, with why and what to do', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.25 }));
  await page.goto('/#/data');
  const line = 'u1,i1,2024-01-01T10:00:00Z,view\n';
  const path = test.info().outputPath('big.csv');
  writeFileSync(path, 'user,item,time,event\n' + line.repeat(Math.ceil(80e6 / line.length)));
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('mapping-form')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('load-files').click();
  const error = page.getByTestId('data-error');
  await expect(error).toContainText('would need at least');
  await expect(error).toContainText('Nothing was loaded');
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
});
