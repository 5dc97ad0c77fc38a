/** Seeded random datasets for the graph tests (items with popularity skew, weighted actions). */
import { tinyDataset, type TinyEvent } from '../eval/splits/tiny-dataset';
import { Rng } from '../rng';
import type { ActionKind, Dataset } from '../data/types';

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
