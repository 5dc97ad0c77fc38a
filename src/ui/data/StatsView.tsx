import { formatCount, formatDate, formatPercent } from '../shell/format';
import { ActionBars } from './charts/ActionBars';
import { DailyChart } from './charts/DailyChart';
import { SeqHistogram } from './charts/SeqHistogram';
import type { DataStats } from './stats-adapter';

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value">{value}</div>
      {sub && <div className="kpi__sub">{sub}</div>}
    </div>
  );
}

/** Statistics of the loaded dataset: counts, actions, events per day, sequence lengths, top items. */
export function StatsView({ stats }: { stats: DataStats }) {
  const spanDays = stats.perDay.days;
  return (
    <section className="stack" aria-labelledby="stats-title" data-testid="stats">
      <h2 id="stats-title" className="sr-only">
        Statistics
      </h2>
      <div className="kpis">
        <Kpi label="Events" value={formatCount(stats.events)} testId="stat-events" />
        <Kpi
          label="Shoppers"
          value={formatCount(stats.shoppers)}
          sub={
            stats.guestEvents > 0
              ? `+ ${formatCount(stats.guestEvents)} guest events`
              : stats.shopperTable !== stats.shoppers
                ? `with events; ${formatCount(stats.shopperTable)} in table`
                : undefined
          }
          testId="stat-shoppers"
        />
        <Kpi
          label="Items"
          value={formatCount(stats.items)}
          sub={stats.catalogueItems !== stats.items ? `with events; ${formatCount(stats.catalogueItems)} in catalogue` : undefined}
          testId="stat-items"
        />
        <Kpi label="Baskets / sessions" value={formatCount(stats.baskets)} testId="stat-baskets" />
        <Kpi
          label="Events / shopper"
          value={stats.seqLengths.mean.toFixed(1)}
          sub={`median ${formatCount(stats.seqLengths.median)} · max ${formatCount(stats.seqLengths.max)}`}
        />
        <Kpi
          label={stats.realTime ? 'Time span' : 'Order span'}
          value={stats.realTime ? `${formatCount(spanDays)} days` : '—'}
          sub={stats.realTime ? `${formatDate(stats.firstMs)} → ${formatDate(stats.lastMs)}` : 'timestamps give order only'}
        />
      </div>
      <div className="grid-2">
        <section className="card">
          <div className="card__head">
            <h2>Events per day</h2>
            <span className="card__hint">UTC days, stacked by action</span>
          </div>
          <div className="card__body">
            {stats.perDay.days > 0 ? (
              <DailyChart {...stats.perDay} realTime={stats.realTime} />
            ) : (
              <p className="muted">No calendar: this dataset’s timestamps only give the order of events.</p>
            )}
          </div>
        </section>
        <section className="card">
          <div className="card__head">
            <h2>Events per action kind</h2>
          </div>
          <div className="card__body">
            <ActionBars actions={stats.actions} />
          </div>
        </section>
        <section className="card">
          <div className="card__head">
            <h2>Sequence length</h2>
            <span className="card__hint">shoppers by number of events (guests excluded)</span>
          </div>
          <div className="card__body">
            <SeqHistogram bins={stats.seqLengths.bins} />
          </div>
        </section>
        <section className="card">
          <div className="card__head">
            <h2>Top items</h2>
            <span className="card__hint">by positive events (cancellations excluded)</span>
          </div>
          <div className="table-scroll" style={{ maxHeight: 262 }}>
            <table className="table table--compact" data-testid="top-items">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Item</th>
                  <th>Title</th>
                  <th className="num" title="Positive events: every action but cancel; ratings ≥ 4">Positive</th>
                  <th className="num">Shoppers</th>
                </tr>
              </thead>
              <tbody>
                {stats.topItems.map((t, i) => (
                  <tr key={t.index}>
                    <td className="num muted">{i + 1}</td>
                    <td className="mono">{t.id}</td>
                    <td>{t.title || <span className="muted">(no title)</span>}</td>
                    <td className="num">{formatCount(t.positive)}</td>
                    <td className="num">{formatCount(t.shoppers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <p className="muted">
        {formatPercent(stats.events ? stats.guestEvents / stats.events : 0)} of events have no known shopper.
      </p>
    </section>
  );
}
