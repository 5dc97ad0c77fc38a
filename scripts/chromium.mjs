// Finds a Chromium to drive with Playwright. Never downloads one.
// Order: explicit path, $KLOA_CHROMIUM / $CHROMIUM_PATH, the system's chromium / google-chrome.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const CHROMIUM_HELP = [
  'No Chromium was found. The workbench drives a system Chromium and never downloads one.',
  'Install one (Debian/Ubuntu: `sudo apt-get install chromium`), or point to an existing',
  'Chrome/Chromium binary with `--browser PATH` or the environment variable KLOA_CHROMIUM=PATH.',
].join('\n');

/** @param {string | undefined} explicit */
export function findChromium(explicit) {
  const tried = [];
  for (const candidate of [explicit, process.env.KLOA_CHROMIUM, process.env.CHROMIUM_PATH]) {
    if (!candidate) continue;
    tried.push(candidate);
    if (existsSync(candidate)) return { path: candidate, tried };
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return { path: found, tried };
    } catch {
      tried.push(name + ' (not on PATH)');
    }
  }
  for (const candidate of SYSTEM_CANDIDATES) {
    tried.push(candidate);
    if (existsSync(candidate)) return { path: candidate, tried };
  }
  return { path: null, tried };
}

/** Flags that give WebGPU in headless Chromium, on SwiftShader where no GPU is present. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--enable-features=Vulkan,SharedArrayBuffer',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
];
