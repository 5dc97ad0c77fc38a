import { IdDictionary } from '../dictionary';
import { EventTableBuilder } from '../event-builder';
import type { Dataset, DatasetFields, ItemTable } from '../types';
import { sortEventsByTime } from './sort-events';

/**
 * Collects events and item attributes while a loader reads rows, then builds a `Dataset`:
 * events sorted by time (stable), item table filled (firstSeen = first event time unless given).
 * Shopper / item / basket ids go through `IdDictionary` (a Map), so any string is a safe id.
 */
export class DatasetAssembler {
  readonly shoppers = new IdDictionary();
  readonly items = new IdDictionary();
  readonly baskets = new IdDictionary();
  readonly events: EventTableBuilder;
  private readonly categories = new IdDictionary();
  private readonly brands = new IdDictionary();
  private titles: string[] = [];
  private category: number[] = [];
  private brand: number[] = [];
  private price: number[] = [];
  private firstSeen: number[] = [];

  constructor(expectedEvents = 1024) {
    this.events = new EventTableBuilder(expectedEvents);
    this.categories.intern('');
    this.brands.intern('');
  }

  /** Index of an item, adding it (with empty attributes) when new. */
  item(id: string): number {
    const i = this.items.intern(id);
    if (i === this.titles.length) {
      this.titles.push('');
      this.category.push(0);
      this.brand.push(0);
      this.price.push(NaN);
      this.firstSeen.push(NaN);
    }
    return i;
  }

  /** Sets the title when the item has none yet. */
  offerTitle(item: number, title: string): void {
    if (this.titles[item] === '' && title !== '') this.titles[item] = title;
  }
  setTitle(item: number, title: string): void {
    this.titles[item] = title;
  }
  setCategory(item: number, name: string, overwrite = false): void {
    if (name !== '' && (overwrite || this.category[item] === 0)) this.category[item] = this.categories.intern(name);
  }
  setBrand(item: number, name: string, overwrite = false): void {
    if (name !== '' && (overwrite || this.brand[item] === 0)) this.brand[item] = this.brands.intern(name);
  }
  setPrice(item: number, p: number, overwrite = false): void {
    if (Number.isFinite(p) && (overwrite || Number.isNaN(this.price[item]))) this.price[item] = p;
  }
  setFirstSeen(item: number, t: number): void {
    if (Number.isFinite(t)) this.firstSeen[item] = t;
  }
  hasTitle(item: number): boolean {
    return this.titles[item] !== '';
  }
  hasCategory(item: number): boolean {
    return this.category[item] !== 0;
  }
  hasBrand(item: number): boolean {
    return this.brand[item] !== 0;
  }
  hasPrice(item: number): boolean {
    return !Number.isNaN(this.price[item]);
  }

  finish(name: string, fields: DatasetFields, meta: Record<string, string | number | boolean>): Dataset {
    const events = sortEventsByTime(this.events.finish());
    const n = this.items.size;
    const firstSeen = Float64Array.from(this.firstSeen);
    const fromEvents = new Float64Array(n).fill(NaN);
    for (let i = events.length - 1; i >= 0; i--) fromEvents[events.item[i]] = events.timestamp[i];
    for (let i = 0; i < n; i++) if (Number.isNaN(firstSeen[i])) firstSeen[i] = fromEvents[i];
    const items: ItemTable = {
      length: n,
      ids: this.items.ids,
      title: this.titles,
      category: Uint32Array.from(this.category),
      categories: this.categories.ids,
      brand: Uint32Array.from(this.brand),
      brands: this.brands.ids,
      price: Float32Array.from(this.price),
      firstSeen,
      flags: new Uint8Array(n),
    };
    return {
      name,
      events,
      items,
      shoppers: this.shoppers.ids,
      baskets: this.baskets.ids,
      fields: { ...fields, title: fields.title && this.titles.some((t) => t !== ''), category: fields.category && this.categories.size > 1, brand: fields.brand && this.brands.size > 1, price: fields.price && this.price.some((p) => !Number.isNaN(p)) },
      meta: Object.freeze({ ...meta }),
    };
  }
}

/** Every optional field off; loaders switch on what their source has. */
export function noFields(): DatasetFields {
  return { device: false, duration: false, basket: false, value: false, title: false, category: false, brand: false, price: false, realTime: true };
}
