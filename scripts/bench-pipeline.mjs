// npm run bench:pipeline [-- --json FILE] [--config FILE] [--backend NAME] [--runs N]
// The benchmark entry `pipeline.online-retail` (../shared/PROTOCOLS.md "Benchmarks"): the default
// batch pipeline (configs/default.json: load → walks → pinsage → pinnerformer → pfeed → evaluate → export on the bundled
// Online Retail) end to end through the CLI (scripts/batch.mjs), wall-clock seconds of the whole
// command, plus one `pipeline.online-retail.<stage>` entry per stage (the split by stage).
// With --runs N > 1 the values are medians. Writes bench-results/pipeline.json (and FILE with --json).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const config = opt('--config') ?? join(ROOT, 'configs/default.json');
const runs = Math.max(1, Number(opt('--runs') ?? 1));
const backend = opt('--backend');
const jsonFile = opt('--json');

function runOnce() {
  return new Promise((res, rej) => {
    const out = mkdtempSync(join(tmpdir(), 'kloa-bench-pipeline-'));
    const cli = [join(ROOT, 'scripts/batch.mjs'), '--config', config, '--out', out, '--quiet', ...(backend ? ['--backend', backend] : [])];
    const t0 = performance.now();
    const child = spawn(process.execPath, cli, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d.toString();
      process.stdout.write(d);
    });
    for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => child.kill(sig));
    child.on('exit', (code) => {
      const wall = (performance.now() - t0) / 1000;
      rmSync(out, { recursive: true, force: true });
      const line = stdout.split('\n').find((l) => l.startsWith('BATCH_RESULT '));
      if (code !== 0 || !line) return rej(new Error(`the batch CLI exited with ${code}`));
      res({ wall, ...JSON.parse(line.slice('BATCH_RESULT '.length)) });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = [];
try {
  for (let i = 0; i < runs; i++) results.push(await runOnce());
} catch (e) {
  console.error(`bench:pipeline: ${e.message}`);
  process.exit(1);
}
const dataset = 'online-retail';
const be = results[0].backend;
const stages = results[0].timings.map((t) => t.stage);
const entries = [
  {
    name: `pipeline.${dataset}`,
    value: Number(median(results.map((r) => r.wall)).toPrecision(6)),
    unit: 's',
    backend: be,
    dataset,
    note: `npm run batch (${stages.join(' → ')}), whole command incl. browser start; median of ${runs}; split: ${stages
      .map((s) => `${s} ${median(results.map((r) => r.timings.find((t) => t.stage === s)?.seconds ?? 0)).toFixed(1)} s`)
      .join(', ')}`,
  },
  ...stages.map((s) => ({
    name: `pipeline.${dataset}.${s}`,
    value: Number(median(results.map((r) => r.timings.find((t) => t.stage === s)?.seconds ?? 0)).toPrecision(6)),
    unit: 's',
    backend: be,
    dataset,
  })),
];
const text = JSON.stringify(entries, null, 2) + '\n';
console.log('\n' + entries.map((e) => `${e.name.padEnd(36)} ${String(e.value).padStart(10)} ${e.unit}  [${e.backend}]`).join('\n'));
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results/pipeline.json'), text);
if (jsonFile) {
  mkdirSync(dirname(resolve(jsonFile)), { recursive: true });
  writeFileSync(jsonFile, text);
  console.log(`written: ${jsonFile}`);
}
