import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseCell, toCsv, toTsv, tsvCell } from './csv-safe';
import { safeFileName, safeIndexName, safeRelativePath, truncateUtf8 } from './safe-names';

describe('CSV / TSV formula neutralising', () => {
  it('prefixes text cells starting with = + - @ tab CR with a single quote', () => {
    for (const s of ['=1+1', '+A1', '-A1+2', '@SUM(A1:A9)', '\tx', '\rx', '=HYPERLINK("http://x")', '-', '+', '--1']) expect(neutraliseCell(s)).toBe(`'${s}`);
  });
  it('leaves plain numbers (negative included) and harmless text alone', () => {
    for (const s of ['-12', '+3.5', '-1e-3', '-.5', '12', 'abc', "'already", '', 'a=b', ' =x']) expect(neutraliseCell(s)).toBe(s);
  });
  it('numbers written from number values are never prefixed; text cells are', () => {
    expect(toTsv([['id', 'x'], ['=bad', -1.5], ['-7', -0.25]])).toBe("id\tx\n'=bad\t-1.5\n-7\t-0.25\n");
    expect(toCsv([['=a,b', -2, 'q"x']])).toBe(`"'=a,b",-2,"q""x"\r\n`);
  });
  it('TSV cells lose tabs and newlines; CSV cells with line breaks are quoted', () => {
    expect(tsvCell('\t=x\ny')).toBe("' =x y");
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
});

describe('safe file names', () => {
  const cases: [string, string][] = [
    ['../../etc/passwd', 'etc_passwd'],
    ['..', 'unnamed'],
    ['.hidden', 'hidden'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['nul\u0000byte', 'nulbyte'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT9.parquet', '_LPT9.parquet'],
    ['com¹', '_com¹'],
    ['console', 'console'],
    ['trailing dots...', 'trailing_dots'],
    ['  spaced  name  ', 'spaced_name'],
    ['café', 'café'],
    ['cafe\u0301', 'café'],
    ['日本語データ', '日本語データ'],
    ['evil\u202Etxt.exe', 'eviltxt.exe'],
    ['', 'unnamed'],
    ['\u0000\u0001\u001f', 'unnamed'],
    ['online-retail', 'online-retail'],
  ];
  for (const [input, want] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(want)}`, () => expect(safeFileName(input)).toBe(want));

  it('caps very long names at maxBytes UTF-8 bytes without splitting a code point', () => {
    const long = '😀'.repeat(100) + 'x'.repeat(500);
    const s = safeFileName(long);
    expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(120);
    expect(s).toBe('😀'.repeat(30));
    expect(safeFileName('a'.repeat(1000)).length).toBe(120);
    expect(truncateUtf8('é'.repeat(10), 5)).toBe('éé');
  });

  it('builds relative paths whose segments cannot escape the folder', () => {
    expect(safeRelativePath('..', '../x', 'run 1')).toBe('unnamed/x/run_1');
    expect(safeRelativePath('/abs', 'C:\\win')).toBe('abs/C_win');
  });

  it('index names: lower-case ASCII, no leading - _ +, never empty', () => {
    expect(safeIndexName('Online Retail Items')).toBe('online-retail-items');
    expect(safeIndexName('_Café/ÜBER*')).toBe('cafe-uber');
    expect(safeIndexName('..')).toBe('kloa-items');
    expect(safeIndexName('日本')).toBe('kloa-items');
    expect(safeIndexName('x'.repeat(300)).length).toBe(100);
  });
});
