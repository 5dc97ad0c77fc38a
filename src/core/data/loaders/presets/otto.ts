import { ACTION_CODE, DEVICE_CODE } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import type { LoadContext } from '../context';
import type { InputFile } from '../input';
import { readJsonLines } from '../jsonl-reader';
import type { LoaderOutput } from '../loader-output';
import { KeyIndex, idText } from '../loader-output';
import { exampleValue } from '../report';
import { openText } from '../text-source';
import { parseTimestamp } from '../timestamp';

const OTTO_TYPES: Readonly<Record<string, number>> = { clicks: ACTION_CODE.click, carts: ACTION_CODE.cart, orders: ACTION_CODE.purchase };

/**
 * OTTO JSON lines: {"session": n, "events": [{"aid", "ts", "type"}]}. The session is the shopper
 * and the basket. `ts` is read as unix ms or seconds (told apart by size: the GitHub fixture has
 * ms, the Kaggle release seconds). A bad event is skipped ('warning'); a line is accepted when
 * at least one of its events loads.
 */
export async function loadOtto(files: InputFile[], ctx: LoadContext): Promise<LoaderOutput | null> {
  const asm = new DatasetAssembler(4096);
  const report = ctx.report;
  const itemOf = new KeyIndex((id) => asm.item(id));
  let any = false;
  for (const file of files) {
    const text = await openText(file, 'jsonl', ctx);
    if (text === null) continue;
    any = true;
    const name = file.name;
    await readJsonLines(text, name, ctx, {
      row: (obj, line) => {
        const session = idText(Object.hasOwn(obj, 'session') ? obj.session : undefined);
        const events = Object.hasOwn(obj, 'events') ? obj.events : undefined;
        if (session === '' || !Array.isArray(events)) {
          report.add('rejected', 'missing-value', `Lines of ${name} without a "session" id or an "events" array were skipped.`, { file: name, line, column: session === '' ? 'session' : 'events', value: exampleValue(obj) }, 1, 'session');
          return false;
        }
        const shopper = asm.shoppers.intern(session);
        const basket = asm.baskets.intern(session);
        let ok = 0;
        for (const ev of events as unknown[]) {
          const e = (typeof ev === 'object' && ev !== null ? ev : {}) as Record<string, unknown>;
          const item = itemOf.index(Object.hasOwn(e, 'aid') ? e.aid : undefined);
          const t = parseTimestamp(Object.hasOwn(e, 'ts') ? e.ts : undefined, 'auto');
          const type = Object.hasOwn(e, 'type') ? e.type : undefined;
          const action = typeof type === 'string' && Object.hasOwn(OTTO_TYPES, type) ? OTTO_TYPES[type] : -1;
          if (item < 0 || Number.isNaN(t) || action < 0) {
            const column = item < 0 ? 'aid' : Number.isNaN(t) ? 'ts' : 'type';
            report.add('warning', item < 0 ? 'missing-value' : Number.isNaN(t) ? 'bad-timestamp' : 'unmapped-action', `Events of ${name} with a missing aid, an unreadable ts or a type other than clicks/carts/orders were skipped (the rest of the session loads).`, { file: name, line, column, value: exampleValue(ev) }, 1, `otto-${column}`);
            continue;
          }
          asm.events.push(shopper, item, action, t, DEVICE_CODE.unknown, NaN, basket, NaN);
          ok++;
        }
        return ok > 0;
      },
    });
  }
  if (!any) return null;
  return {
    assembler: asm,
    fields: { ...noFields(), basket: true },
    meta: { source: 'OTTO Recommender Systems Dataset, github.com/otto-de/recsys-dataset', licence: 'CC BY 4.0' },
  };
}
