/** Maps external string ids to dense indices 0..n-1 and back. Safe for any string (uses Map, so '__proto__' is a plain key). */
export class IdDictionary {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The index of `id`, adding it when new. */
  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  /** The index of `id`, or -1 when unknown. */
  get(id: string): number {
    return this.index.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }
}
