import { describe, expect, it } from 'vitest';
import { loadDataset } from '../load';
import { ACTION_CODE } from '../types';
import { shared, textFile } from './test-files';

describe('OTTO preset (real fixture)', () => {
  it('loads 862 events of 20 sessions', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'otto' }, [shared('otto-sample/train.jsonl')]);
    const d = dataset!;
    expect(report.rowsRead).toBe(20);
    expect(report.rowsAccepted).toBe(20);
    expect(d.events.length).toBe(862);
    const count = (code: number) => d.events.action.filter((a) => a === code).length;
    expect(count(ACTION_CODE.click)).toBe(800);
    expect(count(ACTION_CODE.cart)).toBe(52);
    expect(count(ACTION_CODE.purchase)).toBe(10);
    expect(d.shoppers.length).toBe(20);
    expect(d.baskets.length).toBe(20);
    expect(d.items.length).toBe(510);
    expect(d.events.timestamp[0]).toBe(1659304800025);
    for (let i = 1; i < d.events.length; i++) expect(d.events.timestamp[i]).toBeGreaterThanOrEqual(d.events.timestamp[i - 1]);
    // session = shopper = basket
    expect(d.shoppers[d.events.shopper[0]]).toBe(d.baskets[d.events.basket[0]]);
    expect(d.fields).toMatchObject({ basket: true, title: false, realTime: true });
  });

  it('skips bad events and truncated lines but loads the rest', async () => {
    const text = [
      '{"session":1,"events":[{"aid":5,"ts":1659304800,"type":"clicks"},{"aid":6,"ts":1659304900,"type":"likes"}]}',
      '{"session":2,"events":[{"aid":7,"ts":1659304800025,"type":"orders"}]}',
      '{"session":3,"events":[{"aid":8,"ts":16593',
    ].join('\n');
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'otto' }, [textFile('test.jsonl', text)]);
    expect(dataset!.events.length).toBe(2);
    expect(dataset!.events.timestamp[0]).toBe(1659304800000); // seconds detected
    const bad = report.entries.find((e) => e.code === 'malformed-row')!;
    expect(bad.examples[0]).toMatchObject({ file: 'test.jsonl', line: 3 });
    expect(report.entries.find((e) => e.code === 'unmapped-action')!.examples[0]).toMatchObject({ line: 1, column: 'type' });
    expect(report).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
  });
});

describe('Amazon LLMRank preset (real files)', () => {
  it('loads titles and full sequences with synthetic, right-aligned time', async () => {
    const files = ['Games-6k.item', 'Games-6k.test.inter', 'Games-6k.valid.inter'].map((f) => shared(`amazon-games/${f}`));
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'amazon-llmrank' }, files);
    const d = dataset!;
    expect(report.fatal).toBeUndefined();
    expect(d.items.length).toBe(16_859);
    expect(d.shoppers.length).toBe(50_546);
    expect(d.events.length).toBe(440_264);
    expect(report.rowsRead).toBe(2 * 50_546);
    expect(report.entries.some((e) => e.code === 'inconsistent-history')).toBe(false);
    expect(report.entries.find((e) => e.code === 'synthetic-time')?.count).toBe(440_264);
    expect(d.fields.realTime).toBe(false);
    expect(d.fields.title).toBe(true);
    expect(d.items.title[d.items.ids.indexOf('0')]).toBe('Fire Emblem: The Sacred Stones');
    // user 0: 0..13 history, 14 target; the target is on the last day shared by all users
    const last = d.events.timestamp[d.events.length - 1];
    const user0 = d.shoppers.indexOf('0');
    const seq: string[] = [];
    let lastT = -1;
    for (let i = 0; i < d.events.length; i++) if (d.events.shopper[i] === user0) { seq.push(d.items.ids[d.events.item[i]]); lastT = d.events.timestamp[i]; }
    expect(seq).toEqual(Array.from({ length: 15 }, (_, k) => String(k)));
    expect(lastT).toBe(last);
  });

  it('reports a valid.inter that is not a prefix of test.inter', async () => {
    const h = 'user_id:token\titem_id_list:token_seq\titem_id:token\n';
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'amazon-llmrank' }, [
      textFile('x.test.inter', `${h}u1\t1 2 3\t4\nu2\t5\t6\n`),
      textFile('x.valid.inter', `${h}u1\t1 9\t3\nu3\t\t7\n`),
    ]);
    expect(report.entries.find((e) => e.code === 'inconsistent-history')!.examples[0]).toMatchObject({ file: 'x.valid.inter', line: 2 });
    expect(dataset!.shoppers).toEqual(['u1', 'u2', 'u3']);
    expect(dataset!.events.length).toBe(4 + 2 + 1);
  });
});
