import { expect, test } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetReadObjects } from 'hyparquet';
import { runnerImport } from 'vite';

// The headless batch CLI (scripts/batch.mjs) end to end on a tiny synthetic world
// (configs/tiny-synthetic.json: a few PinSage / PinnerFormer / SIMO steps): every artifact is
// checked (npy header and shape, Parquet round trips — embeddings, Pfeed lookup tables and feeds —,
// NDJSON / JSONL lines and final newline, projector row counts, manifest dataset hash against the
// same world generated here in Node), two runs give the same metrics (P1–P4), a daily incremental
// run (--previous, a next-day events file) recomputes only the day's shoppers and keeps the others
// bit-identical, and the documented exit codes come out for a bad config, bad incremental
// arguments, a bad dataset, a missing browser and Ctrl-C (no orphan process).

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TINY = join(ROOT, 'configs/tiny-synthetic.json');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; onStdout?: (text: string, pid: number) => void } = {}): Promise<CliRun> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/batch.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, child.pid ?? 0);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => res({ code, stdout, stderr }));
  });
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kloa-batch-${prefix}-`));
}

function filesUnder(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(dir, join(base, d.name)) : [join(base, d.name)]));
}

/** .npy v1/v2 header → dtype and shape (independent of the exporter's own parser). */
function npyHeader(b: Buffer): { descr: string; shape: number[]; dataOffset: number } {
  expect(b.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
  const major = b[6];
  const len = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const text = b.subarray(start, start + len).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(text)![1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  return { descr, shape, dataOffset: start + len };
}

test.describe.configure({ mode: 'serial' });

test('a tiny synthetic run writes every artifact, complete and readable; a second run gives the same metrics', async () => {
  test.setTimeout(300_000);
  const out = tmp('ok');
  const r = await cli(['--config', TINY, '--out', out, '--backend', 'wasm']);
  expect(r.stderr + r.stdout).toContain('BATCH_RESULT');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\[3\/7\] pinsage/);
  const files = filesUnder(out).map((f) => f.split('\\').join('/')).sort();
  expect(files.filter((f) => f.includes('.partial-'))).toEqual([]);
  for (const f of [
    'manifest.json',
    'metrics.json',
    'embeddings/items.npy',
    'embeddings/items.parquet',
    'embeddings/shoppers.parquet',
    'search/items.es-bulk.ndjson',
    'search/items.es-index.json',
    'search/items.opensearch-bulk.ndjson',
    'search/items.opensearch-index.json',
    'projector/items.tensors.tsv',
    'projector/projector_config.pbtxt',
    'snapshot/shoppers.kv.jsonl',
    'snapshot/snapshot.json',
    'pfeed/lookup-view-query.parquet',
    'pfeed/lookup-buy-query.parquet',
    'pfeed/lookup-view-query.jsonl',
    'pfeed/lookup-buy-query.jsonl',
    'pfeed/feeds.parquet',
    'pfeed/feeds.jsonl',
    'models/pinsage/weights.json',
    'models/pinnerformer/weights.json',
    'models/simo/weights.json',
    'models/simo/weights.bin',
  ]) {
    expect(files).toContain(f);
  }
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));

  // the same synthetic world generated here in Node has the manifest's and metrics' hash
  const { module: cfgMod } = await runnerImport<typeof import('../src/core/pipeline/config')>(join(ROOT, 'src/core/pipeline/config.ts'), { configFile: false, logLevel: 'silent' });
  const { module: synth } = await runnerImport<typeof import('../src/core/data/synthetic')>(join(ROOT, 'src/core/data/synthetic/index.ts'), { configFile: false, logLevel: 'silent' });
  const { module: hashMod } = await runnerImport<typeof import('../src/core/data/content-hash')>(join(ROOT, 'src/core/data/content-hash.ts'), { configFile: false, logLevel: 'silent' });
  const tinyCfg = JSON.parse(readFileSync(TINY, 'utf8'));
  const ds = synth.generateSyntheticSync(cfgMod.syntheticInput(tinyCfg.dataset)).dataset;
  const hash = await hashMod.datasetHash(ds);
  expect(JSON.stringify(manifest)).toContain(hash);
  expect(metrics.dataset.hash).toBe(hash);
  expect(metrics.dataset.items).toBe(ds.items.length);
  const nItems = ds.items.length;

  // every file the manifest lists exists with its size
  const listed: { path: string; bytes?: number; size?: number }[] = manifest.files ?? manifest.artifacts ?? [];
  expect(listed.length).toBe(files.length - 1);
  for (const f of listed) expect(readFileSync(join(out, f.path)).byteLength).toBe(f.bytes ?? f.size);

  // .npy: header parses, float32 little-endian, shape [rows of its ids file, dim], data fills the rest
  const dim = 16;
  const idsOf = (npyPath: string): string[] => JSON.parse(readFileSync(join(out, npyPath.replace(/\.npy$/, '.ids.json')), 'utf8'));
  const npys = files.filter((x) => x.endsWith('.npy'));
  expect(npys.sort()).toEqual(['embeddings/items.npy', 'embeddings/shoppers.npy', 'snapshot/shoppers.npy']);
  expect(idsOf('embeddings/items.npy')).toHaveLength(nItems);
  for (const f of npys) {
    const b = readFileSync(join(out, f));
    const h = npyHeader(b);
    const rows = idsOf(f).length;
    expect(rows).toBeGreaterThan(0);
    expect(h.descr).toBe('<f4');
    expect(h.shape).toEqual([rows, dim]);
    expect(b.byteLength - h.dataOffset).toBe(rows * dim * 4);
  }
  // Parquet round trip through hyparquet: one row per id, the ids of the ids file, the vectors of the .npy
  for (const name of ['items', 'shoppers']) {
    const ids = idsOf(`embeddings/${name}.npy`);
    const buf = readFileSync(join(out, `embeddings/${name}.parquet`));
    const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
    expect(rows.map((row) => String(row.id))).toEqual(ids);
    const npy = readFileSync(join(out, `embeddings/${name}.npy`));
    const h = npyHeader(npy);
    const row0 = Array.from(new Float32Array(npy.buffer.slice(npy.byteOffset + h.dataOffset, npy.byteOffset + h.dataOffset + dim * 4)));
    expect((rows[0].vector as number[]).map(Number)).toEqual(row0);
  }
  // Pfeed lookup tables and feeds: the Parquet rows are the JSONL rows (ids, ranks, float32 scores)
  const parquetRows = async (path: string): Promise<Record<string, unknown>[]> => {
    const buf = readFileSync(join(out, path));
    return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
  };
  const jsonlOf = <T>(path: string): T[] => readFileSync(join(out, path), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as T);
  for (const role of ['view-query', 'buy-query']) {
    const lines = jsonlOf<{ query_id: string; role: string; target_ids: string[]; scores: number[] }>(`pfeed/lookup-${role}.jsonl`);
    expect(lines.length).toBeGreaterThan(0);
    const flat = lines.flatMap((l) => l.target_ids.map((t, k) => [l.query_id, role, k + 1, t, Math.fround(l.scores[k])]));
    const rows = await parquetRows(`pfeed/lookup-${role}.parquet`);
    expect(rows.map((r) => [String(r.query_id), String(r.role), Number(r.rank), String(r.target_id), Number(r.score)])).toEqual(flat);
    for (const l of lines) expect(l.target_ids.length).toBeLessThanOrEqual(10);
  }
  const feedLines = jsonlOf<{ shopper_id: string; target_set: string; items: { rank: number; item_id: string; score: number; explanation: string[] }[] }>('pfeed/feeds.jsonl');
  expect(feedLines.length).toBeGreaterThan(0);
  const feedRows = await parquetRows('pfeed/feeds.parquet');
  expect(feedRows.map((r) => [String(r.shopper_id), Number(r.rank), String(r.item_id), Number(r.score), (r.explanation as string[]).map(String), String(r.target_set)])).toEqual(
    feedLines.flatMap((l) => l.items.map((x) => [l.shopper_id, x.rank, x.item_id, Math.fround(x.score), x.explanation, l.target_set])),
  );
  for (const l of feedLines) {
    expect(l.target_set).toBe('all');
    expect(l.items.length).toBeLessThanOrEqual(20);
    for (const x of l.items) expect(x.explanation.length).toBeGreaterThan(0);
  }
  // NDJSON / JSONL: every line valid JSON, file ends with a newline; bulk: action + document per item; KV: one line per shopper
  const jsonLines = files.filter((x) => x.endsWith('.ndjson') || x.endsWith('.jsonl'));
  expect(jsonLines).toEqual(
    expect.arrayContaining(['snapshot/shoppers.kv.jsonl', 'pfeed/feeds.jsonl', 'pfeed/lookup-buy-query.jsonl', 'search/items.es-bulk.ndjson', 'search/items.opensearch-bulk.ndjson']),
  );
  for (const f of jsonLines) {
    const text = readFileSync(join(out, f), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    if (f.includes('bulk')) expect(lines.length).toBe(2 * nItems);
    if (f.endsWith('kv.jsonl')) expect(lines.length).toBe(idsOf('snapshot/shoppers.npy').length);
  }
  // projector: one tensor row per id; metadata has a header row when it has several columns
  for (const name of ['items', 'shoppers']) {
    const rows = readFileSync(join(out, `projector/${name}.tensors.tsv`), 'utf8').split('\n').filter(Boolean);
    const n = idsOf(`embeddings/${name}.npy`).length;
    expect(rows.length).toBe(n);
    expect(rows[0].split('\t').length).toBe(dim);
    const meta = readFileSync(join(out, `projector/${name}.metadata.tsv`), 'utf8').split('\n').filter(Boolean);
    expect(meta.length).toBe(meta[0].includes('\t') ? n + 1 : n);
  }
  type Entry = { protocol: string; model: string; variant?: string; relation?: string; complexity?: string };
  const names = (metrics.results as Entry[]).map((e) => `${e.protocol}/${e.model}${e.variant ? `/${e.variant}` : ''}${e.relation ? `/${e.relation}` : ''}${e.complexity ? `/${e.complexity}` : ''}`);
  expect(names.filter((n) => /^P[12]/.test(n))).toEqual([
    'P1/pinsage/importance-pooling',
    'P1/popularity',
    'P1/itemknn',
    'P1/ppr',
    'P2/popularity',
    'P2/repeat',
    'P2/mean-embedding',
    'P2/pinnerformer/dense-all-action',
  ]);
  // P3: SIMO per relation and per relation × complexity class; P4: pfeed and the popular control per target set
  expect(names.filter((n) => n.startsWith('P3/')).sort()).toEqual(
    ['view-buy', 'buy-buy'].flatMap((r) => [`P3/simo/d16/${r}`, ...['1-1', '1-n', 'm-1', 'm-n'].map((c) => `P3/simo/d16/${r}/${c}`)]).sort(),
  );
  expect([...new Set(names.filter((n) => n.startsWith('P4/')))]).toEqual(['P4/pfeed/all', 'P4/popular-control/all', 'P4/pfeed/promo', 'P4/popular-control/promo']);

  // same config, seed and backend → the same metrics (every protocol: P1 – P4, every number)
  const out2 = tmp('again');
  const r2 = await cli(['--config', TINY, '--out', out2, '--backend', 'wasm', '--quiet']);
  expect(r2.code).toBe(0);
  const metrics2 = JSON.parse(readFileSync(join(out2, 'metrics.json'), 'utf8'));
  const strip = (m: { results: { protocol: string; model: string; variant?: string; relation?: string; complexity?: string; metrics: unknown; counts: unknown }[] }) =>
    m.results.map((e) => [e.protocol, e.model, e.variant, e.relation, e.complexity, e.metrics, e.counts]);
  expect(strip(metrics2)).toEqual(strip(metrics));
  expect(metrics2.results.length).toBe(metrics.results.length);

  // the daily incremental run: the first run's models and snapshots on a next-day events file
  const prevIds = idsOf('snapshot/shoppers.npy');
  const asOf = Date.parse(JSON.parse(readFileSync(join(out, 'snapshot/snapshot.json'), 'utf8')).asOf);
  const items = idsOf('embeddings/items.npy');
  const buyQuery = jsonlOf<{ query_id: string }>('pfeed/lookup-buy-query.jsonl')[0].query_id;
  const active = [feedLines[0].shopper_id, feedLines[1].shopper_id, prevIds[prevIds.length - 1]].filter((x, k, a) => a.indexOf(x) === k);
  const at = (h: number): string => new Date(asOf + h * 3_600_000).toISOString();
  const dayFile = join(tmp('day'), 'day.csv');
  writeFileSync(
    dayFile,
    ['shopper_id,item_id,action,timestamp', ...active.map((s, k) => `${s},${items[k + 3]},${k % 2 ? 'view' : 'purchase'},${at(k + 1)}`), `e2e-new-shopper,${buyQuery},purchase,${at(9)}`, `${active[0]},not-in-catalogue,view,${at(10)}`].join('\n') + '\n',
  );
  const out3 = tmp('daily');
  const r3 = await cli(['--config', TINY, '--previous', out, '--events', dayFile, '--out', out3, '--backend', 'wasm', '--quiet']);
  expect(r3.stderr + r3.stdout).toContain('BATCH_RESULT');
  expect(r3.code).toBe(0);
  expect(r3.stdout).not.toMatch(/\] (walks|pinsage|evaluate)\b/);
  expect(r3.stdout).toContain(`shopper snapshot: ${active.length} recomputed, ${prevIds.length - active.length} kept, 1 new`);
  expect(r3.stdout).toMatch(new RegExp(`feeds: ${active.length + 1} recomposed`));
  const m3 = JSON.parse(readFileSync(join(out3, 'manifest.json'), 'utf8'));
  expect(m3.dataset.hash).toBe(hash);
  expect(m3.extra.incremental.events).toMatchObject({ appended: active.length + 1, unknownItems: 1, newShoppers: 1 });
  expect(existsSync(join(out3, 'metrics.json'))).toBe(false);
  // untouched shoppers: snapshot rows and feed lines bit-identical; active ones recomputed; the new one appended
  const ids3: string[] = JSON.parse(readFileSync(join(out3, 'snapshot/shoppers.ids.json'), 'utf8'));
  expect(ids3).toEqual([...prevIds, 'e2e-new-shopper']);
  const rowBytes = (dir: string, row: number): Buffer => {
    const b = readFileSync(join(dir, 'snapshot/shoppers.npy'));
    const h = npyHeader(b);
    expect(h.shape).toEqual([dir === out ? prevIds.length : ids3.length, dim]);
    return b.subarray(h.dataOffset + row * dim * 4, h.dataOffset + (row + 1) * dim * 4);
  };
  prevIds.forEach((id, row) => {
    const same = rowBytes(out3, row).equals(rowBytes(out, row));
    expect(same, `${id} ${active.includes(id) ? 'recomputed' : 'kept'}`).toBe(!active.includes(id));
  });
  const lines3 = new Map(readFileSync(join(out3, 'pfeed/feeds.jsonl'), 'utf8').trimEnd().split('\n').map((l) => [(JSON.parse(l) as { shopper_id: string }).shopper_id, l]));
  const lines1 = readFileSync(join(out, 'pfeed/feeds.jsonl'), 'utf8').trimEnd().split('\n');
  for (const l of lines1) {
    const id = (JSON.parse(l) as { shopper_id: string }).shopper_id;
    if (!active.includes(id)) expect(lines3.get(id)).toBe(l);
  }
  expect(lines3.has('e2e-new-shopper')).toBe(true);
  for (const f of ['pfeed/lookup-buy-query.parquet', 'pfeed/lookup-view-query.jsonl', 'models/pinnerformer/weights.bin', 'models/simo/weights.bin']) {
    expect(readFileSync(join(out3, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  }
});

test('a bad config exits 2 and names each offending key with the allowed values', async () => {
  const dir = tmp('badcfg');
  const cfg = JSON.parse(readFileSync(TINY, 'utf8'));
  cfg.backend = 'gpu';
  cfg.stages[2].epochs = 0;
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(cfg));
  const r = await cli(['--config', file, '--out', join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('backend: not an allowed value (got "gpu"); allowed: auto, webgpu, wasm, cpu');
  expect(r.stderr).toMatch(/stages\.2\.epochs: Too small: expected number to be >=1 \(got 0\)/);
  expect(existsSync(join(dir, 'out'))).toBe(false);
  const r2 = await cli(['--config', TINY, '--stages', 'load,train']);
  expect(r2.code).toBe(2);
  expect(r2.stderr).toContain('allowed: load, walks, pinsage, pinnerformer, pfeed, evaluate, export');
  // the incremental run's arguments: --previous without --events, a folder that is not a run
  const r3 = await cli(['--config', TINY, '--previous', dir]);
  expect(r3.code).toBe(2);
  expect(r3.stderr).toContain('--previous needs --events FILE');
  writeFileSync(join(dir, 'day.csv'), 'shopper_id,item_id,action,timestamp\n');
  const r4 = await cli(['--config', TINY, '--previous', dir, '--events', join(dir, 'day.csv')]);
  expect(r4.code).toBe(2);
  expect(r4.stderr).toContain('has no manifest.json');
});

test('a bad dataset exits 3: a missing file before the browser starts, an unreadable one from the loader', async () => {
  test.setTimeout(180_000);
  const dir = tmp('baddata');
  const base = { seed: 1, dataset: { kind: 'preset', preset: 'online-retail', files: ['missing.parquet'] }, stages: [{ stage: 'load' }] };
  writeFileSync(join(dir, 'missing.json'), JSON.stringify(base));
  const r = await cli(['--config', join(dir, 'missing.json'), '--out', join(dir, 'out')]);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain('missing.parquet');
  writeFileSync(join(dir, 'online_retail.parquet'), 'this is not a parquet file');
  writeFileSync(join(dir, 'garbage.json'), JSON.stringify({ ...base, dataset: { ...base.dataset, files: ['online_retail.parquet'] } }));
  const r2 = await cli(['--config', join(dir, 'garbage.json'), '--out', join(dir, 'out')]);
  expect(r2.code).toBe(3);
  expect(r2.stderr).toContain('the dataset could not be loaded');
  expect(existsSync(join(dir, 'out'))).toBe(false);
});

test('no browser: --browser /nonexistent exits 4 with how to get one', async () => {
  const env = { ...process.env };
  delete env.KLOA_CHROMIUM;
  const r = await cli(['--config', TINY, '--browser', '/nonexistent/chromium'], { env });
  expect(r.code).toBe(4);
  expect(r.stderr).toContain('no browser at --browser /nonexistent/chromium');
  expect(r.stderr).toContain('apt-get install chromium');
  const r2 = await cli(['--config', TINY], { env: { ...env, KLOA_CHROMIUM: '/nonexistent/chrome' } });
  expect(r2.code).toBe(4);
});

test('Ctrl-C during a stage exits 130, closes the browser and leaves no orphan process or partial file', async () => {
  test.setTimeout(240_000);
  const dir = tmp('sigint');
  const cfg = JSON.parse(readFileSync(TINY, 'utf8'));
  cfg.stages[2] = { ...cfg.stages[2], epochs: 100, maxStepsPerEpoch: 50, patience: 100 };
  writeFileSync(join(dir, 'long.json'), JSON.stringify(cfg));
  let descendants: number[] = [];
  let sent = false;
  const descendantsOf = (pid: number): number[] => {
    const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    const out: number[] = [];
    const walk = (p: number): void => {
      for (const [c, pp] of table) if (pp === p) (out.push(c), walk(c));
    };
    walk(pid);
    return out;
  };
  const r = await cli(['--config', join(dir, 'long.json'), '--out', join(dir, 'out')], {
    onStdout: (text, pid) => {
      if (sent || !/epoch 1/.test(text)) return;
      sent = true;
      descendants = descendantsOf(pid);
      process.kill(pid, 'SIGINT');
    },
  });
  expect(sent, r.stderr).toBe(true);
  expect(r.code).toBe(130);
  expect(r.stderr).toContain('interrupted');
  expect(descendants.length).toBeGreaterThan(0); // the browser's processes were seen
  // Chromium's helper processes (crashpad) may take a moment to notice the browser is gone
  const isAlive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return !/^Z/.test(execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    } catch {
      return false;
    }
  };
  let alive = descendants.filter(isAlive);
  for (let t = 0; t < 50 && alive.length; t++) {
    await new Promise((res) => setTimeout(res, 100));
    alive = alive.filter(isAlive);
  }
  const what = alive.map((pid) => {
    try {
      return execFileSync('ps', ['-o', 'pid=,ppid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return `${pid} (gone)`;
    }
  });
  expect(what).toEqual([]);
  expect(existsSync(join(dir, 'out'))).toBe(false);
});
