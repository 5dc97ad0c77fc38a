/**
 * A small ring buffer of what the device-loss machinery did (signal, report, guard waits and
 * watchdogs, recovery), readable by a test hook. It exists because the failures it explains are
 * timing-sensitive: console output changes the timing enough to hide them.
 */
const CAPACITY = 256;
const lines: string[] = [];
let next = 0;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Records one event (cheap: a string in a fixed-size ring). */
export function traceLoss(event: string): void {
  const line = `${now().toFixed(0)} ${event}`;
  if (lines.length < CAPACITY) lines.push(line);
  else lines[next] = line;
  next = (next + 1) % CAPACITY;
}

/** The recorded events, oldest first. */
export function lossTrace(): string[] {
  return lines.length < CAPACITY ? lines.slice() : [...lines.slice(next), ...lines.slice(0, next)];
}
