import { describe, expect, it } from 'vitest';
import { LoadSpecError, loadDataset, parseLoadSpec, previewFile, suggestMapping, PRESETS, PRESET_IDS } from '../load';
import { ACTION_CODE, DEVICE_CODE } from '../types';
import { shared, textFile } from './test-files';
import { parseTimestamp } from './timestamp';

describe('generic loader', () => {
  it('TSV with every optional column, action and device mapping', async () => {
    const text = [
      'uid\tsku\twhen\tkind\tdev\tdwell\torder\tqty\tname\tcat\tmaker\tprice',
      'a\tx\t2024-03-01 10:00\tpv\tiOS\t12.5\t\t\tShoe\tShoes\tAcme\t9.99',
      'a\tx\t2024-03-01 10:05\tbuy\tdesktop\t\to1\t2\t\t\t\t',
      'b\ty\t2024-03-01T09:00:00+01:00\tzoomed\tfridge\tlong\t\t\tHat\tHats\t\tcheap',
    ].join('\n');
    const { dataset, report } = await loadDataset(
      {
        kind: 'generic',
        format: 'tsv',
        mapping: { shopper: 'uid', item: 'sku', timestamp: 'when', action: 'kind', device: 'dev', duration: 'dwell', basket: 'order', value: 'qty', title: 'name', category: 'cat', brand: 'maker', price: 'price' },
        actionMapping: { pv: 'view', buy: 'purchase' },
      },
      [textFile('events.tsv', text)],
    );
    const d = dataset!;
    expect(d.events.length).toBe(3);
    // sorted by time: b's event (08:00 UTC) first
    expect(d.shoppers[d.events.shopper[0]]).toBe('b');
    expect(d.events.timestamp[0]).toBe(Date.UTC(2024, 2, 1, 8));
    expect([...d.events.action]).toEqual([ACTION_CODE.other, ACTION_CODE.view, ACTION_CODE.purchase]);
    expect([...d.events.device]).toEqual([DEVICE_CODE.other, DEVICE_CODE.app, DEVICE_CODE.web]);
    expect(d.events.duration[1]).toBe(12.5);
    expect(Number.isNaN(d.events.duration[0])).toBe(true);
    expect(d.baskets).toEqual(['o1']);
    expect(d.events.value[2]).toBe(2);
    const x = d.items.ids.indexOf('x');
    expect([d.items.title[x], d.items.categories[d.items.category[x]], d.items.brands[d.items.brand[x]]]).toEqual(['Shoe', 'Shoes', 'Acme']);
    expect(d.items.price[x]).toBeCloseTo(9.99, 5);
    expect(d.fields).toMatchObject({ device: true, duration: true, basket: true, value: true, title: true, category: true, brand: true, price: true });
    expect(report.entries.find((e) => e.code === 'unmapped-action')!.examples[0]).toMatchObject({ line: 4, column: 'kind', value: 'zoomed' });
    expect(report.entries.filter((e) => e.code === 'bad-number').map((e) => e.examples[0].column).sort()).toEqual(['dwell', 'price']);
  });

  it('JSON lines with unix-second timestamps and a default action', async () => {
    const text = '{"user":1,"item":10,"ts":1700000000}\n{"user":2,"item":10,"ts":1700000001.5}\n\n';
    const { dataset } = await loadDataset({ kind: 'generic', format: 'jsonl', mapping: { shopper: 'user', item: 'item', timestamp: 'ts' }, defaultAction: 'view', timestampFormat: 'unix-s' }, [textFile('e.jsonl', text)]);
    expect(dataset!.shoppers).toEqual(['1', '2']);
    expect([...dataset!.events.timestamp]).toEqual([1_700_000_000_000, 1_700_000_001_500]);
  });

  it('Parquet (Online Retail through a mapping): rows without a shopper are rejected, the rest load', async () => {
    const { dataset, report } = await loadDataset(
      { kind: 'generic', format: 'parquet', mapping: { shopper: 'CustomerID', item: 'StockCode', timestamp: 'InvoiceDate', basket: 'InvoiceNo', value: 'Quantity', title: 'Description' }, defaultAction: 'purchase' },
      [shared('online-retail/online_retail.parquet')],
    );
    expect(report.rowsRead).toBe(541_909);
    expect(report.rowsRejected).toBe(135_080);
    const e = report.entries.find((x) => x.code === 'missing-value')!;
    expect(e.examples[0]).toMatchObject({ file: 'online_retail.parquet', column: 'CustomerID', value: '' });
    expect(e.examples[0].line).toBe(623); // first null CustomerID (row 623, 1-based)
    expect(dataset!.shoppers.length).toBe(4_372);
    expect(dataset!.events.timestamp[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });
});

describe('spec validation', () => {
  it('names the wrong keys', () => {
    expect(() => parseLoadSpec({ kind: 'generic', format: 'xlsx', mapping: { shopper: 'u', item: 'i', timestamp: 't' }, defaultAction: 'view' })).toThrow(/format/);
    try {
      parseLoadSpec({ kind: 'generic', format: 'csv', mapping: { shopper: 'u', item: 'i', timestamp: 't', colour: 'c' } });
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(LoadSpecError);
      const paths = (e as LoadSpecError).issues.map((i) => i.path);
      expect(paths).toContain('mapping.colour');
      expect(paths).toContain('mapping.action');
    }
    expect(() => parseLoadSpec({ kind: 'preset', preset: 'online-retail', options: { guests: 'hide' } })).toThrow(/options\.guests/);
    expect(parseLoadSpec({ kind: 'preset', preset: 'otto' })).toEqual({ kind: 'preset', preset: 'otto' });
  });

  it('lists every preset with its files', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const p of PRESETS) expect(p.files.some((f) => f.required)).toBe(true);
  });
});

describe('preview and mapping suggestion', () => {
  it('previews CSV, JSON lines and Parquet', async () => {
    const csv = await previewFile(textFile('a.csv', 'userId;movieId;rating;timestamp\n1;2;3.5;964982703\n'), 'csv');
    expect(csv).toMatchObject({ columns: ['userId', 'movieId', 'rating', 'timestamp'], rows: [['1', '2', '3.5', '964982703']], delimiter: ';' });
    const jl = await previewFile(shared('otto-sample/train.jsonl'), 'jsonl', 3);
    expect(jl.columns).toEqual(['session', 'events']);
    expect(jl.rows.length).toBe(3);
    const pq = await previewFile(shared('online-retail/online_retail.parquet'), 'parquet', 2);
    expect(pq.columns).toEqual(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    expect(pq.rows[0].slice(0, 3)).toEqual(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER']);
    const bad = await previewFile(textFile('x.csv', ''), 'csv');
    expect(bad.issues[0].code).toBe('empty-file');
  });

  it('suggests a mapping from column names', () => {
    expect(suggestMapping(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])).toEqual({
      shopper: 'CustomerID', item: 'StockCode', timestamp: 'InvoiceDate', basket: 'InvoiceNo', value: 'Quantity', title: 'Description', price: 'UnitPrice',
    });
    expect(suggestMapping(['timestamp', 'visitorid', 'event', 'itemid', 'transactionid'])).toEqual({ shopper: 'visitorid', item: 'itemid', timestamp: 'timestamp', action: 'event', basket: 'transactionid' });
  });
});

describe('timestamps', () => {
  it('parses ISO, unix s / ms, Date, US dates and rejects junk', () => {
    expect(parseTimestamp('2011-12-09 12:50')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(parseTimestamp('2011-12-09T12:50:00.5+02:00')).toBe(Date.UTC(2011, 11, 9, 10, 50, 0, 500));
    expect(parseTimestamp('1659304800')).toBe(1659304800000);
    expect(parseTimestamp(1659304800025)).toBe(1659304800025);
    expect(parseTimestamp(new Date(5))).toBe(5);
    expect(parseTimestamp(10n, 'unix-s')).toBe(10000);
    expect(parseTimestamp('12/1/2010 8:26')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseTimestamp('1/12/2010', 'dmy')).toBe(Date.UTC(2010, 11, 1));
    expect(parseTimestamp('2011-02-30')).toBeNaN();
    expect(parseTimestamp('soon')).toBeNaN();
    expect(parseTimestamp('12', 'iso')).toBeNaN();
  });
});

describe('stable time order', () => {
  it('keeps input order among equal timestamps', async () => {
    const { stableOrder } = await import('./sort-events');
    const ts = Float64Array.from([5, 1, 5, 1, 3, 5, 0.5]);
    expect([...stableOrder(ts)]).toEqual([6, 1, 3, 4, 0, 2, 5]);
  });
});
