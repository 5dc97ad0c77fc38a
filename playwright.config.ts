import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ES module shared with the Node scripts
import { findChromium, CHROMIUM_ARGS, CHROMIUM_HELP } from './scripts/chromium.mjs';

const chromium = findChromium(undefined) as { path: string | null };
if (!chromium.path) throw new Error(CHROMIUM_HELP);

const PORT = Number(process.env.KLOA_E2E_PORT ?? 4391);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-reports/e2e.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
