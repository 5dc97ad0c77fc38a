/**
 * What the Projector can show, for the current dataset: the item embeddings of each PinSage run
 * and the shopper embeddings of each PinnerFormer run of this session, the co-engagement
 * stand-in item vectors (no training; not a model), and seeded Gaussian test vectors with
 * planted clusters (no data, no model) — each labelled as what it is.
 */
import type { Dataset } from '../../core/data/types';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';
import { useTrainStore } from '../train/train-store';

export interface SourceOption {
  key: string;
  label: string;
  /** Needs the current dataset (all but the test vectors). */
  needsDataset: boolean;
}

export const PLANTED_SIZES = [2_000, 50_000] as const;
export const PLANTED_DIM = 64;
export const PLANTED_CLUSTERS = 12;
export const STANDIN_DIM = 64;

export function sourceOptions(ds: Dataset | null): SourceOption[] {
  const out: SourceOption[] = [];
  if (ds) {
    for (const r of useTrainStore.getState().runs.filter((x) => x.dataset === ds.name)) {
      out.push({ key: `pinsage:${r.runId}`, label: `PinSage item embeddings — ${parsePinSageConfig(r.config).variant} (${r.finishedAt.slice(11, 19)})`, needsDataset: true });
    }
    for (const r of usePinnerFormerStore.getState().runs.filter((x) => x.dataset === ds.name)) {
      out.push({ key: `pinnerformer:${r.runId}`, label: `PinnerFormer shopper embeddings (${r.finishedAt.slice(11, 19)})`, needsDataset: true });
    }
    out.push({ key: 'standin', label: `Co-engagement stand-in item vectors (${STANDIN_DIM}-D random indexing; not a trained model)`, needsDataset: true });
  }
  for (const n of PLANTED_SIZES) {
    out.push({ key: `planted:${n}`, label: `Test vectors: ${n.toLocaleString('en-US')} Gaussian points, ${PLANTED_CLUSTERS} planted clusters (no data, no model)`, needsDataset: false });
  }
  return out;
}
