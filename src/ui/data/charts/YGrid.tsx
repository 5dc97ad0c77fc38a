import { formatShort } from '../../shell/format';

export interface ChartFrame {
  /** viewBox width */
  width: number;
  margin: { left: number; right: number; top: number };
  /** inner (plot) height */
  innerHeight: number;
}

/** Horizontal gridlines with their value labels at the left, for ticks 0..yMax. */
export function YGrid({ ticks, yMax, frame }: { ticks: number[]; yMax: number; frame: ChartFrame }) {
  const { width, margin, innerHeight } = frame;
  return (
    <>
      {ticks.map((t) => {
        const y = margin.top + innerHeight - (t / yMax) * innerHeight;
        return (
          <g key={t}>
            <line className="gridline" x1={margin.left} x2={width - margin.right} y1={y} y2={y} />
            <text x={margin.left - 6} y={y + 3.5} textAnchor="end">
              {formatShort(t)}
            </text>
          </g>
        );
      })}
    </>
  );
}
