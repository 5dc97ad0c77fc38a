/**
 * What SIMO / SISO training needs from a dataset: the P3 split (pairs of every supported relation,
 * 80/10/10), the items' content tokens, the positives per relation (false in-batch negatives are
 * masked) and a seeded sample of the valid pairs for validation.
 */
import type { Dataset } from '../../data/types';
import { supportedRelations } from '../../eval/p3';
import type { P3Relation } from '../../eval/splits/p3-pairs';
import { p3Split, type P3Split } from '../../eval/splits/p3-split';
import { pairCollector, selectPairs, type ItemPairs, type PairCollector } from '../../eval/splits/pairs';
import { Rng } from '../../rng';
import type { SimoConfig } from '../../models/simo/config';
import { buildContentTokens, type ContentTokens } from '../../models/simo/content-tokens';

export interface ValidationSet {
  relation: P3Relation;
  pairs: ItemPairs;
  complexity: Uint8Array;
}

export interface SimoData {
  readonly nItems: number;
  readonly split: P3Split;
  /** Relations with train pairs (view-buy only where the dataset has views). */
  readonly relations: readonly P3Relation[];
  readonly tokens: ContentTokens;
  /** All train pairs of `relations`, concatenated; `view[j]` = 1 for view-buy. */
  readonly train: { q: Uint32Array; t: Uint32Array; view: Uint8Array };
  /** Train positives per relation (for masking false negatives). */
  readonly positives: Readonly<Partial<Record<P3Relation, PairCollector>>>;
  readonly validation: readonly ValidationSet[];
}

export interface PrepareOptions {
  /** A split computed already (same seed), e.g. shared by SIMO and SISO runs. */
  split?: P3Split;
}

export function prepareSimoData(ds: Dataset, cfg: SimoConfig, opts: PrepareOptions = {}): SimoData {
  const split = opts.split ?? p3Split(ds, { seed: cfg.seed });
  const n = ds.items.length;
  const relations = supportedRelations(ds).filter((r) => split.relations[r].train.q.length > 0);
  if (relations.length === 0) throw new Error(`${ds.name}: no P3 train pairs (it needs purchases by known shoppers)`);
  let m = 0;
  for (const r of relations) m += split.relations[r].train.q.length;
  const q = new Uint32Array(m);
  const t = new Uint32Array(m);
  const view = new Uint8Array(m);
  const positives: Partial<Record<P3Relation, PairCollector>> = {};
  let k = 0;
  for (const r of relations) {
    const p = split.relations[r].train;
    const set = pairCollector(n, p.q.length);
    for (let j = 0; j < p.q.length; j++, k++) {
      q[k] = p.q[j];
      t[k] = p.i[j];
      view[k] = r === 'view-buy' ? 1 : 0;
      set.add(p.q[j], p.i[j]);
    }
    positives[r] = set;
  }
  const validation: ValidationSet[] = [];
  for (const r of relations) {
    const v = split.relations[r].valid;
    if (v.q.length === 0) continue;
    let idx: Uint32Array | null = null;
    if (v.q.length > cfg.validationPairs) idx = new Rng(cfg.seed).fork(`simo-valid:${r}`).sampleDistinct(v.q.length, cfg.validationPairs).sort();
    const pairs = idx ? selectPairs(v, idx) : v;
    const complexity = idx ? Uint8Array.from(idx, (j) => split.relations[r].complexity.valid[j]) : split.relations[r].complexity.valid;
    validation.push({ relation: r, pairs, complexity });
  }
  return { nItems: n, split, relations, tokens: buildContentTokens(ds, cfg), train: { q, t, view }, positives, validation };
}
