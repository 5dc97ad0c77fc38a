/** Typed arrays on a SharedArrayBuffer when the page is cross-origin isolated, else on an ArrayBuffer. */

/** True where SharedArrayBuffer can be posted to workers (cross-origin isolated pages and workers). */
export function sharedMemoryAvailable(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer !== 'undefined' && g.crossOriginIsolated === true;
}

type Ctor<T> = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; readonly BYTES_PER_ELEMENT: number };

export function allocArray<T>(ctor: Ctor<T>, length: number, shared: boolean): T {
  const bytes = length * ctor.BYTES_PER_ELEMENT;
  const buf: ArrayBufferLike = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return new ctor(buf, 0, length);
}
