import { describe, expect, it } from 'vitest';
import { reasonText, searchShoppers } from './feed-text';

describe('feed text', () => {
  const items = { title: ['Red mug', ''], ids: ['m1', 'x2'] };
  it('says what the shopper did with the query item', () => {
    expect(reasonText(items, { query: 0, action: 'purchase' })).toBe('because you bought Red mug');
    expect(reasonText(items, { query: 1, action: 'view' })).toBe('because you viewed x2');
  });
  it('finds shoppers by id, prefix matches first, only allowed ones', () => {
    const ds = { shoppers: ['12346', '17850', '11785', '99'] };
    expect(searchShoppers(ds, '1785')).toEqual([1, 2]);
    expect(searchShoppers(ds, '1785', 12, [2])).toEqual([2]);
    expect(searchShoppers(ds, '  ')).toEqual([]);
  });
});
