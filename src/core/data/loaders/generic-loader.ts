import { ACTION_CODE, DEVICE_CODE, NO_BASKET } from '../types';
import { ActionMapper, DeviceMapper } from './action-names';
import { DatasetAssembler, noFields } from './assembler';
import { resolveColumns } from './columns';
import type { WantedColumn } from './columns';
import type { LoadContext } from './context';
import type { RowCursor } from './delimited-reader';
import { readDelimited } from './delimited-reader';
import type { InputFile } from './input';
import { readJsonLines } from './jsonl-reader';
import type { LoaderOutput } from './loader-output';
import { KeyIndex, cellNumber, cellText, isBlank } from './loader-output';
import { readParquetColumns } from './parquet-reader';
import { ReportBuilder, exampleValue } from './report';
import type { ReportCode } from './report';
import { MAPPING_KEYS } from './spec-schema';
import type { GenericLoadSpec, MappingKey } from './spec-schema';
import { openText } from './text-source';
import { parseTimestamp } from './timestamp';
import type { TimestampFormat } from './timestamp';

const K = Object.fromEntries(MAPPING_KEYS.map((k, i) => [k, i])) as Record<MappingKey, number>;
/** Reads the cell of mapping key number k of the current row (undefined when not mapped). */
type CellReader = (k: number) => unknown;

/** Turns mapped rows into events; one instance for all files of a load. */
class GenericRows {
  readonly asm = new DatasetAssembler(1 << 14);
  private readonly shopperOf = new KeyIndex((id) => this.asm.shoppers.intern(id));
  private readonly itemOf = new KeyIndex((id) => this.asm.item(id));
  private readonly basketOf = new KeyIndex((id) => this.asm.baskets.intern(id));
  private readonly actions: ActionMapper;
  private readonly devices = new DeviceMapper();
  private readonly has: boolean[];
  private readonly defaultAction: number;

  constructor(
    private readonly spec: GenericLoadSpec,
    private readonly ctx: LoadContext,
  ) {
    this.actions = new ActionMapper(spec.actionMapping ?? {});
    this.has = MAPPING_KEYS.map((k) => spec.mapping[k] !== undefined);
    this.defaultAction = ACTION_CODE[spec.defaultAction ?? 'other'];
  }

  private issue(severity: 'rejected' | 'warning', code: ReportCode, key: MappingKey, message: string, value: unknown, at: RowCursor): void {
    const column = this.spec.mapping[key] ?? key;
    const report = this.ctx.report;
    const ex = report.wantsExample(code, severity, column) ? { file: at.file, line: at.line(), column, value: exampleValue(value) } : undefined;
    report.add(severity, code, message, ex, 1, column);
  }

  /** Timestamp format of the current file ('unix-ms' for Parquet timestamp columns). */
  timestampFormat: TimestampFormat = 'auto';

  add(get: CellReader, at: RowCursor): boolean {
    const m = this.spec.mapping;
    const has = this.has;
    const asm = this.asm;
    if (isBlank(get(K.shopper))) {
      this.issue('rejected', 'missing-value', 'shopper', `Rows with an empty shopper ("${m.shopper}") were skipped.`, get(K.shopper), at);
      return false;
    }
    if (isBlank(get(K.item))) {
      this.issue('rejected', 'missing-value', 'item', `Rows with an empty item ("${m.item}") were skipped.`, get(K.item), at);
      return false;
    }
    const tRaw = get(K.timestamp);
    const t = parseTimestamp(tRaw, this.timestampFormat);
    if (Number.isNaN(t)) {
      const fmt = this.timestampFormat;
      this.issue('rejected', 'bad-timestamp', 'timestamp', `Rows whose "${m.timestamp}" is not a timestamp (format ${fmt}: ISO 8601, unix seconds or milliseconds${fmt === 'auto' ? ', M/D/YYYY' : ''}) were skipped; set timestampFormat if the format was guessed wrong.`, tRaw, at);
      return false;
    }
    const shopper = this.shopperOf.index(get(K.shopper));
    const item = this.itemOf.index(get(K.item));
    let action = this.defaultAction;
    if (has[K.action]) {
      const raw = cellText(get(K.action));
      action = this.actions.code(raw);
      if (action < 0) {
        action = ACTION_CODE.other;
        this.issue('warning', 'unmapped-action', 'action', `Rows whose "${m.action}" value has no action mapping were loaded as 'other'; map those values in actionMapping.`, raw, at);
      }
    }
    const device = has[K.device] ? this.devices.code(cellText(get(K.device))) : DEVICE_CODE.unknown;
    const duration = has[K.duration] ? this.number(K.duration, 'duration', at) : NaN;
    const b = has[K.basket] ? this.basketOf.index(get(K.basket)) : -1;
    const value = has[K.value] ? this.number(K.value, 'value', at) : NaN;
    asm.events.push(shopper, item, action, t, device, duration, b < 0 ? NO_BASKET : b, value);
    if (has[K.title] && !asm.hasTitle(item)) asm.offerTitle(item, cellText(get(K.title)));
    if (has[K.category] && !asm.hasCategory(item)) asm.setCategory(item, cellText(get(K.category)));
    if (has[K.brand] && !asm.hasBrand(item)) asm.setBrand(item, cellText(get(K.brand)));
    if (has[K.price] && !asm.hasPrice(item)) asm.setPrice(item, this.number(K.price, 'price', at));
    return true;
  }

  private number(k: number, key: MappingKey, at: RowCursor): number {
    // Re-reading through the current row's reader is cheap (an index or property access).
    const raw = this.current(k);
    const x = cellNumber(raw);
    if (Number.isNaN(x) && cellText(raw) !== '') {
      this.issue('warning', 'bad-number', key, `Non-numeric "${this.spec.mapping[key]}" values were loaded as unknown (NaN); the rows were kept.`, raw, at);
    }
    return x;
  }

  current: CellReader = () => undefined;
}

/** Generic CSV / TSV / JSON lines / Parquet with a column mapping; all files share the mapping. */
export async function loadGeneric(spec: GenericLoadSpec, files: InputFile[], ctx: LoadContext): Promise<LoaderOutput | null> {
  const report = ctx.report;
  const rows = new GenericRows(spec, ctx);
  const wanted = Object.fromEntries(
    MAPPING_KEYS.map((k) => [k, spec.mapping[k] === undefined ? undefined : { name: spec.mapping[k] as string, required: true }]),
  ) as Record<MappingKey, WantedColumn | undefined>;
  if (files.length === 0) {
    report.add('error', 'missing-file', 'No file was given; add at least one data file.');
    return null;
  }
  for (const file of files) {
    rows.timestampFormat = spec.timestampFormat ?? 'auto';
    if (spec.format === 'parquet') await loadParquetFile(file, wanted, rows, ctx);
    else if (spec.format === 'jsonl') await loadJsonFile(file, wanted, rows, ctx);
    else await loadDelimitedFile(file, spec, wanted, rows, ctx);
  }
  const has = (k: MappingKey): boolean => spec.mapping[k] !== undefined;
  return {
    assembler: rows.asm,
    fields: {
      ...noFields(),
      device: has('device'),
      duration: has('duration'),
      basket: has('basket'),
      value: has('value'),
      title: has('title'),
      category: has('category'),
      brand: has('brand'),
      price: has('price'),
    },
    meta: { source: files.map((f) => f.name).join(', '), licence: 'unknown (user file)', timestampFormat: spec.timestampFormat ?? 'auto' },
  };
}

async function loadDelimitedFile(file: InputFile, spec: GenericLoadSpec, wanted: Record<MappingKey, WantedColumn | undefined>, rows: GenericRows, ctx: LoadContext): Promise<void> {
  const text = await openText(file, spec.format === 'tsv' ? 'tsv' : 'csv', ctx, spec.encoding ?? 'utf-8');
  if (text === null) return;
  let idx: Record<MappingKey, number> | null = null;
  let cur: string[] = [];
  const cols = new Int32Array(MAPPING_KEYS.length);
  const get: CellReader = (k) => (cols[k] < 0 ? undefined : cur[cols[k]]);
  rows.current = get;
  const tsv = spec.format === 'tsv';
  await readDelimited(text, file.name, { delimiter: tsv ? '\t' : spec.delimiter, quoted: !tsv, countRows: true }, ctx, {
    header: (header) => {
      idx = resolveColumns(header, wanted, file.name, ctx.report);
      if (idx) MAPPING_KEYS.forEach((k, i) => (cols[i] = (idx as Record<MappingKey, number>)[k]));
      return idx !== null;
    },
    row: (f, at) => {
      cur = f;
      return rows.add(get, at);
    },
  });
}

async function loadParquetFile(file: InputFile, wanted: Record<MappingKey, WantedColumn | undefined>, rows: GenericRows, ctx: LoadContext): Promise<void> {
  const report = ctx.report;
  const names: (string | undefined)[] = MAPPING_KEYS.map(() => undefined);
  const table = await readParquetColumns(file, ctx, (columns) => {
    const idx = resolveColumns(columns, wanted, file.name, report);
    if (idx === null) return null;
    MAPPING_KEYS.forEach((k, i) => (names[i] = idx[k] >= 0 ? columns[idx[k]] : undefined));
    return [...new Set(names.filter((n): n is string => n !== undefined))];
  });
  if (table === null) return;
  const tsName = names[K.timestamp];
  if (tsName !== undefined && table.timeColumns.has(tsName)) rows.timestampFormat = 'unix-ms';
  const arrays = names.map((n) => (n === undefined ? undefined : (table.columns.get(n) as ArrayLike<unknown>)));
  let i = 0;
  const get: CellReader = (k) => arrays[k]?.[i];
  rows.current = get;
  const at = { file: file.name, line: (): number => i + 1 };
  const n = table.numRows;
  report.rowsRead += n;
  for (i = 0; i < n; i++) {
    if (rows.add(get, at)) report.rowsAccepted++;
    else report.rowsRejected++;
    if ((i & 16383) === 0) await ctx.tick(i, n, `converting ${file.name}`);
  }
}

async function loadJsonFile(file: InputFile, wanted: Record<MappingKey, WantedColumn | undefined>, rows: GenericRows, ctx: LoadContext): Promise<void> {
  const text = await openText(file, 'jsonl', ctx);
  if (text === null) return;
  const keys = MAPPING_KEYS.map((k) => wanted[k]?.name);
  let cur: Record<string, unknown> = {};
  const get: CellReader = (k) => {
    const key = keys[k];
    return key !== undefined && Object.hasOwn(cur, key) ? cur[key] : undefined;
  };
  rows.current = get;
  let line = 0;
  const at = { file: file.name, line: (): number => line };
  // Each JSON line names its own keys, so one line without a mapped key is a bad row, not a bad
  // file: the key names are fixed by the first line that has every required one (exact names
  // until then); only when no line has them is the file reported as lacking the column.
  let resolved = false;
  let firstKeys: string[] | null = null;
  await readJsonLines(text, file.name, ctx, {
    row: (obj, l) => {
      if (!resolved) {
        const present = Object.keys(obj);
        firstKeys ??= present;
        const idx = resolveColumns(present, wanted, file.name, new ReportBuilder());
        if (idx !== null) {
          resolved = true;
          MAPPING_KEYS.forEach((k, i) => (keys[i] = idx[k] >= 0 ? present[idx[k]] : undefined));
        }
      }
      cur = obj;
      line = l;
      return rows.add(get, at);
    },
  });
  if (!resolved && firstKeys !== null) resolveColumns(firstKeys, wanted, file.name, ctx.report);
}
