// The one test command (README, .ci/run): type-check, unit tests (Vitest), browser tests
// (Playwright on a system Chromium), then one summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const REPORTS = '.test-reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const only = process.argv[2]; // optional: "unit" | "e2e"
const steps = [];
if (!only || only === 'unit') {
  steps.push({ name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] });
  steps.push({
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/unit.json`],
  });
}
if (!only || only === 'e2e') steps.push({ name: 'e2e', cmd: ['npx', 'playwright', 'test'] });

let failedSteps = 0;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    failedSteps++;
    console.error(`=== ${step.name} failed (exit ${r.status ?? r.signal})`);
  }
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}
let passed = 0, failed = 0, skipped = 0;
const unit = readJson(`${REPORTS}/unit.json`);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
}
const e2e = readJson(`${REPORTS}/e2e.json`);
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
}
if (failedSteps > 0 && failed === 0) failed = failedSteps; // a step failed outside any test (typecheck, build)
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 && failed === 0) {
  console.error('no test was executed');
  process.exit(1);
}
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
