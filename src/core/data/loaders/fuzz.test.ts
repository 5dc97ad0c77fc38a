// Fuzz-style test of every loader (issue 9 point 4): hundreds of seeded malformed inputs per
// loader. Each must end in a validation report (a dataset) or a report.fatal — never an exception,
// a hang or a silent loss of good rows: the good rows of a case, loaded alone, must all be present
// (as shopper / item / action / time) when the same rows are loaded mixed with bad ones.
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { loadDataset, type LoadSpec } from '../load';
import { datasetStats } from '../stats';
import { ACTION_KINDS, NO_SHOPPER, type Dataset, type LoadResult } from '../types';
import {
  BAD_TIMES,
  CONTROL,
  DELIMITED_BAD,
  FILE_MUTATIONS,
  LOSSY_MUTATIONS,
  NASTY_IDS,
  ODD_TIMES,
  badDelimitedLine,
  badJsonLine,
  file,
  goodRows,
  hugeText,
  interleave,
  isoOf,
  line,
  mutateBytes,
  parquetBytes,
  pick,
  shuffle,
  timeCell,
  type FileMutation,
  type GoodRow,
} from './fuzz-inputs';
import type { InputFile } from './input';

const counts = new Map<string, number>();
afterAll(() => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[loader fuzz] ${total} inputs: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
});

/** Macrotasks a load may take before it counts as hung (a bound by counting, not by the clock). */
const MAX_TICKS = 200_000;
/** Progress calls a load may make (each is ≥ 25 ms of work, so far more than any case needs). */
const MAX_PROGRESS = 2_000;

/** Loads with the hang bounds; throws (failing the case) on a hang, never on bad input. */
async function load(spec: LoadSpec, files: InputFile[]): Promise<LoadResult> {
  const ctrl = new AbortController();
  let calls = 0;
  let settled = false;
  const p = loadDataset(spec, files, {
    signal: ctrl.signal,
    onProgress: () => {
      if (++calls > MAX_PROGRESS) ctrl.abort(new Error(`more than ${MAX_PROGRESS} progress calls: the load does not end`));
    },
  }).finally(() => (settled = true));
  for (let t = 0; t < MAX_TICKS && !settled; t++) await new Promise((resolve) => setImmediate(resolve));
  if (!settled) throw new Error(`the load did not settle within ${MAX_TICKS} macrotasks`);
  return p;
}

const key = (d: Dataset, i: number, withTime: boolean): string => {
  const s = d.events.shopper[i];
  return `${s === NO_SHOPPER ? '∅' : d.shoppers[s]}|${d.items.ids[d.events.item[i]]}|${ACTION_KINDS[d.events.action[i]]}${withTime ? `|${d.events.timestamp[i]}` : ''}`;
};

function multiset(d: Dataset | null, withTime: boolean): Map<string, number> {
  const m = new Map<string, number>();
  if (d) for (let i = 0; i < d.events.length; i++) m.set(key(d, i, withTime), (m.get(key(d, i, withTime)) ?? 0) + 1);
  return m;
}

/** Good-row keys missing from `mixed` (with multiplicity). */
function missing(base: Map<string, number>, mixed: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, n] of base) if ((mixed.get(k) ?? 0) < n) out.push(k);
  return out;
}

/** What every outcome must satisfy: a dataset with a consistent report, or a fatal with an error entry. */
function checkOutcome(res: LoadResult, what: string): void {
  const { dataset, report } = res;
  expect(report.rowsRead, what).toBeGreaterThanOrEqual(0);
  if (dataset === null) {
    expect(typeof report.fatal, what).toBe('string');
    expect(report.fatal!.length, what).toBeGreaterThan(10);
    expect(report.entries.some((e) => e.severity === 'error'), what).toBe(true);
    return;
  }
  expect(report.fatal, what).toBeUndefined();
  expect(dataset.events.length, what).toBeGreaterThan(0);
  if (report.rowsRejected > 0) expect(report.entries.some((e) => e.severity === 'rejected' || e.severity === 'warning'), what).toBe(true);
  for (const e of report.entries) {
    expect(e.message.length, what).toBeGreaterThan(0);
    expect(e.count, what).toBeGreaterThan(0);
  }
  // every event has a readable time and the rows are sorted
  for (let i = 0; i < dataset.events.length; i++) {
    expect(Number.isFinite(dataset.events.timestamp[i]), what).toBe(true);
    if (i > 0) expect(dataset.events.timestamp[i] >= dataset.events.timestamp[i - 1], what).toBe(true);
  }
  // the statistics the Data panel draws next work on whatever was accepted
  const stats = datasetStats(dataset);
  expect(stats, what).toBeTruthy();
}

/**
 * One case: the good files alone must load every good row; the mixed files must keep all of
 * them (unless `lossy`, where any loss must be reported) and end in a report or a fatal.
 */
async function runCase(
  family: string,
  what: string,
  spec: LoadSpec,
  good: InputFile[] | null,
  mixed: InputFile[],
  opts: { lossy?: boolean; withTime?: boolean; expectGood?: number; expectFatal?: RegExp } = {},
): Promise<void> {
  counts.set(family, (counts.get(family) ?? 0) + 1);
  if (process.env.FUZZ_TRACE) console.log(`[fuzz] ${what}`);
  const res = await load(spec, mixed);
  checkOutcome(res, what);
  if (opts.expectFatal) {
    expect(res.dataset, what).toBeNull();
    expect(res.report.fatal, what).toMatch(opts.expectFatal);
    return;
  }
  if (!good) return;
  const base = await load(spec, good);
  expect(base.dataset, `${what}: the good rows alone load`).not.toBeNull();
  if (opts.expectGood !== undefined) expect(base.dataset!.events.length, `${what}: every good row loads`).toBe(opts.expectGood);
  const lost = missing(multiset(base.dataset, opts.withTime ?? true), multiset(res.dataset, opts.withTime ?? true));
  if (opts.lossy) {
    if (lost.length > 0) expect(res.report.entries.some((e) => e.severity !== 'info'), `${what}: lost rows are reported`).toBe(true);
  } else {
    const why = JSON.stringify({ events: res.dataset?.events.length, read: res.report.rowsRead, entries: res.report.entries.map((e) => [e.severity, e.code, e.count, e.examples[0]]) }).slice(0, 3000);
    expect(lost, `${what}: good rows silently lost; report ${why}`).toEqual([]);
  }
}

function fileMutation(r: Rng): FileMutation {
  return r.chance(0.6) ? 'none' : pick(r, FILE_MUTATIONS);
}

// ------------------------------------------------------------------ generic CSV / TSV

const MAPPED = { shopper: 'user', item: 'item', timestamp: 'time', action: 'event' } as const;

async function delimitedCase(format: 'csv' | 'tsv', seed: number): Promise<void> {
  const r = new Rng(`fuzz-${format}-${seed}`);
  const delimiter = format === 'tsv' ? '\t' : r.chance(0.2) ? ';' : ',';
  const quoted = format === 'csv';
  const withNumber = r.chance(0.4);
  let columns: string[] = ['user', 'item', 'time', 'event', ...(withNumber ? ['qty'] : [])];
  for (let k = r.nextInt(3); k > 0; k--) columns.push(pick(r, ['note', '__proto__', 'constructor', 'toString', `x${k}`, 'ünï']));
  columns = shuffle(r, [...new Set(columns)]);
  const roles = { shopper: 'user', item: 'item', time: 'time', action: 'event', number: withNumber ? 'qty' : undefined };
  const spec: LoadSpec = {
    kind: 'generic',
    format,
    mapping: { ...MAPPED, ...(withNumber ? { value: 'qty' } : {}) },
    ...(format === 'csv' ? { delimiter } : {}),
  };
  const rows = goodRows(r, 3 + r.nextInt(30), 'g', format === 'csv' || true);
  const toRecord = (g: GoodRow): Record<string, string> => {
    const rec: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const c of columns) rec[c] = r.chance(0.5) ? pick(r, NASTY_IDS) : `${c}-${r.nextInt(99)}`;
    rec.user = g.shopper;
    rec.item = g.item;
    rec.time = timeCell(r, g.time);
    rec.event = g.action;
    if (withNumber) rec.qty = String(1 + r.nextInt(9));
    return rec;
  };
  const goodLines = rows.map((g) => line(columns.map((c) => toRecord(g)[c]), delimiter, quoted));
  const badLines: string[] = [];
  for (let k = r.nextInt(40); k > 0; k--) {
    if (r.chance(0.1)) badLines.push(pick(r, goodLines)); // an exact duplicate of a good row
    else badLines.push(badDelimitedLine(r, pick(r, DELIMITED_BAD), toRecord(goodRows(r, 1, 'b')[0]), roles, columns, delimiter, quoted));
  }
  // header mutations: a missing required column (fatal), a duplicate name (the first one is used)
  let header = [...columns];
  let expectFatal: RegExp | undefined;
  const h = r.nextInt(12);
  if (h === 0) {
    const drop = pick(r, ['user', 'item', 'time'] as const);
    header = header.map((c) => (c === drop ? `${c}_renamed` : c));
    expectFatal = new RegExp(`lacks the column "${drop}"`);
  }
  const dup = h === 1 && !quoted ? '' : h === 1 ? `${delimiter}${pick(r, ['user', 'item'])}` : '';
  const headerLine = line(header, delimiter, quoted) + dup;
  const dupFill = dup ? `${delimiter}zzz` : '';
  const text = (ls: string[]) => [headerLine, ...ls.map((l) => (dupFill && l.length > 0 ? l + dupFill : l))].join('\n') + '\n';
  const mut = fileMutation(r);
  // rows with a broken quote go last: an unterminated quote swallows the rest of the file (reported)
  const tail = quoted && r.chance(0.15) ? [`"unterminated${delimiter}x${delimiter}y`] : [];
  const mixedText = text([...interleave(r, goodLines, badLines), ...tail]);
  const name = `${pick(r, ['events', 'ünï', '__proto__', 'CON', 'a b'])}.${format}`;
  await runCase(
    format,
    `${format} seed ${seed} (${mut}, ${badLines.length} bad rows)`,
    spec,
    expectFatal ? null : [file(name, new TextEncoder().encode(text(goodLines)))],
    [file(name, mutateBytes(r, mixedText, mut))],
    { lossy: LOSSY_MUTATIONS.has(mut), expectGood: rows.length, expectFatal: LOSSY_MUTATIONS.has(mut) ? undefined : expectFatal },
  );
}

// ------------------------------------------------------------------ generic JSON lines

async function jsonlCase(seed: number): Promise<void> {
  const r = new Rng(`fuzz-jsonl-${seed}`);
  const keys = { shopper: 'user', item: 'item', time: 'time' };
  const spec: LoadSpec = { kind: 'generic', format: 'jsonl', mapping: MAPPED };
  const rows = goodRows(r, 3 + r.nextInt(30), 'g');
  const obj = (g: GoodRow): Record<string, unknown> => ({
    user: r.chance(0.1) && /^\d+$/.test(g.shopper) ? Number(g.shopper) : g.shopper,
    item: g.item,
    time: r.chance(0.5) ? g.time : timeCell(r, g.time),
    event: g.action,
    ...(r.chance(0.3) ? { note: pick(r, ['x', null, 3, { a: 1 }]) } : {}),
  });
  const goodLines = rows.map((g) => JSON.stringify(obj(g)));
  const badLines: string[] = [];
  for (let k = r.nextInt(40); k > 0; k--) {
    if (r.chance(0.1)) badLines.push(pick(r, goodLines));
    else badLines.push(badJsonLine(r, obj(goodRows(r, 1, 'b')[0]), keys));
  }
  const noItem = r.nextInt(15) === 0;
  const strip = (l: string) => (noItem ? l.replace(/"item":/g, '"product":') : l);
  const mut = fileMutation(r);
  const text = (ls: string[]) => ls.map(strip).join('\n') + '\n';
  await runCase(
    'jsonl',
    `jsonl seed ${seed} (${mut}, ${badLines.length} bad rows)`,
    spec,
    noItem ? null : [file('e.jsonl', new TextEncoder().encode(text(goodLines)))],
    [file('e.jsonl', mutateBytes(r, text(interleave(r, goodLines, badLines)), mut))],
    { lossy: LOSSY_MUTATIONS.has(mut), expectGood: rows.length, expectFatal: noItem && !LOSSY_MUTATIONS.has(mut) ? /Nothing was loaded/ : undefined },
  );
}

// ------------------------------------------------------------------ generic Parquet

type Cell = string | number | boolean | null;

async function parquetCase(seed: number): Promise<void> {
  const r = new Rng(`fuzz-parquet-${seed}`);
  const timeType = pick(r, ['STRING', 'DOUBLE', 'INT64'] as const);
  const numericIds = r.chance(0.15);
  const spec: LoadSpec = { kind: 'generic', format: 'parquet', mapping: MAPPED };
  const rows = goodRows(r, 3 + r.nextInt(30), 'g').map((g) => (numericIds ? { ...g, shopper: String(r.nextInt(50)), item: String(100 + r.nextInt(50)) } : g));
  type Row = { user: Cell; item: Cell; time: Cell; event: Cell };
  const toRow = (g: GoodRow): Row => ({
    user: numericIds ? Number(g.shopper) : g.shopper,
    item: numericIds ? Number(g.item) : g.item,
    time: timeType === 'STRING' ? timeCell(r, g.time) : g.time,
    event: g.action,
  });
  const good = rows.map(toRow);
  const bad: Row[] = [];
  for (let k = r.nextInt(40); k > 0; k--) {
    const b = toRow(goodRows(r, 1, 'b')[0]);
    if (numericIds) [b.user, b.item] = [50 + r.nextInt(50), 200 + r.nextInt(50)];
    const id: 'user' | 'item' = r.chance(0.5) ? 'user' : 'item';
    switch (r.nextInt(8)) {
      case 0:
        b[id] = null;
        break;
      case 1:
        b.time = null;
        break;
      case 2:
        b.time = timeType === 'STRING' ? pick(r, [...BAD_TIMES, ...ODD_TIMES]) : pick(r, [-5e12, 1e300, -1e20, 8.64e15 + 1, NaN, Infinity]);
        break;
      case 3:
        if (!numericIds) b[id] = pick(r, ['', '   ', `x${pick(r, CONTROL)}`, hugeText(r, 5000 + r.nextInt(50_000))]);
        break;
      case 4:
        b.event = pick(r, [null, '', 'teleport', '__proto__']);
        break;
      case 5:
        bad.push(pick(r, good));
        continue;
      default:
        if (!numericIds) b[id] = pick(r, NASTY_IDS);
    }
    if (timeType === 'INT64' && typeof b.time === 'number' && !Number.isFinite(b.time)) b.time = null;
    if (timeType === 'INT64' && typeof b.time === 'number' && Math.abs(b.time) > 9e18) b.time = -1;
    bad.push(b);
  }
  const idType = numericIds ? (r.chance(0.5) ? 'INT32' : 'DOUBLE') : 'STRING';
  const columns = (rs: Row[]) => {
    const cols: Parameters<typeof parquetBytes>[0] = [
      { name: 'user', type: idType, data: rs.map((x) => x.user) },
      { name: 'item', type: idType, data: rs.map((x) => x.item) },
      { name: 'time', type: timeType, data: rs.map((x) => x.time) },
      { name: 'event', type: 'STRING', data: rs.map((x) => x.event) },
    ];
    if (r.chance(0.3)) cols.push({ name: '__proto__', type: 'BOOLEAN', data: rs.map(() => r.chance(0.5)) });
    return shuffle(r, cols);
  };
  const goodBytes = parquetBytes(columns(good));
  let mixed = parquetBytes(columns(shuffle(r, [...good, ...bad])));
  let lossy = false;
  const corrupt = r.nextInt(6);
  if (corrupt === 0) {
    mixed = mixed.subarray(0, r.nextInt(mixed.length));
    lossy = true;
  } else if (corrupt === 1) {
    mixed = mixed.slice();
    for (let k = 1 + r.nextInt(8); k > 0; k--) mixed[4 + r.nextInt(Math.max(1, mixed.length - 8))] = r.nextInt(256);
    lossy = true;
  }
  await runCase('parquet', `parquet seed ${seed} (time ${timeType}, ids ${idType}, corrupt ${corrupt < 2}, ${bad.length} bad rows)`, spec, [file('e.parquet', goodBytes)], [file('e.parquet', mixed)], {
    lossy,
    expectGood: rows.length,
  });
}

// ------------------------------------------------------------------ presets

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const mdy = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

/** A preset case: header, good lines, bad lines from `bad(k)`, separator. */
async function presetDelimited(
  preset: 'online-retail' | 'movielens' | 'retailrocket' | 'diginetica',
  seed: number,
  fileName: string,
  header: string,
  goodLine: (r: Rng, g: GoodRow, k: number) => string[],
  badLine: (r: Rng, fields: string[]) => string[],
  delimiter: string,
  extra: (r: Rng) => InputFile[] = () => [],
): Promise<void> {
  const r = new Rng(`fuzz-${preset}-${seed}`);
  const rows = goodRows(r, 3 + r.nextInt(25), 'g');
  const goodLines = rows.map((g, k) => goodLine(r, g, k).join(delimiter));
  const badLines: string[] = [];
  for (let k = r.nextInt(30); k > 0; k--) {
    if (r.chance(0.1)) badLines.push(pick(r, goodLines));
    else if (r.chance(0.1)) badLines.push(pick(r, ['', '   ', `${hugeText(r, 30_000)}`]));
    else badLines.push(badLine(r, goodLine(r, goodRows(r, 1, 'b')[0], 1000 + k)).join(delimiter));
  }
  const mut = fileMutation(r);
  const others = extra(r);
  const text = (ls: string[]) => `${header}\n${ls.join('\n')}\n`;
  await runCase(
    preset,
    `${preset} seed ${seed} (${mut}, ${badLines.length} bad rows)`,
    { kind: 'preset', preset },
    [file(fileName, enc(text(goodLines))), ...others],
    [file(fileName, mutateBytes(r, text(interleave(r, goodLines, badLines)), mut)), ...others],
    { lossy: LOSSY_MUTATIONS.has(mut) },
  );
}

/** Replaces one random field with a bad value of the given kinds. */
const spoil = (r: Rng, fields: string[], values: readonly string[][]): string[] => {
  const out = [...fields];
  const at = r.nextInt(Math.min(values.length, out.length));
  out[at] = pick(r, values[at]);
  if (r.chance(0.1)) out.pop();
  if (r.chance(0.1)) out.push('extra');
  return out;
};
const IDS_BAD = ['', '   ', 'x\u0000y', 'NaN', 'null', '__proto__', '1.5e3', hugeTextFixed()];
function hugeTextFixed(): string {
  return 'ü'.repeat(40_000);
}
const clean = (s: string, delimiter: string): string => s.split(delimiter).join('_').replace(/[\r\n"\t]/g, '_');

const onlineRetail = (seed: number) =>
  presetDelimited(
    'online-retail',
    seed,
    'online_retail.csv',
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    (r, g, k) => [`${536000 + k}`, clean(g.item, ','), `DESC ${clean(g.item, ',')}`, `${1 + r.nextInt(20)}`, mdy(g.time), `${(1 + r.nextInt(500)) / 100}`, `${12000 + r.nextInt(40)}.0`, 'United Kingdom'],
    (r, f) => spoil(r, f, [['C536001', 'X', ''], IDS_BAD, [hugeTextFixed(), ''], ['abc', '-5', '0', '1e400'], [...BAD_TIMES, ...ODD_TIMES], ['abc', '-1', ''], [...IDS_BAD], ['', '\u202e']]),
    ',',
  );

const movielens = (seed: number) =>
  presetDelimited(
    'movielens',
    seed,
    'ratings.csv',
    'userId,movieId,rating,timestamp',
    (r, g) => [clean(g.shopper, ','), clean(g.item, ','), String(1 + r.nextInt(9) / 2), String(g.time / 1000)],
    (r, f) => spoil(r, f, [IDS_BAD, IDS_BAD, ['abc', '-1', '99', '', 'NaN'], [...BAD_TIMES, ...ODD_TIMES]]),
    ',',
    (r) => (r.chance(0.5) ? [file('movies.csv', enc(`movieId,title,genres\n${NASTY_IDS.map((id, k) => `${id},"Title ${k}, with comma",Drama|${pick(r, ['', '(no genres listed)', 'ü'])}`).join('\n')}\nbroken,"unterminated\n`))] : []),
  );

const retailrocket = (seed: number) =>
  presetDelimited(
    'retailrocket',
    seed,
    'events.csv',
    'timestamp,visitorid,event,itemid,transactionid',
    (r, g) => [String(g.time), clean(g.shopper, ','), g.action === 'cart' ? 'addtocart' : g.action === 'purchase' ? 'transaction' : 'view', clean(g.item, ','), g.action === 'purchase' ? String(r.nextInt(99)) : ''],
    (r, f) => spoil(r, f, [[...BAD_TIMES, ...ODD_TIMES], IDS_BAD, ['teleport', '', 'VIEW', '__proto__'], IDS_BAD, ['x', '-1']]),
    ',',
  );

const diginetica = (seed: number) =>
  presetDelimited(
    'diginetica',
    seed,
    'train-item-views.csv',
    'sessionId;userId;itemId;timeframe;eventdate',
    (r, g) => [String(r.nextInt(20)), r.chance(0.3) ? 'NA' : clean(g.shopper, ';'), clean(g.item, ';'), String(r.nextInt(86_400_000)), isoOf(g.time).slice(0, 10)],
    (r, f) => spoil(r, f, [IDS_BAD, ['NA', '', ...IDS_BAD], IDS_BAD, ['abc', '-5', '1e400', ''], [...BAD_TIMES, ...ODD_TIMES]]),
    ';',
  );

async function ottoCase(seed: number): Promise<void> {
  const r = new Rng(`fuzz-otto-${seed}`);
  const type = (a: GoodRow['action']) => (a === 'view' ? 'clicks' : a === 'cart' ? 'carts' : 'orders');
  const sessions = new Map<number, { aid: unknown; ts: unknown; type: unknown }[]>();
  for (const g of goodRows(r, 3 + r.nextInt(30), 'g')) {
    const s = r.nextInt(8);
    sessions.set(s, [...(sessions.get(s) ?? []), { aid: r.chance(0.5) ? r.nextInt(1e6) : g.item, ts: r.chance(0.5) ? g.time : g.time / 1000, type: type(g.action) }]);
  }
  const goodLines = [...sessions].map(([s, events]) => JSON.stringify({ session: s, events }));
  // bad events inside good sessions (skipped with a warning; the session's good events stay)
  const spoilt = [...sessions].map(([s, events]) => {
    const evs: unknown[] = [...events];
    for (let k = r.nextInt(4); k > 0; k--) evs.splice(r.nextInt(evs.length + 1), 0, pick(r, [null, 1, 'x', [], { aid: null, ts: 1, type: 'clicks' }, { aid: 1, ts: 'soon', type: 'clicks' }, { aid: 2, ts: 1e12, type: 'teleport' }, { aid: '__proto__', ts: -5e12, type: 'orders' }, { aid: 3, ts: 1e300, type: 'carts' }]));
    return JSON.stringify({ session: s, events: evs, ...(r.chance(0.2) ? { extra: [1] } : {}) });
  });
  const badLines: string[] = [];
  for (let k = r.nextInt(20); k > 0; k--) badLines.push(badJsonLine(r, { session: 100 + k, events: [{ aid: 1, ts: 1e12, type: 'clicks' }] }, { shopper: 'session', item: 'events', time: 'ts' }));
  const mut = fileMutation(r);
  const text = (ls: string[]) => ls.join('\n') + '\n';
  await runCase('otto', `otto seed ${seed} (${mut})`, { kind: 'preset', preset: 'otto' }, [file('train.jsonl', enc(text(goodLines)))], [file('train.jsonl', mutateBytes(r, text(interleave(r, spoilt, badLines)), mut))], {
    lossy: LOSSY_MUTATIONS.has(mut),
  });
}

async function amazonCase(seed: number): Promise<void> {
  const r = new Rng(`fuzz-amazon-${seed}`);
  const header = 'user_id:token\titem_id_list:token_seq\titem_id:token';
  const id = (tag: string) => (r.chance(0.3) ? pick(r, NASTY_IDS).replace(/\s/g, '') : `${tag}${r.nextInt(40)}`);
  const goodLines: string[] = [];
  for (let u = 0, n = 2 + r.nextInt(12); u < n; u++) goodLines.push(`g-u${u}\t${Array.from({ length: r.nextInt(6) }, () => id('i')).join(' ')}\t${id('i')}`);
  const badLines: string[] = [];
  for (let k = r.nextInt(25); k > 0; k--) {
    const f = [`x-u${k}`, Array.from({ length: r.nextInt(4) }, () => id('i')).join(' '), id('i')];
    const at = r.nextInt(3);
    f[at] = pick(r, ['', '   ', `a${pick(r, CONTROL)}`, hugeTextFixed(), '"quoted"', '__proto__']);
    if (r.chance(0.15)) f.pop();
    if (r.chance(0.1)) f.push('extra');
    badLines.push(f.join('\t'));
  }
  const items = r.chance(0.4) ? [file('Games.item', enc(`item_id:token\ttitle:token_seq\n${NASTY_IDS.map((x, k) => `${x}\tTitle ${k}`).join('\n')}\nbroken\n`))] : [];
  const mut = fileMutation(r);
  const text = (ls: string[]) => `${header}\n${ls.join('\n')}\n`;
  await runCase('amazon-llmrank', `amazon seed ${seed} (${mut})`, { kind: 'preset', preset: 'amazon-llmrank' }, [file('Games.test.inter', enc(text(goodLines))), ...items], [file('Games.test.inter', mutateBytes(r, text(interleave(r, goodLines, badLines)), mut)), ...items], {
    lossy: LOSSY_MUTATIONS.has(mut),
    withTime: false,
  });
}

// ------------------------------------------------------------------ the cases

const N_GENERIC = 80;
const N_PRESET = 40;
const seeds = (n: number): number[] => (process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : Array.from({ length: n }, (_, k) => k));

describe('loader fuzz: malformed inputs end in a report or a clear error, never a crash, hang or silent loss', () => {
  it(`generic CSV: ${N_GENERIC} inputs`, async () => {
    for (const s of seeds(N_GENERIC)) await delimitedCase('csv', s);
  });
  it(`generic TSV: ${N_GENERIC} inputs`, async () => {
    for (const s of seeds(N_GENERIC)) await delimitedCase('tsv', s);
  });
  it(`generic JSON lines: ${N_GENERIC} inputs`, async () => {
    for (const s of seeds(N_GENERIC)) await jsonlCase(s);
  });
  it(`generic Parquet: ${N_GENERIC} inputs`, async () => {
    for (const s of seeds(N_GENERIC)) await parquetCase(s);
  });
  it(`presets (Online Retail CSV, MovieLens, RetailRocket, Diginetica, OTTO, Amazon LLMRank): ${N_PRESET} inputs each`, async () => {
    for (const s of seeds(N_PRESET)) {
      await onlineRetail(s);
      await movielens(s);
      await retailrocket(s);
      await diginetica(s);
      await ottoCase(s);
      await amazonCase(s);
    }
  });
});
