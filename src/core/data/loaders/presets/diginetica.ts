import { ACTION_CODE, DEVICE_CODE, NO_SHOPPER } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import { resolveColumns } from '../columns';
import type { LoadContext } from '../context';
import { readDelimited } from '../delimited-reader';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import { KeyIndex, cellNumber, idText, isBlank } from '../loader-output';
import { exampleValue } from '../report';
import type { PresetOptions } from '../spec-schema';
import { openText } from '../text-source';
import { parseTimestamp, toTime } from '../timestamp';

const VIEW_COLUMNS = {
  session: { name: 'sessionId', required: true },
  user: { name: 'userId', required: true },
  item: { name: 'itemId', required: true },
  timeframe: { name: 'timeframe', required: true },
  date: { name: 'eventdate', required: true },
};

/**
 * Diginetica train-item-views.csv (';'-separated). Time = eventdate (UTC midnight) + timeframe
 * (ms since the session's first event). Sessions without userId become a shopper "session:<id>"
 * (default) or have no shopper (anonymousSessions = 'no-shopper'); reported as 'info'.
 */
export async function loadDiginetica(views: InputFile, categories: InputFile | undefined, options: PresetOptions, ctx: LoadContext): Promise<LoaderOutput | null> {
  const report = ctx.report;
  const policy = options.anonymousSessions ?? 'session-as-shopper';
  const text = await openText(views, 'csv', ctx);
  if (text === null) return null;
  const asm = new DatasetAssembler(Math.max(1024, text.length >> 5));
  const itemOf = new KeyIndex((id) => asm.item(id));
  const basketOf = new KeyIndex((id) => asm.baskets.intern(id));
  const shopperOf = new KeyIndex((id) => asm.shoppers.intern(id));
  const file = views.name;
  let c: Record<keyof typeof VIEW_COLUMNS, number> | null = null;
  await readDelimited(text, file, { quoted: true, countRows: true }, ctx, {
    header: (cols) => (c = resolveColumns(cols, VIEW_COLUMNS, file, report)) !== null,
    row: (f, at) => {
      const x = c as Record<keyof typeof VIEW_COLUMNS, number>;
      const noSession = isBlank(f[x.session]);
      if (noSession || isBlank(f[x.item])) {
        const column = noSession ? 'sessionId' : 'itemId';
        report.add('rejected', 'missing-value', `Rows with an empty sessionId or itemId were skipped.`, { file, line: at.line(), column, value: '' }, 1, 'ids');
        return false;
      }
      const day = parseTimestamp(f[x.date], 'iso');
      const offset = cellNumber(f[x.timeframe]);
      if (Number.isNaN(day) || !Number.isFinite(offset) || Number.isNaN(toTime(day + offset))) {
        const column = Number.isNaN(day) ? 'eventdate' : 'timeframe';
        report.add('rejected', 'bad-timestamp', 'Rows with an unreadable eventdate (YYYY-MM-DD) or timeframe (ms) were skipped.', report.wantsExample('bad-timestamp', 'rejected') ? { file, line: at.line(), column, value: exampleValue(f[Number.isNaN(day) ? x.date : x.timeframe]) } : undefined);
        return false;
      }
      const basket = basketOf.index(f[x.session]);
      const item = itemOf.index(f[x.item]);
      const user = f[x.user].trim();
      let shopper = user === '' || user === 'NA' ? -1 : shopperOf.index(user);
      if (shopper < 0) {
        const sid = asm.baskets.ids[basket];
        shopper = policy === 'no-shopper' ? NO_SHOPPER : asm.shoppers.intern(`session:${sid}`);
        report.add('info', 'anonymous-session', policy === 'no-shopper' ? 'Views of sessions without userId have no shopper (option anonymousSessions = "no-shopper").' : 'Views of sessions without userId were given the shopper "session:<sessionId>" (option anonymousSessions = "session-as-shopper").', report.wantsExample('anonymous-session', 'info') ? { file, line: at.line(), column: 'userId', value: f[x.user] } : undefined);
      }
      asm.events.push(shopper, item, ACTION_CODE.view, day + offset, DEVICE_CODE.unknown, NaN, basket, NaN);
      return true;
    },
  });
  if (c === null) return null;
  let hasCategory = false;
  if (categories) {
    const ct = await openText(categories, 'csv', ctx);
    let cc: { item: number; category: number } | null = null;
    if (ct !== null) {
      await readDelimited(ct, categories.name, { quoted: true, countRows: false }, ctx, {
        header: (cols) => (cc = resolveColumns(cols, { item: { name: 'itemId', required: true }, category: { name: 'categoryId', required: true } }, categories.name, report)) !== null,
        row: (f) => {
          const i = asm.items.get(idText(f[(cc as { item: number }).item]));
          if (i >= 0) asm.setCategory(i, idText(f[(cc as { category: number }).category]));
          return i >= 0;
        },
      });
      hasCategory = cc !== null;
    }
  }
  return {
    assembler: asm,
    fields: { ...noFields(), basket: true, category: hasCategory },
    meta: { source: 'CIKM Cup 2016 Track 2 (DIGINETICA)', 'options.anonymousSessions': policy },
  };
}
