/**
 * Pfeed's three embeddings per item (Gebre et al. 2024): the contract between the SIMO / SISO
 * encoders (src/core/models/simo) and everything downstream (lookup tables, feeds, exports).
 */
export const ITEM_ROLES = ['view-query', 'buy-query', 'target'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];
export type QueryRole = Exclude<ItemRole, 'target'>;

export interface ItemRoleEmbeddings {
  /** Embedding size D. */
  readonly dim: number;
  /** Items N (the dataset's item table order). */
  readonly items: number;
  /** N × D each, row-major, L2-normalised rows. */
  readonly viewQuery: Float32Array;
  readonly buyQuery: Float32Array;
  readonly target: Float32Array;
  /** Which encoder produced them, e.g. 'simo', 'siso', 'simo+pinsage'. */
  readonly source: string;
}

export function roleMatrix(e: ItemRoleEmbeddings, role: ItemRole): Float32Array {
  return role === 'view-query' ? e.viewQuery : role === 'buy-query' ? e.buyQuery : e.target;
}
