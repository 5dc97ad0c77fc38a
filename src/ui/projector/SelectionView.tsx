/** Statistics of the lassoed or searched set: count, categories, mean action count, first-seen range. */
import type { SelectionStats } from '../../core/projector';

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function SelectionView({ how, stats, drawn, kind }: { how: 'lasso' | 'search'; stats: SelectionStats; drawn: number; kind: 'item' | 'shopper' }) {
  const top = stats.categories.slice(0, 8);
  const rest = stats.categories.slice(8).reduce((s, c) => s + c.count, 0);
  return (
    <div className="projector-selection" data-testid="projector-selection">
      <h3>
        Selection ({how}): <span data-testid="projector-selection-count">{stats.count.toLocaleString('en-US')}</span> {kind === 'item' ? 'items' : 'shoppers'}
      </h3>
      {drawn < stats.count && <p className="muted">{(stats.count - drawn).toLocaleString('en-US')} of them are not in the drawn sample.</p>}
      <dl className="projector-stats">
        <dt>mean action count</dt>
        <dd data-testid="projector-selection-mean">{stats.meanActionCount.toFixed(2)}</dd>
        <dt>first seen</dt>
        <dd data-testid="projector-selection-first-seen">{stats.firstSeen ? `${day(stats.firstSeen.min)} … ${day(stats.firstSeen.max)}` : 'unknown'}</dd>
        {stats.planted && (
          <>
            <dt>planted clusters</dt>
            <dd>
              {stats.planted.length} (largest: cluster {stats.planted[0]?.cluster}, {stats.planted[0]?.count})
            </dd>
          </>
        )}
      </dl>
      <table className="projector-hist" data-testid="projector-selection-categories">
        <tbody>
          {top.map((c) => (
            <tr key={c.category}>
              <td>{c.category}</td>
              <td className="mono">{c.count}</td>
              <td>
                <span className="projector-hist__bar" style={{ width: `${(100 * c.count) / stats.count}%` }} />
              </td>
            </tr>
          ))}
          {rest > 0 && (
            <tr>
              <td className="muted">{stats.categories.length - top.length} other categories</td>
              <td className="mono">{rest}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
