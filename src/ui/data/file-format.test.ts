import { describe, expect, it } from 'vitest';
import { formatFromName, presetFromNames } from './file-format';

describe('formatFromName', () => {
  it('maps extensions (gzip included) to generic formats', () => {
    expect(formatFromName('events.csv')).toBe('csv');
    expect(formatFromName('events.CSV.gz')).toBe('csv');
    expect(formatFromName('x.tsv')).toBe('tsv');
    expect(formatFromName('train.jsonl.gz')).toBe('jsonl');
    expect(formatFromName('online_retail.parquet')).toBe('parquet');
    expect(formatFromName('README')).toBe('csv');
  });
});

describe('presetFromNames', () => {
  it('suggests a known format from distinctive names only', () => {
    expect(presetFromNames(['ratings.csv', 'movies.csv'])).toBe('movielens');
    expect(presetFromNames(['train-item-views.csv'])).toBe('diginetica');
    expect(presetFromNames(['Games-6k.item', 'Games-6k.test.inter'])).toBe('amazon-llmrank');
    expect(presetFromNames(['train.jsonl'])).toBe(null); // OTTO's '*.jsonl' says nothing by itself
    expect(presetFromNames(['my-data.csv'])).toBe(null);
    expect(presetFromNames(['data.parquet'])).toBe(null);
    expect(presetFromNames([])).toBe(null);
  });
});
