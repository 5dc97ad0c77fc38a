// npm run bench [-- --json FILE] [--filter id1,id2] [--no-build]
// Builds the app, serves it with the isolation headers, runs bench/index.html in headless system
// Chromium, prints a table and writes JSON (bench-results/latest.json, and FILE with --json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS, CHROMIUM_HELP } from './chromium.mjs';
import { serveDist } from './serve.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const jsonFile = opt('--json');
const filter = opt('--filter') ?? '';
const timeoutMin = Number(opt('--timeout-min') ?? 60);

const browserPath = findChromium(opt('--browser')).path;
if (!browserPath) {
  console.error(CHROMIUM_HELP);
  process.exit(3);
}
if (!args.includes('--no-build')) {
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const server = await serveDist();
const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS, headless: true });
let exitCode = 0;
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.text().startsWith('[bench]')) console.log(m.text());
  });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(`${server.url}/bench/index.html?filter=${encodeURIComponent(filter)}`);
  await page.waitForFunction(() => window.__bench?.done === true, undefined, { timeout: timeoutMin * 60_000, polling: 500 });
  const state = await page.evaluate(() => window.__bench);
  const entries = state.entries.map((e) => ({ ...e, value: Number(e.value.toPrecision(6)) }));
  console.log('\n' + table(entries));
  const out = JSON.stringify(entries, null, 2) + '\n';
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', out);
  if (jsonFile) {
    mkdirSync(dirname(jsonFile), { recursive: true });
    writeFileSync(jsonFile, out);
    console.log(`written: ${jsonFile}`);
  }
  if (state.errors.length) {
    console.error(`\n${state.errors.length} benchmark case(s) failed:\n` + state.errors.join('\n'));
    exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);

function table(entries) {
  const rows = [['name', 'value', 'unit', 'backend', 'dataset', 'note']].concat(
    entries.map((e) => [e.name, String(e.value), e.unit, e.backend ?? '', e.dataset ?? '', e.note ?? '']),
  );
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
