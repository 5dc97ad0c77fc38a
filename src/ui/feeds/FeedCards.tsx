/** A feed as product cards, each with explanation chips (the query items that produced it). */
import type { Dataset } from '../../core/data/types';
import type { FeedItem } from '../../core/feeds/composer';
import { formatDate } from '../shell/format';
import { formatPrice, itemName, reasonText } from './feed-text';

function Card({ ds, x, rank, large }: { ds: Dataset; x: FeedItem; rank: number; large: boolean }) {
  const it = ds.items;
  const cat = it.categories[it.category[x.item]];
  const brand = it.brands[it.brand[x.item]];
  const price = formatPrice(it.price[x.item]);
  const shown = x.because.slice(0, large ? 1 : 2);
  return (
    <li className="feed-card" data-testid="feed-card" data-item={it.ids[x.item]}>
      <div className="feed-card__img" aria-hidden="true">
        {itemName(it, x.item).slice(0, 1).toUpperCase()}
      </div>
      <div className="feed-card__body">
        <div className="feed-card__title">{itemName(it, x.item)}</div>
        <div className="feed-card__meta muted">
          {[cat, brand].filter(Boolean).join(' · ')}
          {price && <span className="feed-card__price">{price}</span>}
        </div>
        <div className="feed-card__chips">
          {shown.map((r) => (
            <span
              key={`${r.query}:${r.action}`}
              className={`explain-chip explain-chip--${r.action}`}
              title={`${r.action === 'purchase' ? 'Bought' : 'Viewed'} on ${formatDate(r.time)}`}
              data-testid="explain-chip"
              data-action={r.action}
              data-query={it.ids[r.query]}
            >
              {reasonText(it, r)}
            </span>
          ))}
          {x.because.length > shown.length && <span className="explain-chip explain-chip--more">+{x.because.length - shown.length} more</span>}
        </div>
        {!large && <div className="feed-card__rank muted">#{rank + 1} · score {x.score.toFixed(3)}</div>}
      </div>
    </li>
  );
}

export function FeedCards({ ds, items, large = false }: { ds: Dataset; items: FeedItem[]; large?: boolean }) {
  if (items.length === 0) return <p className="muted">This shopper’s queries found no targets in this set (or only items they already bought).</p>;
  return (
    <ul className={`feed-cards${large ? ' feed-cards--large' : ''}`} data-testid="feed-cards">
      {items.map((x, k) => (
        <Card key={x.item} ds={ds} x={x} rank={k} large={large} />
      ))}
    </ul>
  );
}
