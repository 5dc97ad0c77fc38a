/** Seeded random datasets for the graph tests (items with popularity skew, weighted actions). */
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { Rng } from '../rng';
import { ACTION_CODE, type ActionKind, type Dataset } from '../data/types';

export function randomShopperItemDataset(nItems: number, nShoppers: number, eventsPerShopper: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const kinds: ActionKind[] = ['view', 'click', 'cart', 'purchase'];
  const rows: TinyEvent[] = [];
  let t = 0;
  // Zipf-like popularity so the PPR has a clear head and long tail
  const pop = Float64Array.from({ length: nItems }, (_, i) => 1 / (1 + i) ** 0.7);
  for (let s = 0; s < nShoppers; s++) {
    // each shopper has a home "cluster" of items
    const home = rng.nextInt(nItems);
    const n = 1 + rng.nextInt(eventsPerShopper);
    for (let k = 0; k < n; k++) {
      const it = rng.chance(0.6) ? (home + rng.nextInt(8)) % nItems : rng.weighted(pop);
      rows.push({ s: `s${s}`, i: `i${it}`, a: kinds[rng.nextInt(kinds.length)], t: t++ });
    }
  }
  return tinyDataset(rows, Array.from({ length: nItems }, (_, i) => `i${i}`), 'random');
}

/**
 * Event columns (no Dataset, no strings: fast at any size) of `nShoppers` shoppers with 1..2k−1
 * events each (k = `eventsPerShopper`): 60 % on a home cluster of 8 consecutive items, the rest on
 * a popularity-skewed item (≈ n·u³). Actions cycle through view, click, cart, purchase weights.
 */
export function randomEventColumns(nItems: number, nShoppers: number, eventsPerShopper: number, seed: number): { shopper: Uint32Array; item: Uint32Array; action: Uint8Array } {
  const rng = new Rng(seed);
  const shopper: number[] = [];
  const item: number[] = [];
  const action: number[] = [];
  const codes = [ACTION_CODE.view, ACTION_CODE.click, ACTION_CODE.cart, ACTION_CODE.purchase];
  for (let s = 0; s < nShoppers; s++) {
    const home = rng.nextInt(nItems);
    const n = 1 + rng.nextInt(2 * eventsPerShopper - 1);
    for (let k = 0; k < n; k++) {
      const u = rng.nextFloat();
      shopper.push(s);
      item.push(rng.chance(0.6) ? (home + rng.nextInt(8)) % nItems : Math.min(nItems - 1, Math.floor(nItems * u * u * u)));
      action.push(codes[rng.nextInt(codes.length)]);
    }
  }
  return { shopper: Uint32Array.from(shopper), item: Uint32Array.from(item), action: Uint8Array.from(action) };
}
