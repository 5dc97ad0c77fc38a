import { ACTION_CODE, DEVICE_CODE, NO_SHOPPER } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import type { WantedColumn } from '../columns';
import { resolveColumns } from '../columns';
import type { LoadContext } from '../context';
import type { RowCursor } from '../delimited-reader';
import { readDelimited } from '../delimited-reader';
import { fileBytes, sniff } from '../input';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import { KeyIndex, cellNumber, cellText, idText } from '../loader-output';
import { readParquetColumns } from '../parquet-reader';
import { exampleValue } from '../report';
import type { Tally } from '../report';
import type { PresetOptions } from '../spec-schema';
import { openText } from '../text-source';
import { parseTimestamp } from '../timestamp';

const COLUMNS = {
  invoice: { name: 'InvoiceNo', required: true },
  stock: { name: 'StockCode', required: true },
  description: { name: 'Description', required: false },
  quantity: { name: 'Quantity', required: true },
  date: { name: 'InvoiceDate', required: true },
  price: { name: 'UnitPrice', required: false },
  customer: { name: 'CustomerID', required: true },
} satisfies Record<string, WantedColumn>;
type Key = keyof typeof COLUMNS;
const KEYS = Object.keys(COLUMNS) as Key[];

type GuestPolicy = NonNullable<PresetOptions['guests']>;

/** Turns Online Retail invoice lines into events, one line at a time (no per-row objects). */
class RetailLines {
  readonly asm: DatasetAssembler;
  private readonly shopperOf: KeyIndex;
  private readonly itemOf: KeyIndex;
  private readonly basketOf: KeyIndex;
  /** Per item: description → count on lines with a positive price (and on all lines). */
  private readonly titleVotes: Map<string, number>[] = [];
  private readonly anyVotes: Map<string, number>[] = [];
  private priceItem = new Uint32Array(1 << 16);
  private priceValue = new Float64Array(1 << 16);
  private nPrices = 0;

  constructor(
    private readonly file: string,
    private readonly guests: GuestPolicy,
    private readonly ctx: LoadContext,
    expected: number,
  ) {
    this.asm = new DatasetAssembler(expected);
    this.shopperOf = new KeyIndex((id) => this.asm.shoppers.intern(id));
    this.itemOf = new KeyIndex((id) => this.asm.item(id));
    this.basketOf = new KeyIndex((id) => this.asm.baskets.intern(id));
    const r = ctx.report;
    this.tGuest =
      guests === 'drop'
        ? r.tally('rejected', 'guest-row', 'Lines without CustomerID were dropped (option guests = "drop").')
        : guests === 'invoice-as-shopper'
          ? r.tally('info', 'guest-row', 'Lines without CustomerID were kept; each guest invoice became its own shopper "invoice:<InvoiceNo>" (option guests = "invoice-as-shopper").')
          : r.tally('info', 'guest-row', 'Lines without CustomerID were kept as events with no shopper (NO_SHOPPER): they count for items, baskets and popularity but belong to no shopper (option guests = "anonymous").');
    this.tCancel = r.tally('info', 'cancellation', 'Lines of cancelled invoices (InvoiceNo starting with "C") became cancel events (value = the negative Quantity).');
    this.tNegative = r.tally('info', 'negative-quantity', 'Lines with a negative Quantity outside "C" invoices (stock adjustments, damages) became cancel events.');
    this.tNoTitle = r.tally('info', 'missing-title', 'Lines with an empty or "nan" Description were kept; the item title comes from its other lines.');
    this.tNoInvoice = r.tally('rejected', 'missing-value', 'Lines with an empty InvoiceNo were skipped.', 'InvoiceNo');
    this.tNoStock = r.tally('rejected', 'missing-value', 'Lines with an empty StockCode were skipped.', 'StockCode');
    this.tBadDate = r.tally('rejected', 'bad-timestamp', 'Lines with an unreadable InvoiceDate were skipped.');
    this.tBadQty = r.tally('rejected', 'bad-number', 'Lines with a non-numeric Quantity were skipped.');
  }

  private readonly tGuest: Tally;
  private readonly tCancel: Tally;
  private readonly tNegative: Tally;
  private readonly tNoTitle: Tally;
  private readonly tNoInvoice: Tally;
  private readonly tNoStock: Tally;
  private readonly tBadDate: Tally;
  private readonly tBadQty: Tally;

  /** One line; returns true when it became an event. */
  add(invoiceRaw: unknown, stockRaw: unknown, descRaw: unknown, qtyRaw: unknown, dateRaw: unknown, priceRaw: unknown, customerRaw: unknown, at: RowCursor): boolean {
    const invoice = typeof invoiceRaw === 'string' ? invoiceRaw : idText(invoiceRaw);
    if (invoice === '' || invoice.trim() === '') return this.reject(this.tNoInvoice, 'InvoiceNo', invoiceRaw, at);
    if (stockRaw === null || stockRaw === undefined || idText(stockRaw) === '') return this.reject(this.tNoStock, 'StockCode', stockRaw, at);
    const t = parseTimestamp(dateRaw, 'auto');
    if (Number.isNaN(t)) return this.reject(this.tBadDate, 'InvoiceDate', dateRaw, at);
    const qty = cellNumber(qtyRaw);
    if (Number.isNaN(qty)) return this.reject(this.tBadQty, 'Quantity', qtyRaw, at);

    const first = invoice.charCodeAt(0);
    const cancelInvoice = first === 67 /* C */ || first === 99; /* c */
    let shopper = this.shopperOf.index(customerRaw);
    if (shopper < 0) {
      this.note(this.tGuest, at, 'CustomerID', customerRaw);
      if (this.guests === 'drop') return false;
      shopper = this.guests === 'invoice-as-shopper' ? this.asm.shoppers.intern(`invoice:${invoice}`) : NO_SHOPPER;
    }
    const item = this.itemOf.index(stockRaw);
    const basket = this.basketOf.index(invoiceRaw);
    let action: number = ACTION_CODE.purchase;
    if (cancelInvoice) {
      action = ACTION_CODE.cancel;
      this.note(this.tCancel, at, 'InvoiceNo', invoice);
    } else if (qty < 0) {
      action = ACTION_CODE.cancel;
      this.note(this.tNegative, at, 'Quantity', qtyRaw);
    }
    this.asm.events.push(shopper, item, action, t, DEVICE_CODE.unknown, NaN, basket, qty);

    const desc = typeof descRaw === 'string' ? descRaw : cellText(descRaw);
    const price = cellNumber(priceRaw);
    if (desc === '' || desc === 'nan' || desc === 'NaN' || desc.trim() === '') {
      this.note(this.tNoTitle, at, 'Description', descRaw);
    } else {
      while (this.anyVotes.length <= item) {
        this.anyVotes.push(new Map());
        this.titleVotes.push(new Map());
      }
      const votes = price > 0 ? this.titleVotes[item] : this.anyVotes[item];
      votes.set(desc, (votes.get(desc) ?? 0) + 1);
    }
    if (price > 0) this.pushPrice(item, price);
    return true;
  }

  private note(t: Tally, at: RowCursor, column: string, value: unknown): void {
    t.hit(t.wants ? { file: this.file, line: at.line(), column, value: exampleValue(value) } : undefined);
  }

  private reject(t: Tally, column: string, value: unknown, at: RowCursor): false {
    this.note(t, at, column, value);
    return false;
  }

  private pushPrice(item: number, price: number): void {
    if (this.nPrices === this.priceItem.length) {
      const a = new Uint32Array(this.nPrices * 2);
      a.set(this.priceItem);
      this.priceItem = a;
      const b = new Float64Array(this.nPrices * 2);
      b.set(this.priceValue);
      this.priceValue = b;
    }
    this.priceItem[this.nPrices] = item;
    this.priceValue[this.nPrices++] = price;
  }

  /** Titles (most frequent description on priced lines, else on any line) and median positive prices. */
  finishItems(): void {
    const asm = this.asm;
    for (let i = 0; i < this.anyVotes.length; i++) {
      const priced = this.titleVotes[i];
      const best = priced.size > 0 ? mostFrequent(priced) : mostFrequent(this.anyVotes[i]);
      if (best !== undefined) asm.setTitle(i, best);
    }
    const nItems = asm.items.size;
    const start = new Uint32Array(nItems + 1);
    for (let k = 0; k < this.nPrices; k++) start[this.priceItem[k] + 1]++;
    for (let i = 0; i < nItems; i++) start[i + 1] += start[i];
    const fill = start.slice(0, nItems);
    const grouped = new Float64Array(this.nPrices);
    for (let k = 0; k < this.nPrices; k++) grouped[fill[this.priceItem[k]]++] = this.priceValue[k];
    let noPrice = 0;
    for (let i = 0; i < nItems; i++) {
      const seg = grouped.subarray(start[i], start[i + 1]).sort();
      const n = seg.length;
      if (n === 0) {
        noPrice++;
        continue;
      }
      asm.setPrice(i, n % 2 === 1 ? seg[(n - 1) >> 1] : (seg[n / 2 - 1] + seg[n / 2]) / 2, true);
    }
    if (noPrice > 0) this.ctx.report.add('info', 'no-price', `${noPrice} items have no line with a positive UnitPrice; their price is unknown (NaN).`, undefined, noPrice);
  }
}

function mostFrequent(votes: Map<string, number> | undefined): string | undefined {
  if (!votes) return undefined;
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of votes) if (n > bestN) [best, bestN] = [k, n];
  return best;
}

/** UCI Online Retail from the Parquet file (as bundled) or a CSV with the same columns. */
export async function loadOnlineRetail(file: InputFile, options: PresetOptions, ctx: LoadContext): Promise<LoaderOutput | null> {
  const guests: GuestPolicy = options.guests ?? 'anonymous';
  const report = ctx.report;
  let lines: RetailLines;
  const head = sniff((await fileBytes(file)).subarray(0, 4096));
  if (head === 'parquet' || head === 'parquet-truncated' || file.name.toLowerCase().endsWith('.parquet')) {
    const colName: Partial<Record<Key, string>> = {};
    const table = await readParquetColumns(file, ctx, (names) => {
      const idx = resolveColumns(names, COLUMNS, file.name, report);
      if (idx === null) return null;
      for (const k of KEYS) if (idx[k] >= 0) colName[k] = names[idx[k]];
      return Object.values(colName);
    });
    if (table === null) return null;
    const none: unknown[] = [];
    const col = (k: Key): ArrayLike<unknown> => {
      const name = colName[k];
      return name === undefined ? none : (table.columns.get(name) as ArrayLike<unknown>);
    };
    const [inv, stock, desc, qty, date, price, cust] = KEYS.map(col);
    const n = table.numRows;
    lines = new RetailLines(file.name, guests, ctx, n);
    const at = { file: file.name, i: 0, line(): number { return this.i + 1; } };
    report.rowsRead += n;
    for (let i = 0; i < n; i++) {
      at.i = i;
      if (lines.add(inv[i], stock[i], desc[i], qty[i], date[i], price[i], cust[i], at)) report.rowsAccepted++;
      else report.rowsRejected++;
      if ((i & 16383) === 0) await ctx.tick(i, n, `converting ${file.name}`);
    }
  } else {
    const text = await openText(file, 'csv', ctx);
    if (text === null) return null;
    let idx: Record<Key, number> | null = null;
    const csvLines = new RetailLines(file.name, guests, ctx, Math.max(1024, text.length >> 7));
    lines = csvLines;
    await readDelimited(text, file.name, { quoted: true, countRows: true }, ctx, {
      header: (cols) => (idx = resolveColumns(cols, COLUMNS, file.name, report)) !== null,
      row: (f, at) => {
        const x = idx as Record<Key, number>;
        return csvLines.add(f[x.invoice], f[x.stock], x.description < 0 ? '' : f[x.description], f[x.quantity], f[x.date], x.price < 0 ? '' : f[x.price], f[x.customer], at);
      },
    });
    if (idx === null) return null;
  }
  lines.finishItems();
  return {
    assembler: lines.asm,
    fields: { ...noFields(), basket: true, value: true, title: true, price: true },
    meta: {
      source: 'UCI Online Retail (id 352), Chen, Sain & Guo 2012, https://archive.ics.uci.edu/dataset/352/online+retail',
      licence: 'CC BY 4.0 (attribution: Daqing Chen, Sai Liang Sain, Kun Guo, UCI Machine Learning Repository)',
      preset: 'online-retail',
      file: file.name,
      'options.guests': guests,
      currency: 'GBP',
      value: 'Quantity (negative on cancellations)',
    },
  };
}
