import type { InputFile } from '../input';
import { baseName } from '../input';
import type { ReportBuilder } from '../report';
import type { PresetInfo } from './catalog';

function globToRegExp(glob: string): RegExp {
  const esc = glob.toLowerCase().replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${esc}$`);
}

export function matchesPattern(name: string, patterns: readonly string[]): boolean {
  const b = baseName(name);
  return patterns.some((p) => globToRegExp(p).test(b));
}

/**
 * Gives each file a role of the preset by its name (first matching role). A lone unmatched file
 * takes a lone required role. Missing required roles give a 'missing-file' error (null);
 * files no role wants give an 'unused-file' warning.
 */
export function assignFiles(preset: PresetInfo, files: readonly InputFile[], report: ReportBuilder): Map<string, InputFile[]> | null {
  const out = new Map<string, InputFile[]>();
  const unused: InputFile[] = [];
  for (const f of files) {
    const role = preset.files.find((r) => matchesPattern(f.name, r.patterns) && (r.multiple || !out.has(r.role)));
    if (role) out.set(role.role, [...(out.get(role.role) ?? []), f]);
    else unused.push(f);
  }
  const required = preset.files.filter((r) => r.required);
  if (unused.length === 1 && required.length === 1 && !out.has(required[0].role) && preset.files.length === 1) {
    out.set(required[0].role, [unused.pop() as InputFile]);
  }
  for (const f of unused) {
    report.add('warning', 'unused-file', `Files the ${preset.title} preset does not read were ignored.`, { file: f.name, line: 1 });
  }
  const missing = required.filter((r) => !out.has(r.role));
  if (missing.length > 0) {
    for (const r of missing) {
      report.add('error', 'missing-file', `The ${preset.title} preset needs ${r.description}; no given file matches ${r.patterns.join(', ')}. Add it (file names: ${files.map((f) => f.name).join(', ') || 'none given'}).`, undefined, 1, r.role);
    }
    return null;
  }
  return out;
}
