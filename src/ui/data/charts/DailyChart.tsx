import { useMemo } from 'react';
import { actionColor } from './action-colors';
import { niceTicks } from './scale';
import { YGrid } from './YGrid';

interface Props {
  startMs: number;
  days: number;
  series: { kind: string; counts: number[] }[];
  /** False when timestamps only give an order (then the x axis is not calendar days). */
  realTime: boolean;
}

const W = 640;
const H = 200;
const M = { left: 44, right: 8, top: 8, bottom: 22 };
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Events per day as stacked bars, one colour per action kind (SVG, one path per kind). */
export function DailyChart({ startMs, days, series, realTime }: Props) {
  const { paths, ticks, yMax, xTicks } = useMemo(() => {
    const totals = new Float64Array(days);
    for (const s of series) for (let d = 0; d < days; d++) totals[d] += s.counts[d];
    let yMaxRaw = 0;
    for (let d = 0; d < days; d++) if (totals[d] > yMaxRaw) yMaxRaw = totals[d];
    const ticks = niceTicks(yMaxRaw);
    const yMax = ticks[ticks.length - 1] || 1;
    const iw = W - M.left - M.right;
    const ih = H - M.top - M.bottom;
    const bw = iw / Math.max(1, days);
    const base = new Float64Array(days);
    const paths = series.map((s) => {
      let d = '';
      for (let i = 0; i < days; i++) {
        const c = s.counts[i];
        if (c <= 0) continue;
        const y0 = M.top + ih - (base[i] / yMax) * ih;
        const h = (c / yMax) * ih;
        const x = M.left + i * bw;
        d += `M${x.toFixed(2)} ${(y0 - h).toFixed(2)}h${Math.max(0.6, bw * 0.85).toFixed(2)}v${h.toFixed(2)}h${(-Math.max(0.6, bw * 0.85)).toFixed(2)}z`;
        base[i] += c;
      }
      return { kind: s.kind, d };
    });
    // x ticks at day, month or year starts, thinned to at most ~8 labels.
    const xTicks: { x: number; label: string }[] = [];
    if (realTime && days > 0) {
      const unit = days > 3 * 366 ? 'year' : days > 90 ? 'month' : 'day';
      const starts: { i: number; date: Date }[] = [];
      for (let i = 0; i < days; i++) {
        const date = new Date(startMs + i * DAY_MS);
        const isStart = unit === 'day' || (date.getUTCDate() === 1 && (unit === 'month' || date.getUTCMonth() === 0));
        if (isStart) starts.push({ i, date });
      }
      const every = Math.max(1, Math.ceil(starts.length / 8));
      starts.forEach(({ i, date }, k) => {
        if (k % every !== 0) return;
        const m = MONTHS[date.getUTCMonth()];
        const label =
          unit === 'year'
            ? String(date.getUTCFullYear())
            : unit === 'month'
              ? `${m}${date.getUTCMonth() === 0 || k === 0 ? ' ' + date.getUTCFullYear() : ''}`
              : `${date.getUTCDate()} ${m}`;
        xTicks.push({ x: M.left + (i + 0.5) * bw, label });
      });
    }
    return { paths, ticks, yMax, xTicks };
  }, [startMs, days, series, realTime]);
  const ih = H - M.top - M.bottom;
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Events per day, stacked by action kind" data-testid="daily-chart">
        <YGrid ticks={ticks} yMax={yMax} frame={{ width: W, margin: M, innerHeight: ih }} />
        {paths.map((p) => (
          <path key={p.kind} d={p.d} fill={actionColor(p.kind)} />
        ))}
        <line className="axis" x1={M.left} x2={W - M.right} y1={M.top + ih} y2={M.top + ih} />
        {xTicks.map((t) => (
          <text key={t.x} x={t.x} y={H - 6} textAnchor="middle">
            {t.label}
          </text>
        ))}
        {!realTime && (
          <text x={(W + M.left) / 2} y={H - 6} textAnchor="middle">
            event order (timestamps are synthetic: no calendar)
          </text>
        )}
      </svg>
      {series.length > 1 && (
        <figcaption className="legend">
          {series.map((s) => (
            <span key={s.kind}>
              <span className="legend__swatch" style={{ background: actionColor(s.kind) }} />
              {s.kind}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
