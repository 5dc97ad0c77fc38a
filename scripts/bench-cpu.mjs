// Runs the browser benchmarks like `npm run bench` (built app, headless Chromium) and adds, to every
// "[bench] … N steps + M restarts in S s" line, the CPU seconds this browser's renderer processes
// used since the previous bench line and the steps per CPU second. On a shared, loaded machine the
// wall-clock rate measures the share of a core the workers got; steps per CPU second measures the
// code (for 2-worker runs it is the rate per worker). Linux only (/proc).
//   npx vite build && node scripts/bench-cpu.mjs [--filter ids] [--browser path]
// (KLOA_OUT_DIR picks the build folder, as for the bench.) The first run of a case also carries
// the case's warm-up run and graph build in its CPU seconds: read runs 2 and 3.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS, CHROMIUM_HELP } from './chromium.mjs';
import { serveDist } from './serve.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const filter = opt('--filter') ?? '';
const browserPath = findChromium(opt('--browser')).path;
if (!browserPath) {
  console.error(CHROMIUM_HELP);
  process.exit(3);
}
// a flag no other Chromium on the machine has: finds this browser's process tree
const marker = `--kloa-bench-cpu-${process.pid}`;

/** pid → { ppid, cpu seconds (user + system), renderer? } of every process. */
function processes() {
  const out = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(Number(pid), { ppid: Number(st[1]), cpu: (Number(st[11]) + Number(st[12])) / 100, cmd });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function rendererCpu(root) {
  const ps = processes();
  const mine = (pid) => {
    for (let p = pid, k = 0; p > 1 && k < 16; p = ps.get(p)?.ppid ?? 0, k++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of ps) if (p.cmd.includes('--type=renderer') && mine(pid)) total += p.cpu;
  return total;
}

const server = await serveDist();
const browser = await chromium.launch({ executablePath: browserPath, args: [...CHROMIUM_ARGS, marker], headless: true });
let exitCode = 0;
try {
  let root = 0;
  for (const [pid, p] of processes()) if (p.cmd.includes(marker) && !p.cmd.includes('--type=')) root = pid;
  if (!root) throw new Error('could not find the browser process');
  const page = await browser.newPage();
  let last = rendererCpu(root);
  page.on('console', (m) => {
    const text = m.text();
    if (!text.startsWith('[bench]')) return;
    const now = rendererCpu(root);
    const cpu = now - last;
    last = now;
    const run = /(\d+) steps \+ \d+ restarts in [\d.]+ s/.exec(text);
    const extra = run && cpu > 0 ? ` | renderer CPU ${cpu.toFixed(2)} s → ${(Number(run[1]) / cpu / 1e6).toFixed(2)} M steps per CPU s` : '';
    console.log(`${text}${extra} (load ${loadavg()[0].toFixed(1)})`);
  });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(`${server.url}/bench/index.html?filter=${encodeURIComponent(filter)}`);
  await page.waitForFunction(() => window.__bench?.done === true, undefined, { timeout: 60 * 60_000, polling: 500 });
  const state = await page.evaluate(() => window.__bench);
  if (state.errors.length) {
    console.error(`${state.errors.length} benchmark case(s) failed:\n` + state.errors.join('\n'));
    exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
