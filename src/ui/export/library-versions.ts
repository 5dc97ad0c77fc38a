/**
 * Library versions for manifest.json: the declared ranges of the project's package.json (the page
 * has no access to node_modules' exact versions), the tfjs version the compute worker reports,
 * and the browser.
 */
import pkg from '../../../package.json';

export function libraryVersions(tfjsVersion?: string): Record<string, string> {
  const out: Record<string, string> = { 'kloa-workbench': pkg.version };
  const deps = pkg.dependencies as Record<string, string>;
  for (const name of ['@tensorflow/tfjs-core', 'hyparquet', 'hyparquet-writer', 'react', 'zod']) if (deps[name]) out[name] = `${deps[name]} (declared)`;
  if (tfjsVersion) out['tfjs (running)'] = tfjsVersion;
  if (typeof navigator !== 'undefined') out.browser = navigator.userAgent;
  return out;
}
