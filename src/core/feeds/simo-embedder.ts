/**
 * The SIMO encoder as a P4 embedder: trains SIMO (src/core/train/simo) on the P3 train pairs of
 * the events before t0 only, then embeds the catalogue in the three roles. Loaded lazily so the
 * feeds do not depend on the encoder at build time; resolves to null while the encoder's modules
 * are not there (the P4 quality run then falls back to the stand-in embeddings).
 */
import type { Dataset } from '../data/types';
import type { ItemRoleEmbeddings } from '../models/simo/roles';

type Embedder = (ds: Dataset, before: number) => Promise<ItemRoleEmbeddings>;

interface SimoModules {
  parseSimoConfig(input: object): { seed: number };
  p3Split(ds: Dataset, opts: { seed: number; before: number }): object;
  prepareSimoData(ds: Dataset, cfg: object, opts: { split: object }): object;
  trainSimo(cfg: object, d: object, opts: { onEvent?(e: { type: string; epoch?: number; recall10?: number }): void }): Promise<{ embeddings: ItemRoleEmbeddings; trainSeconds: number }>;
}

async function load(): Promise<SimoModules | null> {
  const paths = ['../models/simo/config', '../eval/splits/p3-split', '../train/simo/data', '../train/simo/train'];
  try {
    const mods = await Promise.all(paths.map((p) => import(/* @vite-ignore */ p) as Promise<Record<string, unknown>>));
    const all = Object.assign({}, ...mods) as Record<string, unknown>;
    for (const f of ['parseSimoConfig', 'p3Split', 'prepareSimoData', 'trainSimo']) if (typeof all[f] !== 'function') return null;
    return all as unknown as SimoModules;
  } catch {
    return null;
  }
}

/** SIMO trained on pairs before `before` (config overrides: `config`), or null when the encoder is not available. */
export async function simoEmbedder(config: object = {}, log: (line: string) => void = () => undefined): Promise<Embedder | null> {
  const m = await load();
  if (!m) return null;
  return async (ds, before) => {
    const cfg = m.parseSimoConfig(config);
    const split = m.p3Split(ds, { seed: cfg.seed, before });
    const data = m.prepareSimoData(ds, cfg, { split });
    const r = await m.trainSimo(cfg, data, {
      onEvent: (e) => {
        if (e.type === 'epoch') log(`simo epoch ${e.epoch}: validation recall@10 ${e.recall10?.toFixed(4)}`);
      },
    });
    log(`simo trained in ${r.trainSeconds.toFixed(1)} s`);
    return r.embeddings;
  };
}
