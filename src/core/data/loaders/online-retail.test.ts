import { describe, expect, it } from 'vitest';
import { bytesPerEvent, loadDataset } from '../load';
import { ACTION_CODE, NO_SHOPPER } from '../types';
import type { LoadResult } from '../types';
import { readInput, REPO_ROOT, shared, textFile } from './test-files';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const load = (guests?: 'anonymous' | 'drop' | 'invoice-as-shopper'): Promise<LoadResult> =>
  loadDataset({ kind: 'preset', preset: 'online-retail', options: guests ? { guests } : {} }, [shared('online-retail/online_retail.parquet')]);

describe('Online Retail preset (real data)', () => {
  let first: LoadResult | undefined;
  const get = async (): Promise<LoadResult> => (first ??= await load());

  it('loads every line with the published counts', async () => {
    const t0 = performance.now();
    const { dataset, report } = await get();
    const seconds = (performance.now() - t0) / 1000;
    expect(report.fatal).toBeUndefined();
    expect(report.rowsRead).toBe(541_909);
    expect(report.rowsAccepted).toBe(541_909);
    expect(report.rowsRejected).toBe(0);
    const d = dataset!;
    expect(d.events.length).toBe(541_909);
    expect(d.items.length).toBe(4_070);
    expect(d.shoppers.length).toBe(4_372);
    expect(d.baskets.length).toBe(25_900);
    const entry = (code: string) => report.entries.find((e) => e.code === code);
    expect(entry('cancellation')?.count).toBe(9_288);
    expect(entry('guest-row')?.count).toBe(135_080);
    expect(entry('guest-row')?.severity).toBe('info');
    expect(entry('guest-row')?.examples[0].column).toBe('CustomerID');
    let guests = 0;
    let cancels = 0;
    let qty = 0;
    for (let i = 0; i < d.events.length; i++) {
      if (d.events.shopper[i] === NO_SHOPPER) guests++;
      if (d.events.action[i] === ACTION_CODE.cancel) cancels++;
      qty += d.events.value[i];
    }
    expect(guests).toBe(135_080);
    expect(cancels).toBe(9_288 + (entry('negative-quantity')?.count ?? 0));
    expect(qty).toBe(5_176_450);
    expect(bytesPerEvent(d)).toBeLessThanOrEqual(40);
    console.log(`online-retail load: ${seconds.toFixed(2)} s (incl. file already in memory), ${bytesPerEvent(d)} B/event`);
  });

  it('sorts events by time and fills the item table', async () => {
    const d = (await get()).dataset!;
    const ts = d.events.timestamp;
    for (let i = 1; i < ts.length; i++) if (ts[i] < ts[i - 1]) throw new Error(`unsorted at ${i}`);
    expect(new Date(ts[0]).toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(new Date(ts[ts.length - 1]).toISOString()).toBe('2011-12-09T12:50:00.000Z');
    const i = d.items.ids.indexOf('85123A');
    expect(d.items.title[i]).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
    expect(d.items.price[i]).toBeCloseTo(2.95, 5);
    expect(d.items.categories[0]).toBe('');
    expect(d.items.brands[0]).toBe('');
    expect(d.items.firstSeen[i]).toBe(ts[0]);
    for (let k = 0; k < d.items.length; k++) expect(d.items.title[k]).not.toBe('nan');
    expect(d.fields).toMatchObject({ basket: true, value: true, title: true, price: true, realTime: true, device: false });
    expect(d.meta.licence).toMatch(/CC BY 4\.0/);
  });

  it('drops guests or turns guest invoices into shoppers on request', async () => {
    const dropped = await load('drop');
    expect(dropped.report.rowsAccepted).toBe(541_909 - 135_080);
    expect(dropped.report.rowsRejected).toBe(135_080);
    expect(dropped.dataset!.shoppers.length).toBe(4_372);
    const inv = await load('invoice-as-shopper');
    expect(inv.dataset!.shoppers.length).toBe(4_372 + new Set(inv.dataset!.shoppers.filter((s) => s.startsWith('invoice:'))).size);
    expect(inv.dataset!.shoppers.some((s) => s.startsWith('invoice:'))).toBe(true);
  });

  it('bundles a byte-identical copy of the Parquet file', () => {
    const a = readFileSync(join(REPO_ROOT, 'datasets/online-retail/online_retail.parquet'));
    const b = readFileSync(join(REPO_ROOT, '../shared/datasets/online-retail/online_retail.parquet'));
    expect(a.equals(b)).toBe(true);
    expect(readInput(join(REPO_ROOT, 'datasets/online-retail/online_retail.parquet')).name).toBe('online_retail.parquet');
  });

  it('reads the CSV form with the same columns (US dates, float customer ids, nan titles)', async () => {
    const csv = [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom',
      '536366,22633,"HAND WARMER UNION JACK, RED",6,12/1/2010 8:28,1.85,17850.0,United Kingdom',
      'C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527.0,United Kingdom',
      '536414,22139,nan,56,12/1/2010 11:52,0,,United Kingdom',
      '536415,22139,,1,not a date,0,,United Kingdom',
    ].join('\r\n');
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'online-retail' }, [textFile('online_retail.csv', csv)]);
    expect(report.rowsRead).toBe(5);
    expect(report.rowsAccepted).toBe(4);
    const bad = report.entries.find((e) => e.code === 'bad-timestamp')!;
    expect(bad.examples[0]).toEqual({ file: 'online_retail.csv', line: 6, column: 'InvoiceDate', value: 'not a date' });
    const d = dataset!;
    expect(d.shoppers).toEqual(['17850', '14527']);
    expect(d.events.timestamp[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(d.items.title[d.items.ids.indexOf('22633')]).toBe('HAND WARMER UNION JACK, RED');
    expect(d.items.title[d.items.ids.indexOf('22139')]).toBe('');
    expect(d.events.action[2]).toBe(ACTION_CODE.cancel);
    expect(report.entries.find((e) => e.code === 'missing-title')?.count).toBe(1);
  });
});
