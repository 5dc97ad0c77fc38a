import { ACTION_CODE, DEVICE_CODE, NO_BASKET } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import type { LoadContext } from '../context';
import { readDelimited } from '../delimited-reader';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import { idText } from '../loader-output';
import { exampleValue } from '../report';
import { openText } from '../text-source';

const DAY_MS = 86_400_000;

/** RecBole atomic-file headers carry a type suffix ('item_id:token'); compare the part before ':'. */
const field = (cols: string[], name: string): number => cols.findIndex((c) => c.split(':')[0].trim().toLowerCase() === name);

/**
 * Amazon sequences as LLMRank / RecBole files. Each .inter line (user, space-separated history,
 * target) gives the sequence history + [target]; across all given .inter files the longest
 * sequence of a user wins (test.inter holds the full one, valid.inter is its prefix without the
 * last item), and a shorter sequence that is not a prefix of it is reported
 * ('inconsistent-history'). There are no timestamps: sequences are placed on synthetic daily steps
 * right-aligned to a common end, so every user's last item (the test target) lies on the same
 * last day and the validation target one day before (`fields.realTime = false`). Action: purchase
 * (a review is the purchase proxy).
 */
export async function loadAmazonLlmRank(itemsFile: InputFile | undefined, interFiles: InputFile[], ctx: LoadContext): Promise<LoaderOutput | null> {
  const report = ctx.report;
  const asm = new DatasetAssembler(1 << 16);
  let haveItems = false;
  if (itemsFile) {
    const text = await openText(itemsFile, 'tsv', ctx);
    if (text !== null) {
      let id = -1;
      let title = -1;
      await readDelimited(text, itemsFile.name, { delimiter: '\t', quoted: false, countRows: false }, ctx, {
        header: (cols) => {
          id = field(cols, 'item_id');
          title = field(cols, 'title');
          if (id < 0) report.add('error', 'missing-column', `${itemsFile.name} lacks the column "item_id:token"; it has: ${cols.map((c) => `"${c}"`).join(', ')}. Item titles are not loaded.`, { file: itemsFile.name, line: 1, column: 'item_id:token' }, 1, itemsFile.name);
          return (haveItems = id >= 0);
        },
        row: (f) => {
          const i = asm.item(idText(f[id]));
          if (title >= 0) asm.setTitle(i, f[title].trim());
          return true;
        },
      });
    }
  }
  // user → longest sequence (item indices) seen so far
  const sequences = new Map<string, number[]>();
  const users: string[] = [];
  let read = 0;
  for (const file of interFiles) {
    const text = await openText(file, 'tsv', ctx);
    if (text === null) continue;
    let u = -1;
    let hist = -1;
    let target = -1;
    let ok = false;
    await readDelimited(text, file.name, { delimiter: '\t', quoted: false, countRows: true }, ctx, {
      header: (cols) => {
        [u, hist, target] = [field(cols, 'user_id'), field(cols, 'item_id_list'), field(cols, 'item_id')];
        if (u < 0 || hist < 0 || target < 0) {
          report.add('error', 'missing-column', `${file.name} lacks the columns user_id:token, item_id_list:token_seq and item_id:token; it has: ${cols.map((c) => `"${c}"`).join(', ')}. The file is skipped.`, { file: file.name, line: 1 }, 1, file.name);
          return false;
        }
        return (ok = true);
      },
      row: (f, at) => {
        const user = idText(f[u]);
        const last = idText(f[target]);
        if (user === '' || last === '') {
          report.add('rejected', 'missing-value', 'Sequence lines with an empty user or target item were skipped.', { file: file.name, line: at.line(), column: user === '' ? 'user_id:token' : 'item_id:token', value: '' }, 1, 'inter');
          return false;
        }
        const tokens = f[hist].trim() === '' ? [] : f[hist].trim().split(/\s+/);
        tokens.push(last);
        const seq = tokens.map((t) => {
          let i = asm.items.get(t);
          if (i < 0) {
            if (haveItems) report.add('warning', 'unknown-item', `Items in the sequences but missing from ${itemsFile?.name ?? 'the item file'} were kept without a title.`, report.wantsExample('unknown-item', 'warning') ? { file: file.name, line: at.line(), value: t } : undefined);
            i = asm.item(t);
          }
          return i;
        });
        const prev = sequences.get(user);
        if (prev === undefined) {
          users.push(user);
          sequences.set(user, seq);
        } else {
          const [short, long] = prev.length <= seq.length ? [prev, seq] : [seq, prev];
          if (!short.every((x, k) => long[k] === x)) {
            report.add('warning', 'inconsistent-history', 'Users whose sequences in different .inter files disagree (the shorter is not a prefix of the longer); the longer sequence was used.', report.wantsExample('inconsistent-history', 'warning') ? { file: file.name, line: at.line(), column: 'item_id_list:token_seq', value: exampleValue(f[hist]) } : undefined);
          }
          sequences.set(user, long);
        }
        return true;
      },
    });
    if (ok) read++;
  }
  if (read === 0) return null;
  let maxLen = 0;
  let total = 0;
  for (const s of sequences.values()) {
    maxLen = Math.max(maxLen, s.length);
    total += s.length;
  }
  const base = maxLen - 1;
  for (const user of users) {
    const seq = sequences.get(user) as number[];
    const shopper = asm.shoppers.intern(user);
    const start = base - (seq.length - 1);
    for (let k = 0; k < seq.length; k++) {
      asm.events.push(shopper, seq[k], ACTION_CODE.purchase, (start + k) * DAY_MS, DEVICE_CODE.unknown, NaN, NO_BASKET, NaN);
    }
  }
  report.add('info', 'synthetic-time', `These files have no timestamps: the ${total} events got synthetic times, one day per step, right-aligned so that every user's last item falls on day ${base} (fields.realTime = false). Use order-based (leave-one-out) evaluation.`, undefined, total);
  return {
    assembler: asm,
    fields: { ...noFields(), title: haveItems, realTime: false },
    meta: {
      source: 'Amazon Review Data 2018 (Ni, Li & McAuley 2019), processed by LLMRank (Hou et al. 2024)',
      licence: 'research use only; cite Ni et al. 2019',
      time: 'synthetic: one day per sequence step, right-aligned (last item of every user on the same day)',
      combine: 'longest sequence per user across .inter files (test.inter = full sequence)',
    },
  };
}
