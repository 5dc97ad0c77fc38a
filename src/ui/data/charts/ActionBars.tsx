import { formatCount, formatPercent } from '../../shell/format';
import { actionColor } from './action-colors';

/** Horizontal bars: events per action kind, with counts and shares. */
export function ActionBars({ actions }: { actions: { kind: string; events: number }[] }) {
  const total = actions.reduce((s, a) => s + a.events, 0);
  const max = Math.max(1, ...actions.map((a) => a.events));
  return (
    <div className="bar-list" data-testid="action-bars">
      {actions.map((a) => (
        <div key={a.kind} style={{ display: 'contents' }} data-kind={a.kind}>
          <span>{a.kind}</span>
          <div className="bar-list__track">
            <div className="bar-list__fill" style={{ width: `${(a.events / max) * 100}%`, background: actionColor(a.kind) }} />
          </div>
          <span className="bar-list__value">
            {formatCount(a.events)} <span className="muted">({formatPercent(total ? a.events / total : 0)})</span>
          </span>
        </div>
      ))}
    </div>
  );
}
