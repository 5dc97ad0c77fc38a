// npm run batch -- [--config FILE] [--out DIR] [--backend auto|webgpu|wasm|cpu] [--browser PATH] [--stages a,b] [--rebuild]
// The headless batch mode (docs/batch.md): validates the pipeline config, builds the app when its
// batch page is missing, serves it on a loopback port with the isolation headers, drives the batch
// page (batch.html) in a headless system Chromium, prints per-stage progress and metrics, and
// writes the artifacts atomically (temp name, then rename; nothing half-written on failure).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_HELP, findChromium } from './chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Exit codes (docs/batch.md "Exit codes"). */
export const EXIT = Object.freeze({
  ok: 0,
  internal: 1,
  config: 2,
  dataset: 3,
  noBrowser: 4,
  stage: 5,
  build: 6,
  sigint: 130,
  sigterm: 143,
});

const HELP = `Usage: npm run batch -- [options]

Runs the workbench pipeline (load → walks → pinsage → pinnerformer → pfeed → evaluate → export;
the stages the config lists) headless, in a real Chromium, with exactly the code the UI runs, and
writes the artifacts to a folder (docs/batch.md).

Options
  --config FILE     pipeline config (JSON; docs/batch.md). Default: configs/default.json
                    (the bundled Online Retail dataset, default PinSage, P1, every export format).
  --out DIR         output folder. Default: the config's output.dir, else runs/<timestamp>/.
  --backend NAME    auto | webgpu | wasm | cpu (overrides the config's "backend").
  --browser PATH    Chrome / Chromium binary. Else $KLOA_CHROMIUM, the system's chromium /
                    google-chrome, Playwright's own if installed. Never downloads one.
  --stages a,b      run only these stages (in pipeline order; others' settings are kept).
  --previous DIR    daily incremental run: reuse the models and snapshots of the run in DIR
                    (PinnerFormer incremental inference, Pfeed refresh) on the new day's events
                    instead of retraining. Needs --events; --config must be DIR's config.
  --events FILE     the new day's events (CSV / TSV / JSON lines / Parquet with columns
                    shopper_id, item_id, action, timestamp); several files: a,b.
  --rebuild         rebuild the app even when the build folder has the batch page.
  --quiet           no progress bars, only stage summaries and the result.
  -h, --help        this text.

Environment
  KLOA_OUT_DIR      build folder to serve (default dist/); built when its batch.html is missing.
  KLOA_CHROMIUM     Chromium path when --browser is not given.

Exit codes
  0    success: every stage ran and every artifact was written.
  1    unexpected internal error (a bug: please report it with the output).
  2    bad config or arguments: the message names each offending key and the allowed values.
  3    bad dataset: a dataset file is missing or unreadable, or nothing could be loaded from it.
  4    no browser: no Chromium was found (see --browser / KLOA_CHROMIUM).
  5    a stage failed (training diverged, out of memory, …): the message names the stage.
  6    the app could not be built or served.
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM). The browser and server are closed.`;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const out = { config: undefined, out: undefined, backend: undefined, browser: undefined, stages: undefined, previous: undefined, events: undefined, rebuild: false, quiet: false, help: false };
  const valued = new Set(['--config', '--out', '--backend', '--browser', '--stages', '--previous', '--events']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') out.help = true;
    else if (a === '--rebuild') out.rebuild = true;
    else if (a === '--quiet') out.quiet = true;
    else if (valued.has(a.split('=')[0])) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, argv[++i]];
      if (inline === undefined || inline.startsWith('--')) throw new UsageError(`${name} needs a value`);
      out[name.slice(2)] = inline;
    } else throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
  }
  if (out.backend !== undefined && !['auto', 'webgpu', 'wasm', 'cpu'].includes(out.backend)) {
    throw new UsageError(`--backend ${JSON.stringify(out.backend)} is not allowed; allowed: auto, webgpu, wasm, cpu`);
  }
  if (out.previous !== undefined && out.events === undefined) throw new UsageError('--previous needs --events FILE (the new day\'s events)');
  if (out.events !== undefined && out.previous === undefined) throw new UsageError('--events is for the incremental run: give --previous DIR (the previous run\'s output folder) too');
  if (out.previous !== undefined && out.stages !== undefined) throw new UsageError('--stages does not apply to an incremental run (--previous): it runs load, the incremental inference / refresh and the export');
  return out;
}

class UsageError extends Error {}

/** A failure with its exit code and a paragraph saying what to do. */
class BatchFailure extends Error {
  constructor(code, title, advice) {
    super(title);
    this.code = code;
    this.advice = advice;
  }
}

// ---------------------------------------------------------------- output helpers

const isTTY = process.stdout.isTTY === true;
const log = (line = '') => process.stdout.write(line + '\n');

function fail(failure) {
  process.stderr.write(`\nbatch: ${failure.message}\n`);
  if (failure.advice) process.stderr.write(`\n${failure.advice}\n`);
  return failure.code;
}

function bar(done, total, width = 24) {
  const f = total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

function fmtSeconds(s) {
  return s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0)} s` : `${s.toFixed(1)} s`;
}

/** Renders pipeline events: a redrawn progress line per stage on a terminal, sparse lines otherwise. */
function progressPrinter(quiet) {
  let current = null;
  let lastPct = -1;
  let lastDraw = 0;
  let lineOpen = false;
  const endLine = () => {
    if (lineOpen) process.stdout.write('\n');
    lineOpen = false;
  };
  return (e) => {
    switch (e.type) {
      case 'backend': {
        const i = e.info;
        const adapter = i.adapter ? ` (adapter: ${[i.adapter.vendor, i.adapter.architecture, i.adapter.description].filter(Boolean).join(' ') || 'unnamed'})` : '';
        const wasm = i.wasm ? `, ${i.wasm.threads} thread(s), simd ${i.wasm.simd}` : '';
        log(`backend: ${i.backend} — ${i.reason}${wasm}${adapter}`);
        break;
      }
      case 'stage-start':
        endLine();
        current = e.stage;
        lastPct = -1;
        log(`[${e.index + 1}/${e.count}] ${e.stage}`);
        break;
      case 'progress': {
        if (quiet || e.stage !== current) break;
        const pct = e.total > 0 ? Math.floor((100 * e.done) / e.total) : 0;
        const now = Date.now();
        const note = e.note ? `  ${e.note}` : '';
        if (isTTY) {
          if (now - lastDraw < 100 && pct === lastPct) break;
          lastDraw = now;
          lastPct = pct;
          process.stdout.write(`\r  ${bar(e.done, e.total)}${note}`.slice(0, (process.stdout.columns || 120) - 1).padEnd(Math.min(100, (process.stdout.columns || 120) - 1)));
          lineOpen = true;
        } else if (pct >= lastPct + 10 || (now - lastDraw > 30_000 && pct !== lastPct)) {
          lastDraw = now;
          lastPct = pct;
          log(`  ${bar(e.done, e.total)}${note}`);
        }
        break;
      }
      case 'log':
        endLine();
        log(`  ${e.message}`);
        break;
      case 'stage-end': {
        endLine();
        const summary = Object.entries(e.summary)
          .map(([k, v]) => `${k} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : v}`)
          .join(', ');
        log(`  done in ${fmtSeconds(e.seconds)}${summary ? ` — ${summary}` : ''}`);
        break;
      }
      case 'metrics':
        endLine();
        log(metricsTable(e.entries));
        break;
      default:
        break;
    }
  };
}

function metricsTable(entries) {
  const names = [...new Set(entries.flatMap((r) => Object.keys(r.metrics)))];
  // P3 entries differ by relation / complexity class, P4 entries by business rule: shown beside the variant
  const variant = (r) => [r.variant, r.relation, r.complexity, r.rule].filter((x) => typeof x === 'string' && x).join(' ');
  const rows = [['protocol', 'model', 'variant', ...names], ...entries.map((r) => [r.protocol, r.model, variant(r), ...names.map((n) => (r.metrics[n] === undefined ? '' : r.metrics[n].toFixed(4)))])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => '  ' + r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

// ---------------------------------------------------------------- config and dataset

async function loadValidator() {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(join(ROOT, 'src/core/pipeline/validate.ts'), { configFile: false, logLevel: 'silent', root: ROOT });
  return module;
}

function readConfig(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BatchFailure(EXIT.config, `cannot read the config file ${file}: ${e.code ?? e.message}`, 'Check the --config path (relative paths start at the current folder). Without --config, configs/default.json is used.');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BatchFailure(EXIT.config, `the config file ${file} is not valid JSON: ${e.message}`, 'Fix the JSON syntax (a trailing comma or a missing quote is the usual cause); docs/batch.md shows a complete example.');
  }
}

function datasetFiles(config, configDir) {
  const files = config.dataset.kind === 'synthetic' ? [] : config.dataset.files;
  return files.map((f, index) => {
    const path = resolve(configDir, f);
    let size;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
      size = st.size;
    } catch (e) {
      throw new BatchFailure(
        EXIT.dataset,
        `dataset file ${f} (${path}) cannot be read: ${e.code ?? e.message}`,
        'Paths in dataset.files are relative to the config file. Check that the file exists and is readable; the bundled Online Retail file is datasets/online-retail/online_retail.parquet.',
      );
    }
    return { index, name: basename(path), path, size };
  });
}

/** The previous run's files (those that exist) and the day's events files, served after the dataset files. */
function incrementalFiles(previousDir, eventsArg, offset, runFiles) {
  const dir = resolve(previousDir);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new BatchFailure(EXIT.config, `--previous ${dir} has no manifest.json`, 'Point --previous at the output folder of a complete batch run (a run writes manifest.json last, so a folder without it is incomplete).');
  }
  const events = eventsArg.split(',').map((f) => f.trim()).filter(Boolean).map((f, k) => {
    const path = resolve(f);
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw new BatchFailure(EXIT.dataset, `--events file ${f} (${path}) cannot be read`, 'Give the new day\'s events as CSV / TSV / JSON lines / Parquet with columns shopper_id, item_id, action, timestamp.');
    }
    return { index: offset + k, name: basename(path), path };
  });
  const previous = runFiles.filter((rel) => existsSync(join(dir, ...rel.split('/')))).map((rel, k) => ({ index: offset + events.length + k, name: rel, rel, path: join(dir, ...rel.split('/')) }));
  return { dir, events, previous };
}

// ---------------------------------------------------------------- build, serve, browser

let activeChild = null;

function buildApp(outDir) {
  return new Promise((res, rej) => {
    log(`building the app into ${outDir}/ (once; --rebuild to force)…`);
    const child = spawn(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, KLOA_OUT_DIR: outDir },
    });
    activeChild = child;
    child.on('error', (e) => rej(new BatchFailure(EXIT.build, `the build could not start: ${e.message}`, 'Run `npm ci` first; the build needs the project dependencies.')));
    child.on('exit', (code, signal) => {
      activeChild = null;
      if (code === 0) res();
      else rej(new BatchFailure(EXIT.build, `the build failed (${signal ?? `exit ${code}`})`, 'Run `npx vite build` to see the error; fix it or build into another folder with KLOA_OUT_DIR.'));
    });
  });
}

async function findBrowser(explicit) {
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new BatchFailure(EXIT.noBrowser, `no browser at --browser ${explicit}`, `${CHROMIUM_HELP}\nAn explicit --browser path is used as given: fix the path or leave the option out to search the system.`);
    }
    return explicit;
  }
  if (process.env.KLOA_CHROMIUM && !existsSync(process.env.KLOA_CHROMIUM)) {
    throw new BatchFailure(EXIT.noBrowser, `no browser at KLOA_CHROMIUM=${process.env.KLOA_CHROMIUM}`, `${CHROMIUM_HELP}\nFix KLOA_CHROMIUM or unset it to search the system.`);
  }
  const found = findChromium(undefined).path;
  if (found) return found;
  try {
    const { chromium } = await import('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright's own browsers are not installed: fall through to the help text
  }
  throw new BatchFailure(EXIT.noBrowser, 'no Chromium was found', `${CHROMIUM_HELP}\nPlaywright's own Chromium works too when installed (\`npx playwright install chromium\`), but this tool never downloads one.`);
}

// ---------------------------------------------------------------- artifacts

/** Writes artifacts under temp names, renames them into place at the end; `discard()` removes the temps. */
function artifactWriter(outDir) {
  const temps = [];
  const tag = `.partial-${process.pid}`;
  const createdDirs = [];
  const ensureDir = (d) => {
    const missing = [];
    for (let x = d; !existsSync(x); x = dirname(x)) missing.push(x);
    mkdirSync(d, { recursive: true });
    createdDirs.push(...missing);
  };
  return {
    target(path) {
      const final = resolve(outDir, ...path.split('/'));
      if (!final.startsWith(resolve(outDir) + sep)) throw new Error(`artifact path ${path} leaves the output folder`);
      return final;
    },
    begin(path) {
      const final = this.target(path);
      ensureDir(dirname(final));
      const temp = `${final}${tag}`;
      writeFileSync(temp, new Uint8Array(0));
      temps.push({ temp, final, path });
      return temp;
    },
    commit() {
      // manifest.json last: a folder with a manifest is complete
      const order = [...temps].sort((a, b) => Number(a.path === 'manifest.json') - Number(b.path === 'manifest.json'));
      for (const t of order) renameSync(t.temp, t.final);
      temps.length = 0;
    },
    discard() {
      for (const t of temps) rmSync(t.temp, { force: true });
      temps.length = 0;
      // folders this run created and left empty
      for (const d of [...createdDirs].sort((a, b) => b.length - a.length)) {
        try {
          if (readdirSync(d).length === 0) rmdirSync(d);
        } catch {
          // already gone or not empty
        }
      }
    },
  };
}

async function pullArtifact(page, writer, info) {
  const { appendFileSync } = await import('node:fs');
  const temp = writer.begin(info.path);
  const CHUNK = 8 << 20;
  for (let off = 0; off < info.bytes; off += CHUNK) {
    const b64 = await page.evaluate(([p, o, n]) => window.__kloaBatch.read(p, o, n), [info.path, off, Math.min(CHUNK, info.bytes - off)]);
    appendFileSync(temp, Buffer.from(b64, 'base64'));
  }
  const size = statSync(temp).size;
  if (size !== info.bytes) throw new Error(`artifact ${info.path}: ${size} bytes written, ${info.bytes} expected`);
}

// ---------------------------------------------------------------- main

function timestamp() {
  return new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(new BatchFailure(EXIT.config, e.message, 'Run `npm run batch -- --help` for the options.'));
    throw e;
  }
  if (args.help) {
    log(HELP);
    return EXIT.ok;
  }
  const t0 = performance.now();
  const configFile = resolve(args.config ?? join(ROOT, 'configs/default.json'));
  const validator = await loadValidator();
  let raw = readConfig(configFile);
  if (args.backend && raw && typeof raw === 'object') raw = { ...raw, backend: args.backend };
  if (args.stages) {
    const ids = args.stages.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ids.filter((s) => !validator.STAGE_IDS.includes(s));
    if (bad.length) return fail(new BatchFailure(EXIT.config, `--stages: unknown stage ${bad.map((b) => JSON.stringify(b)).join(', ')}; allowed: ${validator.STAGE_IDS.join(', ')}`, 'List stage ids separated by commas, e.g. --stages load,walks,pinsage,evaluate.'));
    raw = validator.selectStages(raw, ids);
  }
  const v = validator.validatePipelineConfig(raw);
  if (!v.ok) {
    return fail(
      new BatchFailure(
        EXIT.config,
        `the config ${configFile} is invalid:\n${validator.formatProblems(v.problems).replace(/^/gm, '  ')}`,
        'Fix each key named above (the path is the position in the JSON, e.g. stages.2.epochs is "epochs" of the third stage); allowed values are listed where the schema knows them. docs/batch.md lists every key with its default.',
      ),
    );
  }
  const config = v.config;
  const files = datasetFiles(config, dirname(configFile));
  const incremental = args.previous ? incrementalFiles(args.previous, args.events, files.length, validator.PREVIOUS_RUN_FILES) : null;
  const browserPath = await findBrowser(args.browser);

  const outDir = resolve(args.out ?? config.output.dir ?? join('runs', timestamp()));
  if (incremental && outDir === incremental.dir) {
    return fail(new BatchFailure(EXIT.config, `--out ${outDir} is the --previous folder`, 'Write the new day\'s run to another folder (--out); the previous run stays as it is.'));
  }
  const served = [...files, ...(incremental ? [...incremental.events, ...incremental.previous] : [])];
  const distDir = process.env.KLOA_OUT_DIR ?? 'dist';
  if (args.rebuild || !existsSync(join(ROOT, distDir, 'batch.html'))) await buildApp(distDir);

  log(`config: ${configFile}`);
  log(`dataset: ${config.dataset.kind === 'synthetic' ? `synthetic${config.dataset.preset ? ` (${config.dataset.preset})` : ''}` : files.map((f) => `${f.name} (${(f.size / 1e6).toFixed(1)} MB)`).join(', ')}`);
  if (incremental) {
    log(`incremental run: previous ${incremental.dir} (${incremental.previous.length} files), events ${incremental.events.map((f) => f.name).join(', ')}`);
  } else log(`stages: ${config.stages.map((s) => s.stage).join(' → ')}`);
  log(`browser: ${browserPath}`);
  log(`output: ${outDir}`);

  const { chromium } = await import('playwright-core');
  const { serveDist } = await import('./serve.mjs');
  let server;
  try {
    server = await serveDist();
  } catch (e) {
    throw new BatchFailure(EXIT.build, `the app could not be served: ${e.message}`, 'Check that the build folder exists (KLOA_OUT_DIR or dist/) and that a loopback port is free.');
  }
  resources.server = server;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (e) {
    throw new BatchFailure(EXIT.noBrowser, `the browser at ${browserPath} did not start: ${e.message.split('\n')[0]}`, `${CHROMIUM_HELP}\nIf the binary exists, it may lack libraries or need --no-sandbox (given already); try running it by hand with --headless.`);
  }
  resources.browser = browser;
  const writer = artifactWriter(outDir);
  resources.writer = writer;
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && process.env.KLOA_BATCH_DEBUG) process.stderr.write(`[page] ${m.text()}\n`);
  });
  await page.route('**/__batch/file/*', async (route) => {
    const index = Number(route.request().url().split('/').pop());
    const f = served[index];
    if (!f) return route.fulfill({ status: 404, body: 'no such dataset file' });
    await route.fulfill({ status: 200, body: readFileSync(f.path), headers: { 'Content-Type': 'application/octet-stream', 'Cross-Origin-Resource-Policy': 'same-origin' } });
  });
  await page.exposeFunction('__kloaBatchEvent', progressPrinter(args.quiet));
  await page.goto(`${server.url}/batch.html`);
  await page.waitForFunction(() => window.__kloaBatch?.ready === true, undefined, { timeout: 60_000 });
  const isolated = await page.evaluate(() => crossOriginIsolated);
  if (!isolated) log('warning: the page is not cross-origin isolated; threaded WASM is off');

  const request = { config: raw, files: files.map((f) => ({ name: f.name, index: f.index })) };
  if (incremental) {
    request.events = incremental.events.map((f) => ({ name: f.name, index: f.index }));
    request.previous = incremental.previous.map((f) => ({ path: f.rel, index: f.index }));
  }
  const response = await page.evaluate((req) => window.__kloaBatch.run(req), request);
  if (!response.ok) {
    const e = response.error;
    const problems = e.problems ? `\n${validator.formatProblems(e.problems).replace(/^/gm, '  ')}` : '';
    if (e.kind === 'config') throw new BatchFailure(EXIT.config, `${e.message}${problems}`, 'Fix the keys named above; docs/batch.md lists every key with its allowed values.');
    if (e.kind === 'dataset') {
      throw new BatchFailure(EXIT.dataset, `the dataset could not be loaded: ${e.message}`, 'Check that dataset.kind / preset / format and the column mapping match the files (the Data panel previews a file and suggests a mapping); the message above says what the loader found.');
    }
    if (e.kind === 'aborted') throw new BatchFailure(EXIT.stage, `the run was cancelled${e.stage ? ` in stage ${e.stage}` : ''}: ${e.message}`, 'Nothing was written. Run again.');
    throw new BatchFailure(
      EXIT.stage,
      `stage ${e.stage ?? '?'} failed: ${e.message}${pageErrors.length ? `\npage errors: ${pageErrors.join('; ')}` : ''}`,
      'No artifact was written. Try a smaller model or batch size (out of memory), a lower learningRate (divergence), or --backend wasm / cpu (a backend problem); the message names the stage and the cause.',
    );
  }
  for (const a of response.artifacts) await pullArtifact(page, writer, a);
  writer.commit();
  const total = (performance.now() - t0) / 1000;
  log('');
  log(`artifacts (${response.artifacts.length}) in ${outDir}:`);
  for (const a of response.artifacts) log(`  ${a.path.padEnd(44)} ${String(a.bytes).padStart(11)} B`);
  log('');
  log(`stage timings: ${response.timings.map((t) => `${t.stage} ${t.seconds.toFixed(1)} s`).join(', ')}`);
  log(`total ${fmtSeconds(total)} (backend ${response.backend.backend})`);
  const inc = response.incremental;
  if (inc) {
    const e = inc.events;
    log(`new day: ${e.appended} of ${e.read} events appended (${e.newDay} new since ${e.dayStart}; skipped ${e.unknownItems} on unknown items, ${e.noShopper} without shopper)`);
    if (inc.pinnerformer) log(`shopper snapshot: ${inc.pinnerformer.recomputed} recomputed, ${inc.pinnerformer.kept} kept, ${inc.pinnerformer.added} new (${inc.pinnerformer.shoppers} shoppers)`);
    if (inc.pfeed) log(`feeds: ${inc.pfeed.recomposed} recomposed (${inc.pfeed.changed} changed), ${inc.pfeed.unchanged} kept, ${inc.pfeed.added} new`);
  }
  // machine-readable summary for scripts (bench): one line, prefixed
  log(`BATCH_RESULT ${JSON.stringify({ out: outDir, seconds: total, backend: response.backend.backend, timings: response.timings, artifacts: response.artifacts.length, ...(inc ? { incremental: inc } : {}) })}`);
  return EXIT.ok;
}

const resources = { server: null, browser: null, writer: null };
let closing = null;
/** Set when SIGINT / SIGTERM arrived: the exit code to leave with, whatever main() ends with. */
let signalCode = null;

async function cleanup() {
  closing ??= (async () => {
    resources.writer?.discard();
    if (activeChild && activeChild.exitCode === null) activeChild.kill('SIGTERM');
    await resources.browser?.close().catch(() => undefined);
    await resources.server?.close().catch(() => undefined);
  })();
  return closing;
}

for (const [sig, code] of [['SIGINT', EXIT.sigint], ['SIGTERM', EXIT.sigterm]]) {
  process.on(sig, () => {
    signalCode = code;
    process.stderr.write(`\nbatch: ${sig === 'SIGINT' ? 'interrupted (Ctrl-C)' : 'terminated'}; closing the browser and the server, removing partial files…\n`);
    // a second signal while cleaning up ends at once
    process.on(sig, () => process.exit(code));
    void cleanup().finally(() => process.exit(code));
  });
}

let code;
try {
  code = await main(process.argv.slice(2));
} catch (e) {
  if (signalCode !== null) code = signalCode;
  else if (e instanceof BatchFailure) code = fail(e);
  else code = fail(new BatchFailure(EXIT.internal, `unexpected error: ${e?.stack ?? e}`, 'This is a bug in the batch runner; please report it with the output above.'));
}
await cleanup();
process.exit(signalCode ?? code ?? EXIT.internal);
