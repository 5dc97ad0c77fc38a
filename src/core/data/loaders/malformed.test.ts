import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../load';
import type { GenericLoadSpec } from '../load';
import type { ReportEntry, ValidationReport } from '../types';
import { SHARED_DATASETS, textFile } from './test-files';

const csvSpec: GenericLoadSpec = {
  kind: 'generic',
  format: 'csv',
  mapping: { shopper: 'user', item: 'item', timestamp: 'time', action: 'event' },
};
const entry = (r: ValidationReport, code: string): ReportEntry => {
  const e = r.entries.find((x) => x.code === code);
  if (!e) throw new Error(`no ${code} entry in ${JSON.stringify(r.entries.map((x) => x.code))}`);
  return e;
};
const GOOD = 'user,item,time,event\nu1,i1,2024-01-01T10:00:00Z,view\nu2,i2,2024-01-01T11:00:00Z,purchase\n';

describe('validation report on malformed input', () => {
  it('an empty file: fatal, no dataset', async () => {
    const { dataset, report } = await loadDataset(csvSpec, [textFile('empty.csv', '')]);
    expect(dataset).toBeNull();
    expect(entry(report, 'empty-file').examples[0]).toMatchObject({ file: 'empty.csv', line: 1 });
    expect(report.fatal).toMatch(/empty\.csv is empty/);
  });

  it('a file longer than one string can hold is refused by name with what to do; a good file beside it still loads', async () => {
    // the real limit is V8's 2^29 − 24 characters (~537 MB of text); lowered here so the test is small
    const big = textFile('big.csv', GOOD + 'u3,i3,2024-01-01T12:00:00Z,view\n'.repeat(20));
    const { dataset, report } = await loadDataset(csvSpec, [big, textFile('good.csv', GOOD)], { maxTextChars: 300 });
    const e = entry(report, 'file-too-large');
    expect(e.message).toMatch(/big\.csv holds .* MB of text, more than this browser can hold as one string/);
    expect(e.message).toMatch(/Split it into several files .* or convert it to Parquet/);
    expect(dataset?.events.length).toBe(2);
  });

  it('a header-only file: fatal that says there are no data rows', async () => {
    const { dataset, report } = await loadDataset(csvSpec, [textFile('h.csv', 'user,item,time,event\n')]);
    expect(dataset).toBeNull();
    expect(report.fatal).toMatch(/no data rows/);
  });

  it('a PNG or JSON fed as CSV is named as such; a good file beside it still loads', async () => {
    const png = { name: 'pic.csv', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) };
    const json = textFile('data.csv', '{"user": "u1", "item": "i1"}\n');
    const { dataset, report } = await loadDataset(csvSpec, [png, json, textFile('good.csv', GOOD)]);
    const wrong = report.entries.filter((e) => e.code === 'wrong-format');
    expect(wrong.map((e) => e.message).join(' ')).toMatch(/pic\.csv looks like a PNG image/);
    expect(wrong.map((e) => e.message).join(' ')).toMatch(/data\.csv looks like JSON text.*JSON lines/);
    expect(dataset!.events.length).toBe(2);
  });

  it('a CSV fed as Parquet, and a truncated Parquet file', async () => {
    const spec: GenericLoadSpec = { ...csvSpec, format: 'parquet' };
    const csv = await loadDataset(spec, [textFile('x.parquet', GOOD)]);
    expect(csv.dataset).toBeNull();
    expect(entry(csv.report, 'wrong-format').message).toMatch(/looks like plain text, not a Parquet file/);
    const bytes = readFileSync(join(SHARED_DATASETS, 'online-retail/online_retail.parquet'));
    const cut = { name: 'cut.parquet', data: new Uint8Array(bytes.subarray(0, 200_000)) };
    const r = await loadDataset({ kind: 'preset', preset: 'online-retail' }, [cut]);
    expect(r.dataset).toBeNull();
    expect(entry(r.report, 'truncated-parquet').examples[0].file).toBe('cut.parquet');
    expect(r.report.fatal).toMatch(/truncated Parquet file/);
  });

  it('a missing required column names the columns that exist', async () => {
    const { dataset, report } = await loadDataset(csvSpec, [textFile('bad.csv', 'user,product,time,event\nu1,i1,2024-01-01,view\n'), textFile('good.csv', GOOD)]);
    const e = entry(report, 'missing-column');
    expect(e.message).toMatch(/bad\.csv lacks the column "item".*"user", "product", "time", "event"/);
    expect(e.examples[0]).toMatchObject({ file: 'bad.csv', column: 'item' });
    expect(dataset!.events.length).toBe(2);
    const only = await loadDataset(csvSpec, [textFile('bad.csv', 'user,product,time,event\nu1,i1,2024-01-01,view\n')]);
    expect(only.dataset).toBeNull();
    expect(only.report.fatal).toMatch(/lacks the column "item"/);
  });

  it('unparseable timestamps are rejected with file, line, column and value; good rows load', async () => {
    const text = 'user,item,time,event\nu1,i1,2024-01-01T10:00:00Z,view\nu1,i2,yesterday,view\nu2,i2,1700000000,view\nu3,i3,,view\n';
    const { dataset, report } = await loadDataset(csvSpec, [textFile('t.csv', text)]);
    const e = entry(report, 'bad-timestamp');
    expect(e.count).toBe(2);
    expect(e.examples).toEqual([
      { file: 't.csv', line: 3, column: 'time', value: 'yesterday' },
      { file: 't.csv', line: 5, column: 'time', value: '' },
    ]);
    expect(report).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsRejected: 2 });
    expect(dataset!.events.timestamp[0]).toBe(1_700_000_000_000);
    const all = await loadDataset(csvSpec, [textFile('t.csv', 'user,item,time,event\nu1,i1,soon,view\n')]);
    expect(all.dataset).toBeNull();
    expect(all.report.fatal).toMatch(/All 1 rows were rejected.*t\.csv line 2/);
  });

  it('strips a UTF-8 byte order mark so the header still matches', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(GOOD)]);
    const { dataset, report } = await loadDataset(csvSpec, [{ name: 'bom.csv', data: bytes }]);
    expect(dataset!.events.length).toBe(2);
    expect(dataset!.shoppers).toEqual(['u1', 'u2']);
    expect(entry(report, 'bom-stripped').severity).toBe('info');
  });

  it('duplicate header names: the first column is used, the others renamed and reported', async () => {
    const text = 'user,item,time,event,item\nu1,i1,2024-01-01,view,zzz\n';
    const { dataset, report } = await loadDataset(csvSpec, [textFile('dup.csv', text)]);
    expect(dataset!.items.ids).toEqual(['i1']);
    expect(entry(report, 'duplicate-column').examples[0]).toEqual({ file: 'dup.csv', line: 1, column: 'item', value: 'item_2' });
  });

  it("ids like '__proto__' and 'constructor' are ordinary ids", async () => {
    const text = 'user,item,time,event\n__proto__,constructor,2024-01-01,view\nconstructor,__proto__,2024-01-02,hasOwnProperty\n';
    const { dataset, report } = await loadDataset({ ...csvSpec, actionMapping: { hasOwnProperty: 'cart' as const } }, [textFile('p.csv', text)]);
    expect(dataset!.shoppers).toEqual(['__proto__', 'constructor']);
    expect(dataset!.items.ids).toEqual(['constructor', '__proto__']);
    expect(dataset!.events.action[1]).toBe(2);
    expect(report.rowsAccepted).toBe(2);
    const json = '{"__proto__":"u1","item":"toString","ts":1700000000000}\n{"item":"x","ts":1700000000000}\n';
    const j = await loadDataset({ kind: 'generic', format: 'jsonl', mapping: { shopper: '__proto__', item: 'item', timestamp: 'ts' }, defaultAction: 'view' }, [textFile('p.jsonl', json)]);
    expect(j.dataset!.shoppers).toEqual(['u1']);
    expect(entry(j.report, 'missing-value').examples[0]).toMatchObject({ line: 2, column: '__proto__' });
  });

  it('rows with a wrong field count or broken quoting are rejected with exact lines (quoted line breaks counted)', async () => {
    const text = 'user,item,time,event\n"u\n1",i1,2024-01-01,view\nu2,i2\nu3,i3,2024-01-02,view\nu4,"i4"x,2024-01-03,view\n';
    const { dataset, report } = await loadDataset(csvSpec, [textFile('q.csv', text)]);
    const e = entry(report, 'malformed-row');
    expect(e.examples.map((x) => x.line)).toEqual([4, 6]);
    expect(dataset!.shoppers).toEqual(['u\n1', 'u3']);
  });

  it('an invalid spec gives a fatal naming the key', async () => {
    const spec = { kind: 'generic', format: 'csv', mapping: { shopper: '', item: 'item', timestamp: 'time' }, defaultAction: 'view' } as unknown as GenericLoadSpec;
    const { dataset, report } = await loadDataset(spec, [textFile('good.csv', GOOD)]);
    expect(dataset).toBeNull();
    expect(entry(report, 'invalid-spec').message).toMatch(/mapping\.shopper/);
    expect(report.fatal).toMatch(/mapping\.shopper/);
  });

  it('a preset without its required file says which file is missing', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'movielens' }, [textFile('movies.csv', 'movieId,title,genres\n1,A,B\n')]);
    expect(dataset).toBeNull();
    expect(entry(report, 'missing-file').message).toMatch(/ratings\.csv/);
  });
});

describe('cancellation and progress', () => {
  it('rejects with an AbortError when the signal is aborted, and reports progress', async () => {
    const ctrl = new AbortController();
    const bytes = readFileSync(join(SHARED_DATASETS, 'online-retail/online_retail.parquet'));
    const notes: string[] = [];
    const p = loadDataset({ kind: 'preset', preset: 'online-retail' }, [{ name: 'o.parquet', data: new Uint8Array(bytes) }], {
      signal: ctrl.signal,
      onProgress: (_d, _t, note) => {
        notes.push(note ?? '');
        ctrl.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(notes.length).toBeGreaterThan(0);
  });
});
