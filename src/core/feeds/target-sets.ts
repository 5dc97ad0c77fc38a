/**
 * "X for you" target sets (Pfeed step 3): which items a lookup table indexes and a feed may show.
 * A rule is plain data (zod v4, so it travels to workers and into run records):
 *   all                   every catalogue item
 *   category  {category}  items of one category (by name)
 *   promo                 items with ITEM_FLAG.promo
 *   new       {after}     items first seen after a date (ms since the epoch, or an ISO date)
 * `knownBefore` (P4) keeps only items that exist at a cut-off: first seen before it (or, when the
 * dataset has no first-seen times, with an event before it).
 */
import { z } from 'zod';
import { ITEM_FLAG, type Dataset } from '../data/types';
import { firstIndexAtOrAfter } from '../eval/splits/time';

const dateMs = z.union([z.number().finite(), z.string().min(1)]).transform((v, ctx) => {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a date (use ms since the epoch or an ISO date such as 2011-11-01)` });
    return z.NEVER;
  }
  return t;
});

export const targetSetRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('category'), category: z.string().min(1, 'name the category') }),
  z.object({ kind: z.literal('promo') }),
  z.object({ kind: z.literal('new'), after: dateMs }),
]);

export type TargetSetRuleInput = z.input<typeof targetSetRuleSchema>;
export type TargetSetRule = z.output<typeof targetSetRuleSchema>;

export function parseTargetSetRule(input: unknown): TargetSetRule {
  const r = targetSetRuleSchema.safeParse(input);
  if (!r.success) throw new Error(`Bad target set rule: ${r.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The `variant` of P4 metrics.json entries: 'all', 'promo', 'new', 'category:<name>'. */
export function targetSetName(rule: TargetSetRule): string {
  return rule.kind === 'category' ? `category:${rule.category}` : rule.kind;
}

/** A human title, e.g. "New for you", "Garden for you". */
export function targetSetTitle(rule: TargetSetRule): string {
  switch (rule.kind) {
    case 'all':
      return 'For you';
    case 'promo':
      return 'Deals for you';
    case 'new':
      return `New for you (since ${new Date(rule.after).toISOString().slice(0, 10)})`;
    case 'category':
      return `${rule.category} for you`;
  }
}

export interface TargetSetOptions {
  /** Keep only items that exist at this time (first seen before it / an event before it). */
  knownBefore?: number;
}

/** The item indices of a target set, ascending. Throws with a readable message when the rule names an unknown category. */
export function selectTargetSet(ds: Dataset, ruleInput: TargetSetRule | TargetSetRuleInput, opts: TargetSetOptions = {}): Uint32Array {
  const rule = parseTargetSetRule(ruleInput);
  const it = ds.items;
  const n = it.length;
  let category = -1;
  if (rule.kind === 'category') {
    category = it.categories.indexOf(rule.category);
    if (category <= 0) throw new Error(`Unknown category "${rule.category}"; this dataset has ${it.categories.length - 1} named categories.`);
  }
  let known: Uint8Array | null = null;
  if (opts.knownBefore !== undefined) {
    known = new Uint8Array(n);
    const end = firstIndexAtOrAfter(ds.events.timestamp, opts.knownBefore);
    for (let e = 0; e < end; e++) if (ds.events.item[e] < n) known[ds.events.item[e]] = 1;
    for (let i = 0; i < n; i++) if (it.firstSeen[i] < opts.knownBefore) known[i] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (known && known[i] === 0) continue;
    let keep = true;
    if (rule.kind === 'category') keep = it.category[i] === category;
    else if (rule.kind === 'promo') keep = (it.flags[i] & ITEM_FLAG.promo) !== 0;
    else if (rule.kind === 'new') keep = it.firstSeen[i] > rule.after;
    if (keep) out.push(i);
  }
  return Uint32Array.from(out);
}

/** Membership mask over all items (1 = in the set). */
export function targetSetMask(nItems: number, set: ArrayLike<number>): Uint8Array {
  const m = new Uint8Array(nItems);
  for (let k = 0; k < set.length; k++) m[set[k]] = 1;
  return m;
}

export interface TargetSetChoice {
  rule: TargetSetRule;
  name: string;
  title: string;
  size: number;
}

/**
 * The sets worth offering for a dataset: all; promo when any item carries the flag; new (first
 * seen in the last `newDays` before `at`) when any is; the `categories` largest categories.
 * Empty sets are left out.
 */
export function suggestTargetSets(ds: Dataset, at: number, opts: { newDays?: number; categories?: number; knownBefore?: number } = {}): TargetSetChoice[] {
  const rules: TargetSetRule[] = [{ kind: 'all' }, { kind: 'promo' }, { kind: 'new', after: at - (opts.newDays ?? 30) * 86_400_000 }];
  const counts = new Uint32Array(ds.items.categories.length);
  for (let i = 0; i < ds.items.length; i++) counts[ds.items.category[i]]++;
  const cats = Array.from(counts.keys())
    .filter((c) => c > 0 && counts[c] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, opts.categories ?? 3);
  for (const c of cats) rules.push({ kind: 'category', category: ds.items.categories[c] });
  const out: TargetSetChoice[] = [];
  for (const rule of rules) {
    const size = selectTargetSet(ds, rule, { knownBefore: opts.knownBefore }).length;
    if (size > 0) out.push({ rule, name: targetSetName(rule), title: targetSetTitle(rule), size });
  }
  return out;
}
