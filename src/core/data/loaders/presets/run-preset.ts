import type { LoadContext } from '../context';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import type { PresetLoadSpec } from '../spec-schema';
import { assignFiles } from './assign-files';
import { presetInfo } from './catalog';
import { loadOnlineRetail } from './online-retail';
import { loadOtto } from './otto';
import { loadMovieLens } from './movielens';
import { loadAmazonLlmRank } from './amazon-llmrank';
import { loadRetailRocket } from './retailrocket';
import { loadDiginetica } from './diginetica';

/** Picks each file's role by name and runs the preset's loader. */
export async function runPreset(spec: PresetLoadSpec, files: InputFile[], ctx: LoadContext): Promise<LoaderOutput | null> {
  const info = presetInfo(spec.preset);
  const roles = assignFiles(info, files, ctx.report);
  if (roles === null) return null;
  const options = spec.options ?? {};
  const one = (role: string): InputFile | undefined => roles.get(role)?.[0];
  const all = (role: string): InputFile[] => roles.get(role) ?? [];
  let out: LoaderOutput | null;
  switch (spec.preset) {
    case 'online-retail':
      out = await loadOnlineRetail(one('lines') as InputFile, options, ctx);
      break;
    case 'otto':
      out = await loadOtto(all('sessions'), ctx);
      break;
    case 'movielens':
      out = await loadMovieLens(one('ratings') as InputFile, one('movies'), options, ctx);
      break;
    case 'amazon-llmrank':
      out = await loadAmazonLlmRank(one('items'), all('sequences'), ctx);
      break;
    case 'retailrocket':
      out = await loadRetailRocket(one('events') as InputFile, all('properties'), ctx);
      break;
    case 'diginetica':
      out = await loadDiginetica(one('views') as InputFile, one('categories'), options, ctx);
      break;
  }
  if (out) out.meta = { ...out.meta, preset: spec.preset, source: out.meta.source ?? info.source, licence: out.meta.licence ?? info.licence };
  return out;
}
