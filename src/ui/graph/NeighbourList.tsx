/** The side list: the top-T neighbours of the centred item with weights, titles and visit counts. */
import type { Dataset } from '../../core/data/types';
import type { ItemNeighbourhood } from '../../core/graph/explain';
import { formatCount } from '../shell/format';
import { itemGroup } from './neighbourhood-model';

export function NeighbourList({ ds, nb, onSelect, hovered = null }: { ds: Dataset; nb: ItemNeighbourhood; onSelect: (item: number) => void; hovered?: number | null }) {
  const total = nb.weights.reduce((a, w) => a + w, 0);
  return (
    <div className="graph-list" data-testid="neighbour-list">
      <p className="muted graph-list__summary" data-testid="neighbour-summary">
        {nb.items.length} neighbours (weights sum to {total.toFixed(6)}) from {formatCount(nb.steps)} steps and {formatCount(nb.restarts)} restarts;{' '}
        {formatCount(nb.visitedItems)} items and {formatCount(nb.visitedShoppers)} shoppers visited; the item has {formatCount(nb.degree)} shoppers.
      </p>
      {nb.items.length === 0 ? (
        <p className="notice notice--info" data-testid="neighbour-empty">
          {nb.degree === 0
            ? 'This item has no shoppers in the graph (no usable events in the chosen period), so no walk can start from it.'
            : 'The walks never left this item: its shoppers engaged with nothing else.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Item</th>
                <th className="num">Weight</th>
                <th className="num">Visits</th>
              </tr>
            </thead>
            <tbody>
              {Array.from(nb.items, (it, k) => (
                <tr
                  key={it}
                  data-testid="neighbour-row"
                  data-item={ds.items.ids[it]}
                  data-weight={nb.weights[k]}
                  data-count={nb.counts[k]}
                  data-hovered={hovered === it ? 'true' : undefined}
                  className={hovered === it ? 'is-hovered' : undefined}
                >
                  <td className="num">{k + 1}</td>
                  <td>
                    <button type="button" className="linkish" title={`Centre on ${ds.items.ids[it]} (${itemGroup(ds, it)})`} onClick={() => onSelect(it)}>
                      {ds.items.title[it] || ds.items.ids[it]}
                    </button>
                    <span className="mono muted graph-list__id">{ds.items.ids[it]}</span>
                  </td>
                  <td className="num">
                    <span className="graph-weight">
                      <span className="graph-weight__bar" style={{ width: `${(nb.weights[k] / nb.weights[0]) * 100}%` }} />
                      {nb.weights[k].toFixed(4)}
                    </span>
                  </td>
                  <td className="num">{formatCount(nb.counts[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
