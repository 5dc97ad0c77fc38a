/** The P1 train period (PROTOCOLS.md): events before t_test = T_end − 10% of the time span. */
import { firstIndexAtOrAfter, timeBounds } from '../eval/splits/time';

/** End (exclusive) of the train events of a time-sorted timestamp column. */
export function p1TrainEventEnd(timestamp: Float64Array, testFraction = 0.1): number {
  if (timestamp.length === 0) return 0;
  const { start, end } = timeBounds(timestamp);
  return firstIndexAtOrAfter(timestamp, end - testFraction * (end - start));
}
