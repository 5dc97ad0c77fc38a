/** A 32-bit FNV-1a checksum over every event column's bytes (to compare worlds across runs and engines). */
import type { EventTable } from '../types';

export function eventTableChecksum(t: EventTable): string {
  let h = 0x811c9dc5;
  for (const a of [t.shopper, t.item, t.action, t.timestamp, t.device, t.duration, t.basket, t.value]) {
    const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
