import { formatCount, formatShort } from '../../shell/format';
import type { SeqLengthBin } from '../stats-adapter';
import { niceTicks } from './scale';
import { YGrid } from './YGrid';

const W = 640;
const H = 200;
const M = { left: 44, right: 8, top: 14, bottom: 34 };

function binLabel(b: SeqLengthBin): string {
  return b.lo === b.hi ? formatShort(b.lo) : `${formatShort(b.lo)}–${formatShort(b.hi)}`;
}

/** Axis label of a bin: the full range while there is room, the lower bound when bins are many. */
function axisLabel(b: SeqLengthBin, many: boolean): string {
  return many ? formatShort(b.lo) : binLabel(b);
}

/** Shoppers by number of events (log-spaced bins). */
export function SeqHistogram({ bins }: { bins: SeqLengthBin[] }) {
  const max = Math.max(0, ...bins.map((b) => b.shoppers));
  const ticks = niceTicks(max);
  const yMax = ticks[ticks.length - 1] || 1;
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const bw = iw / Math.max(1, bins.length);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Shoppers by number of events" data-testid="seq-histogram">
      <YGrid ticks={ticks} yMax={yMax} frame={{ width: W, margin: M, innerHeight: ih }} />
      {bins.map((b, i) => {
        const h = (b.shoppers / yMax) * ih;
        const x = M.left + i * bw + bw * 0.1;
        return (
          <g key={b.lo}>
            <rect x={x} y={M.top + ih - h} width={bw * 0.8} height={h} fill="var(--chart-1)" rx={1.5}>
              <title>{`${binLabel(b)} events: ${formatCount(b.shoppers)} shoppers`}</title>
            </rect>
            {b.shoppers > 0 && (
              <text x={x + bw * 0.4} y={M.top + ih - h - 3} textAnchor="middle" className="chart__label">
                {formatShort(b.shoppers)}
              </text>
            )}
            <text x={x + bw * 0.4} y={H - M.bottom + 14} textAnchor="middle">
              {axisLabel(b, bins.length > 10)}
            </text>
          </g>
        );
      })}
      <line className="axis" x1={M.left} x2={W - M.right} y1={M.top + ih} y2={M.top + ih} />
      <text x={(W + M.left) / 2} y={H - 4} textAnchor="middle">
        {bins.length > 10 ? 'events per shopper (bins start at the value shown)' : 'events per shopper'}
      </text>
    </svg>
  );
}
