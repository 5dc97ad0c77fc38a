/** Search an item by title words or id; choosing a hit centres the explorer on it. */
import { useMemo, useState } from 'react';
import type { Dataset } from '../../core/data/types';
import { searchItems } from './item-search';

export function ItemSearch({ ds, onSelect }: { ds: Dataset; onSelect: (item: number) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const hits = useMemo(() => searchItems(ds.items, query, 12), [ds, query]);
  const choose = (item: number): void => {
    onSelect(item);
    setOpen(false);
  };
  return (
    <div className="graph-search">
      <label className="field">
        <span className="field__label">Item</span>
        <input
          className="input"
          type="search"
          placeholder="Search by title or id, e.g. WHITE HANGING HEART or 85123A"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits.length) choose(hits[0].item);
          }}
          data-testid="item-search"
          aria-label="Search an item"
        />
      </label>
      {open && query.trim() !== '' && (
        <ul className="graph-search__hits" data-testid="search-hits" role="listbox">
          {hits.length === 0 && <li className="muted graph-search__none">No item matches “{query}”.</li>}
          {hits.map((h) => (
            <li key={h.item} role="option" aria-selected={false}>
              <button type="button" onClick={() => choose(h.item)} data-testid="search-hit" data-item={h.id}>
                <span className="mono">{h.id}</span> {h.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
