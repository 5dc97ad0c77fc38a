import { describe, expect, it } from 'vitest';
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { datasetStats } from './stats';
import { ACTION_CODE } from './types';

const D = 86_400_000;
const T0 = Date.UTC(2024, 0, 30, 23, 0); // 2024-01-30 23:00 UTC

const rows: TinyEvent[] = [
  { s: 'S1', i: 'A', a: 'view', t: T0 },
  { s: 'S1', i: 'A', a: 'purchase', t: T0 + 30 * 60_000 }, // 23:30, same day
  { s: 'S1', i: 'B', a: 'purchase', t: T0 + 2 * 3_600_000 }, // 01:00 next day
  { s: 'S2', i: 'B', a: 'cancel', t: T0 + 2 * D },
  { s: 'S2', i: 'C', a: 'rating', v: 2, t: T0 + 2 * D },
  { s: 'S2', i: 'C', a: 'rating', v: 5, t: T0 + 2 * D },
  { s: '', i: 'B', a: 'purchase', t: T0 + 2 * D + 60_000 },
  { s: '', i: 'D', a: 'click', t: T0 + 2 * D + 60_000 },
  ...Array.from({ length: 9 }, (_, k) => ({ s: 'S3', i: 'B', a: 'view' as const, t: T0 + 4 * D + k })),
];

describe('datasetStats', () => {
  const ds = tinyDataset(rows, ['A', 'B', 'C', 'D', 'E']);
  const st = datasetStats(ds);

  it('counts events, shoppers, items, anonymous and positive events', () => {
    expect(st.events).toBe(17);
    expect(st.shoppers).toBe(3);
    expect(st.items).toBe(4); // E has no event
    expect(st.catalogueItems).toBe(5);
    expect(st.anonymousEvents).toBe(2);
    expect(st.positiveEvents).toBe(15); // all but the cancel and the rating of 2
  });

  it('counts per action kind', () => {
    expect(st.perAction).toEqual({
      view: 10,
      click: 1,
      cart: 0,
      purchase: 3,
      zoom: 0,
      'click-through': 0,
      rating: 2,
      cancel: 1,
      other: 0,
    });
  });

  it('counts per UTC day, empty days included', () => {
    expect(st.perDay.day).toEqual(['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-03']);
    expect(Array.from(st.perDay.count)).toEqual([2, 1, 5, 0, 9]);
    const nd = st.perDay.day.length;
    expect(st.perDay.byAction[ACTION_CODE.purchase * nd + 1]).toBe(1);
    expect(st.perDay.byAction[ACTION_CODE.view * nd + 4]).toBe(9);
    expect(st.perDay.startMs).toBe(Date.UTC(2024, 0, 30));
  });

  it('buckets events per shopper on a log2 scale', () => {
    // S1: 3 events, S2: 3, S3: 9
    expect(st.seqLengthHistogram).toEqual([
      { lo: 1, hi: 1, label: '1', shoppers: 0 },
      { lo: 2, hi: 3, label: '2–3', shoppers: 2 },
      { lo: 4, hi: 7, label: '4–7', shoppers: 0 },
      { lo: 8, hi: 15, label: '8–15', shoppers: 1 },
    ]);
  });

  it('lists the top items by positive events', () => {
    // B: S1 purchase + anonymous purchase + 9 views = 11 (the cancel does not count);
    // A: 2; C: 1 (rating 5); D: 1
    expect(st.topItems).toEqual([
      { index: 1, id: 'B', title: 'title B', count: 11 },
      { index: 0, id: 'A', title: 'title A', count: 2 },
      { index: 2, id: 'C', title: 'title C', count: 1 },
      { index: 3, id: 'D', title: 'title D', count: 1 },
    ]);
    expect(datasetStats(ds, { topK: 2 }).topItems.map((t) => t.id)).toEqual(['B', 'A']);
  });

  it('gives the time span', () => {
    expect(st.timeSpan).toEqual({ start: T0, end: T0 + 4 * D + 8 });
  });

  it('handles an empty dataset and datasets without real times', () => {
    const empty = datasetStats(tinyDataset([]));
    expect(empty.events).toBe(0);
    expect(empty.perDay.day).toEqual([]);
    expect(empty.seqLengthHistogram).toEqual([]);
    expect(empty.timeSpan.start).toBeNaN();
    const ordinal = { ...ds, fields: { ...ds.fields, realTime: false } };
    expect(datasetStats(ordinal).perDay.count.length).toBe(0);
  });
});
