import type { NodeIds } from './types';

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

/** `length` ids of nodes on a side with `nNodes` nodes: Uint16 when they fit, else Uint32. */
export function allocNodeIds(nNodes: number, length: number, shared: boolean): NodeIds {
  return nNodes <= 65536 ? allocArray(Uint16Array, length, shared) : allocArray(Uint32Array, length, shared);
}
