/** A growable Uint32Array (amortised O(1) push), for outputs of unknown size. */
export class U32Buffer {
  private data: Uint32Array;
  private n = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Uint32Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.n;
  }

  push(x: number): void {
    if (this.n === this.data.length) {
      const d = new Uint32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.n++] = x;
  }

  /** Drops the values after the first `n`. */
  truncate(n: number): void {
    if (n < this.n) this.n = n;
  }

  /** Sorts the values in [from, length) ascending. */
  sortTail(from: number): void {
    this.data.subarray(from, this.n).sort();
  }

  /** An exact-length copy. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.n);
  }
}
