/**
 * Turns zod issues into problems a person can act on: the offending key path (`stages.2.epochs`),
 * what is wrong, the value that was given, and the allowed values or keys where the schema knows
 * them (enums, literals, discriminated unions, strict objects).
 */
import type { z } from 'zod';

export interface ConfigProblem {
  /** Dotted key path, e.g. "stages.2.learningRate"; "(config)" for the root. */
  path: string;
  message: string;
  /** Allowed values (enum / literal / discriminator) or allowed keys (unknown key). */
  allowed?: string[];
  /** The value found at `path` in the input, when there is one. */
  received?: unknown;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export function pathText(path: Path): string {
  return path.length ? path.map(String).join('.') : '(config)';
}

function valueAt(input: unknown, path: Path): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/** The schema that validates the value at `path` of `input` (unions resolved by the input's discriminator). */
export function schemaAt(schema: z.ZodType, input: unknown, path: Path): z.ZodType | null {
  let s: z.ZodType | undefined = schema;
  let v: unknown = input;
  let k = 0;
  for (let guard = 0; s && guard < 200; guard++) {
    const d = defOf(s);
    if (d.innerType && ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(d.type)) {
      s = d.innerType;
      continue;
    }
    if (d.type === 'pipe' && d.in) {
      s = d.in;
      continue;
    }
    if (d.type === 'union' && d.options) {
      const disc = d.discriminator;
      const tag = disc && v && typeof v === 'object' ? (v as Record<string, unknown>)[disc] : undefined;
      const pick = d.options.find((o) => {
        const od = defOf(o);
        const lit = disc && od.shape?.[disc] ? defOf(od.shape[disc]).values : undefined;
        return lit?.includes(tag);
      });
      if (!pick) return k === path.length ? s : null;
      s = pick;
      continue;
    }
    if (k === path.length) return s;
    const key = path[k++];
    if (d.type === 'object' && d.shape) s = d.shape[String(key)];
    else if (d.type === 'array' && d.element) s = d.element;
    else return null;
    v = valueAt(v, [key]);
  }
  return s ?? null;
}

/** Keys an object schema at `path` accepts (for an unknown-key problem). */
export function allowedKeysAt(schema: z.ZodType, input: unknown, path: Path): string[] | undefined {
  const s = schemaAt(schema, input, path);
  const shape = s ? defOf(s).shape : undefined;
  return shape ? Object.keys(shape) : undefined;
}

function quoteAll(xs: readonly unknown[]): string[] {
  return xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function describe(issue: Issue, schema: z.ZodType, input: unknown, prefix: Path): ConfigProblem[] {
  const path = [...prefix, ...issue.path];
  const received = valueAt(input, path);
  const withValue = (p: ConfigProblem): ConfigProblem => (received === undefined ? p : { ...p, received });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, input, path);
      return issue.keys.map((key) => ({
        path: pathText([...path, key]),
        message: `unknown key "${key}"`,
        ...(allowed ? { allowed } : {}),
      }));
    }
    case 'invalid_value':
      return [withValue({ path: pathText(path), message: 'not an allowed value', allowed: quoteAll(issue.values) })];
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc !== undefined && options) {
        return [withValue({ path: pathText(path), message: received === undefined ? `"${disc}" is missing` : `unknown "${disc}"`, allowed: quoteAll(options) })];
      }
      // a plain union: report the branch that came closest (fewest problems)
      const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
      if (branches.length) return branches[0].flatMap((i) => describe(i, schema, input, path));
      return [withValue({ path: pathText(path), message: issue.message })];
    }
    case 'invalid_type':
      if (received === undefined) return [{ path: pathText(path), message: `missing (expected ${issue.expected})` }];
      return [withValue({ path: pathText(path), message: issue.message })];
    default:
      return [withValue({ path: pathText(path), message: issue.message })];
  }
}

/** Every problem of a failed parse, in the order zod found them, duplicates removed. */
export function describeIssues(issues: readonly Issue[], schema: z.ZodType, input: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const p of describe(issue, schema, input, [])) {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

function shortValue(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** One line per problem: `stages.2.epochs: Too big: expected number to be <=1000 (got 5000)`. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems
    .map((p) => {
      let line = `${p.path}: ${p.message}`;
      if (p.received !== undefined) line += ` (got ${shortValue(p.received)})`;
      if (p.allowed) line += `; allowed: ${p.allowed.join(', ')}`;
      return line;
    })
    .join('\n');
}
