/**
 * The SIMO encoder (src/core/models/simo, src/core/train/simo) as a P4 embedder: trains SIMO on
 * the P3 train pairs of the events before t0 only, then returns the catalogue in the three roles
 * (the best-validation weights). Config overrides as in `parseSimoConfig`. With pinsage 'init' or
 * 'concat' the PinSage matrix comes from `pinsage(ds, before)` (it must see only events before t0).
 */
import type { Dataset } from '../data/types';
import { p3Split } from '../eval/splits/p3-split';
import { parseSimoConfig, type SimoConfigInput } from '../models/simo/config';
import type { PinSageMatrix } from '../models/simo/encoder';
import type { ItemRoleEmbeddings } from '../models/simo/roles';
import { prepareSimoData } from '../train/simo/data';
import { trainSimo } from '../train/simo/train';

export type Embedder = (ds: Dataset, before: number) => Promise<ItemRoleEmbeddings>;

export function simoEmbedder(config: SimoConfigInput = {}, log: (line: string) => void = () => undefined, pinsage?: (ds: Dataset, before: number) => Promise<PinSageMatrix>): Embedder {
  return async (ds, before) => {
    const cfg = parseSimoConfig(config);
    const split = p3Split(ds, { seed: cfg.seed, before });
    const data = prepareSimoData(ds, cfg, { split });
    if (cfg.pinsage !== 'off' && !pinsage) throw new Error(`pinsage '${cfg.pinsage}' needs a PinSage embedder`);
    const matrix = cfg.pinsage !== 'off' && pinsage ? await pinsage(ds, before) : null;
    const r = await trainSimo(cfg, data, {
      pinsage: matrix,
      onEvent: (e) => {
        if (e.type === 'epoch') log(`simo epoch ${e.epoch}: validation recall@10 ${e.recall10.toFixed(4)} (${e.seconds.toFixed(1)} s)`);
      },
    });
    log(`simo (${r.embeddings.source}, d=${r.embeddings.dim}) trained in ${r.trainSeconds.toFixed(1)} s`);
    return r.embeddings;
  };
}
