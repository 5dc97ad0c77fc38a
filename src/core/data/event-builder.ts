import type { EventTable } from './types';

/** Zeroed event columns of `n` rows. */
export function allocateEventColumns(n: number): EventTable {
  return {
    length: n,
    shopper: new Uint32Array(n),
    item: new Uint32Array(n),
    action: new Uint8Array(n),
    timestamp: new Float64Array(n),
    device: new Uint8Array(n),
    duration: new Float32Array(n),
    basket: new Uint32Array(n),
    value: new Float32Array(n),
  };
}

/** Appends events into growable typed-array columns; `finish()` returns exact-length columns. */
export class EventTableBuilder {
  private n = 0;
  private cap!: number;
  private shopper!: Uint32Array;
  private item!: Uint32Array;
  private action!: Uint8Array;
  private timestamp!: Float64Array;
  private device!: Uint8Array;
  private duration!: Float32Array;
  private basket!: Uint32Array;
  private value!: Float32Array;

  constructor(initialCapacity = 1024) {
    this.reset(Math.max(16, initialCapacity | 0));
  }

  /** Fresh empty columns of capacity `cap` (rows written so far are dropped). */
  private reset(cap: number): void {
    const c = allocateEventColumns(cap);
    this.cap = cap;
    this.shopper = c.shopper;
    this.item = c.item;
    this.action = c.action;
    this.timestamp = c.timestamp;
    this.device = c.device;
    this.duration = c.duration;
    this.basket = c.basket;
    this.value = c.value;
  }

  get length(): number {
    return this.n;
  }

  push(
    shopper: number,
    item: number,
    action: number,
    timestamp: number,
    device: number,
    duration: number,
    basket: number,
    value: number,
  ): void {
    if (this.n === this.cap) this.grow(this.cap * 2);
    const i = this.n++;
    this.shopper[i] = shopper;
    this.item[i] = item;
    this.action[i] = action;
    this.timestamp[i] = timestamp;
    this.device[i] = device;
    this.duration[i] = duration;
    this.basket[i] = basket;
    this.value[i] = value;
  }

  private grow(cap: number): void {
    const g = <T extends Uint32Array | Uint8Array | Float64Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.shopper = g(this.shopper, (n) => new Uint32Array(n));
    this.item = g(this.item, (n) => new Uint32Array(n));
    this.action = g(this.action, (n) => new Uint8Array(n));
    this.timestamp = g(this.timestamp, (n) => new Float64Array(n));
    this.device = g(this.device, (n) => new Uint8Array(n));
    this.duration = g(this.duration, (n) => new Float32Array(n));
    this.basket = g(this.basket, (n) => new Uint32Array(n));
    this.value = g(this.value, (n) => new Float32Array(n));
    this.cap = cap;
  }

  /** Exact-length copies of the columns (the builder's buffers are released). */
  finish(): EventTable {
    const n = this.n;
    const table: EventTable = {
      length: n,
      shopper: this.shopper.slice(0, n),
      item: this.item.slice(0, n),
      action: this.action.slice(0, n),
      timestamp: this.timestamp.slice(0, n),
      device: this.device.slice(0, n),
      duration: this.duration.slice(0, n),
      basket: this.basket.slice(0, n),
      value: this.value.slice(0, n),
    };
    this.n = 0;
    this.reset(16);
    return table;
  }
}

/** Bytes of typed-array memory the event columns hold. */
export function eventTableBytes(t: EventTable): number {
  return (
    t.shopper.byteLength +
    t.item.byteLength +
    t.action.byteLength +
    t.timestamp.byteLength +
    t.device.byteLength +
    t.duration.byteLength +
    t.basket.byteLength +
    t.value.byteLength
  );
}

/** Returns the event table with rows reordered by `order` (a permutation of 0..length-1). */
export function permuteEvents(t: EventTable, order: Uint32Array): EventTable {
  const n = order.length;
  const out = allocateEventColumns(n);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    out.shopper[j] = t.shopper[i];
    out.item[j] = t.item[i];
    out.action[j] = t.action[i];
    out.timestamp[j] = t.timestamp[i];
    out.device[j] = t.device[i];
    out.duration[j] = t.duration[i];
    out.basket[j] = t.basket[i];
    out.value[j] = t.value[i];
  }
  return out;
}
