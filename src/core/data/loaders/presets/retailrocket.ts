import { ACTION_CODE, DEVICE_CODE, NO_BASKET } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import { resolveColumns } from '../columns';
import type { LoadContext } from '../context';
import { readDelimited } from '../delimited-reader';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import { KeyIndex, cellNumber, idText, isBlank } from '../loader-output';
import { exampleValue } from '../report';
import { openText } from '../text-source';
import { parseTimestamp } from '../timestamp';

const EVENT_COLUMNS = {
  time: { name: 'timestamp', required: true },
  visitor: { name: 'visitorid', required: true },
  event: { name: 'event', required: true },
  item: { name: 'itemid', required: true },
  transaction: { name: 'transactionid', required: false },
};
type EventKey = keyof typeof EVENT_COLUMNS;
const PROPERTY_COLUMNS = {
  time: { name: 'timestamp', required: true },
  item: { name: 'itemid', required: true },
  property: { name: 'property', required: true },
  value: { name: 'value', required: true },
};
type PropertyKey = keyof typeof PROPERTY_COLUMNS;

const EVENTS: Readonly<Record<string, number>> = { view: ACTION_CODE.view, addtocart: ACTION_CODE.cart, transaction: ACTION_CODE.purchase };

/**
 * RetailRocket events.csv (timestamp ms, visitorid, event, itemid, transactionid) and optional
 * item_properties*.csv: for each item seen in the events, the categoryid with the latest
 * timestamp becomes its category. Properties of items without events are ignored ('info').
 */
export async function loadRetailRocket(events: InputFile, propertyFiles: InputFile[], ctx: LoadContext): Promise<LoaderOutput | null> {
  const report = ctx.report;
  const text = await openText(events, 'csv', ctx);
  if (text === null) return null;
  const file = events.name;
  const asm = new DatasetAssembler(Math.max(1024, text.length >> 5));
  const shopperOf = new KeyIndex((id) => asm.shoppers.intern(id));
  const itemOf = new KeyIndex((id) => asm.item(id));
  const basketOf = new KeyIndex((id) => asm.baskets.intern(id));
  let c: Record<EventKey, number> | null = null;
  await readDelimited(text, file, { quoted: true, countRows: true }, ctx, {
    header: (cols) => (c = resolveColumns(cols, EVENT_COLUMNS, file, report)) !== null,
    row: (f, at) => {
      const x = c as Record<EventKey, number>;
      const noVisitor = isBlank(f[x.visitor]);
      if (noVisitor || isBlank(f[x.item])) {
        report.add('rejected', 'missing-value', 'Events with an empty visitorid or itemid were skipped.', { file, line: at.line(), column: noVisitor ? 'visitorid' : 'itemid', value: '' }, 1, 'ids');
        return false;
      }
      const t = parseTimestamp(f[x.time], 'unix-ms');
      if (Number.isNaN(t)) {
        report.add('rejected', 'bad-timestamp', 'Events whose timestamp is not unix milliseconds were skipped.', report.wantsExample('bad-timestamp', 'rejected') ? { file, line: at.line(), column: 'timestamp', value: exampleValue(f[x.time]) } : undefined);
        return false;
      }
      const ev = f[x.event].trim();
      const action = Object.hasOwn(EVENTS, ev) ? EVENTS[ev] : -1;
      if (action < 0) {
        report.add('rejected', 'unmapped-action', 'Events other than view, addtocart and transaction were skipped.', report.wantsExample('unmapped-action', 'rejected') ? { file, line: at.line(), column: 'event', value: exampleValue(ev) } : undefined);
        return false;
      }
      const shopper = shopperOf.index(f[x.visitor]);
      const item = itemOf.index(f[x.item]);
      const basket = x.transaction >= 0 ? basketOf.index(f[x.transaction]) : -1;
      asm.events.push(shopper, item, action, t, DEVICE_CODE.unknown, NaN, basket < 0 ? NO_BASKET : basket, NaN);
      return true;
    },
  });
  if (c === null) return null;

  let haveCategories = false;
  const latest = new Float64Array(asm.items.size).fill(-Infinity);
  let unused = 0;
  for (const pf of propertyFiles) {
    const pt = await openText(pf, 'csv', ctx);
    if (pt === null) continue;
    let p: Record<PropertyKey, number> | null = null;
    await readDelimited(pt, pf.name, { quoted: true, countRows: false }, ctx, {
      header: (cols) => (p = resolveColumns(cols, PROPERTY_COLUMNS, pf.name, report)) !== null,
      row: (f) => {
        const x = p as Record<PropertyKey, number>;
        if (f[x.property] !== 'categoryid') return false;
        const item = asm.items.get(idText(f[x.item]));
        if (item < 0) {
          unused++;
          return false;
        }
        const t = cellNumber(f[x.time]);
        if (t >= latest[item]) {
          latest[item] = t;
          asm.setCategory(item, idText(f[x.value]), true);
          haveCategories = true;
        }
        return true;
      },
    });
  }
  if (unused > 0) report.add('info', 'unused-item-properties', `${unused} categoryid rows describe items that have no event; they were ignored.`, undefined, unused);
  return {
    assembler: asm,
    fields: { ...noFields(), basket: true, category: haveCategories },
    meta: { source: 'RetailRocket e-commerce dataset (Kaggle retailrocket/ecommerce-dataset)', licence: 'CC BY-NC-SA 4.0', category: 'latest categoryid from item_properties' },
  };
}
