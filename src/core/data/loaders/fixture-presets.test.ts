import { describe, expect, it } from 'vitest';
import { loadDataset } from '../load';
import { ACTION_CODE, NO_BASKET, NO_SHOPPER } from '../types';
import { fixture } from './test-files';

describe('MovieLens preset (fixtures)', () => {
  it('loads ratings.csv + movies.csv, reporting unknown movies, bad rows and odd ids', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'movielens' }, [fixture('movielens/ratings.csv'), fixture('movielens/movies.csv')]);
    const d = dataset!;
    expect(report).toMatchObject({ rowsRead: 9, rowsAccepted: 7, rowsRejected: 2 });
    expect(report.entries.find((e) => e.code === 'bad-timestamp')!.examples[0]).toEqual({ file: 'ratings.csv', line: 7, column: 'timestamp', value: 'not-a-time' });
    expect(report.entries.find((e) => e.code === 'bad-number')!.examples[0]).toMatchObject({ line: 10, column: 'rating', value: 'abc' });
    const unknown = report.entries.find((e) => e.code === 'unknown-item')!;
    expect(unknown).toMatchObject({ severity: 'warning', count: 1 });
    expect(unknown.examples[0]).toMatchObject({ line: 6, column: 'movieId', value: '999' });
    expect(d.shoppers).toEqual(['1', '2', '__proto__', 'constructor']);
    expect(d.items.length).toBe(5); // 4 listed movies + unlisted 999
    const toy = d.items.ids.indexOf('1');
    expect(d.items.title[toy]).toBe('Toy Story (1995)');
    expect(d.items.categories[d.items.category[toy]]).toBe('Adventure');
    expect(d.items.title[d.items.ids.indexOf('6')]).toBe('American President, The (1995)');
    expect(d.items.category[d.items.ids.indexOf('7')]).toBe(0);
    expect([...d.events.action].every((a) => a === ACTION_CODE.rating)).toBe(true);
    expect(d.events.value[0]).toBe(4);
    expect(d.events.timestamp[0]).toBe(964981247000);
    expect(d.events.basket[0]).toBe(NO_BASKET);
  });

  it('drops unknown movies on request', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'movielens', options: { unknownItems: 'drop' } }, [fixture('movielens/ratings.csv'), fixture('movielens/movies.csv')]);
    expect(report.rowsAccepted).toBe(6);
    expect(report.entries.find((e) => e.code === 'unknown-item')!.severity).toBe('rejected');
    expect(dataset!.items.ids).not.toContain('999');
  });

  it('loads ml-100k u.data + u.item (latin1, "|" separated)', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'movielens' }, [fixture('movielens-100k/u.data'), fixture('movielens-100k/u.item')]);
    const d = dataset!;
    expect(report).toMatchObject({ rowsRead: 4, rowsAccepted: 4 });
    expect(d.items.length).toBe(9);
    expect(d.items.title[d.items.ids.indexOf('1633')]).toBe('Á köldum klaka (Cold Fever) (1994)');
    expect(d.items.categories[d.items.category[d.items.ids.indexOf('302')]]).toBe('Crime');
    expect(d.events.timestamp[0]).toBe(878887116000);
  });
});

describe('RetailRocket preset (fixtures)', () => {
  it('maps events, transactions and the latest categoryid', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'retailrocket' }, [fixture('retailrocket/events.csv'), fixture('retailrocket/item_properties_part1.csv')]);
    const d = dataset!;
    expect(report).toMatchObject({ rowsRead: 10, rowsAccepted: 8, rowsRejected: 2 });
    expect(report.entries.find((e) => e.code === 'unmapped-action')!.examples[0]).toMatchObject({ line: 10, column: 'event', value: 'wishlist' });
    expect(report.entries.find((e) => e.code === 'missing-value')!.examples[0]).toMatchObject({ line: 11, column: 'visitorid' });
    expect(report.entries.find((e) => e.code === 'unused-item-properties')!.count).toBe(1);
    const cat = (id: string) => d.items.categories[d.items.category[d.items.ids.indexOf(id)]];
    expect(cat('355908')).toBe('1338');
    expect(cat('248676')).toBe('1173');
    expect(cat('356475')).toBe('1277');
    expect(d.baskets).toEqual(['4000']);
    const actions = [...d.events.action];
    expect(actions.filter((a) => a === ACTION_CODE.purchase).length).toBe(2);
    expect(actions.filter((a) => a === ACTION_CODE.cart).length).toBe(1);
    expect(d.events.timestamp[0]).toBe(1433221332117);
  });
});

describe('Diginetica preset (fixtures)', () => {
  it('loads views with date + timeframe and anonymous sessions', async () => {
    const { dataset, report } = await loadDataset({ kind: 'preset', preset: 'diginetica' }, [fixture('diginetica/train-item-views.csv'), fixture('diginetica/product-categories.csv')]);
    const d = dataset!;
    expect(report).toMatchObject({ rowsRead: 8, rowsAccepted: 7, rowsRejected: 1 });
    expect(report.entries.find((e) => e.code === 'bad-timestamp')!.examples[0]).toMatchObject({ line: 9, column: 'timeframe', value: 'xx' });
    expect(report.entries.find((e) => e.code === 'anonymous-session')!.count).toBe(5);
    expect(d.shoppers).toEqual(expect.arrayContaining(['session:1', 'session:2', '48', 'session:4']));
    expect(d.events.timestamp[0]).toBe(Date.UTC(2016, 4, 9) + 75848);
    expect([...d.events.action].every((a) => a === ACTION_CODE.view)).toBe(true);
    expect(d.items.categories[d.items.category[d.items.ids.indexOf('81766')]]).toBe('1');
    const noShopper = await loadDataset({ kind: 'preset', preset: 'diginetica', options: { anonymousSessions: 'no-shopper' } }, [fixture('diginetica/train-item-views.csv')]);
    expect([...noShopper.dataset!.events.shopper].filter((s) => s === NO_SHOPPER).length).toBe(5);
  });
});
