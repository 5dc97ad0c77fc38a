/** Pick a shopper: search by id (only shoppers with a feed) or a random one. */
import { useMemo, useState } from 'react';
import type { Dataset } from '../../core/data/types';
import { searchShoppers } from './feed-text';

export function ShopperPicker({ ds, shoppers, onSelect, onRandom }: { ds: Dataset; shoppers: Uint32Array | null; onSelect: (s: number) => void; onRandom: () => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const hits = useMemo(() => searchShoppers(ds, query, 12, shoppers), [ds, query, shoppers]);
  const choose = (s: number): void => {
    onSelect(s);
    setOpen(false);
    setQuery(ds.shoppers[s]);
  };
  return (
    <div className="feeds-picker">
      <div className="graph-search">
        <label className="field">
          <span className="field__label">Shopper</span>
          <input
            className="input"
            type="search"
            placeholder="Search a shopper id"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && hits.length) choose(hits[0]);
            }}
            data-testid="shopper-search"
            aria-label="Search a shopper"
          />
        </label>
        {open && query.trim() !== '' && (
          <ul className="graph-search__hits" role="listbox" data-testid="shopper-hits">
            {hits.length === 0 && <li className="muted graph-search__none">No shopper with a feed matches “{query}”.</li>}
            {hits.map((s) => (
              <li key={s} role="option" aria-selected={false}>
                <button type="button" onClick={() => choose(s)} data-testid="shopper-hit" data-shopper={ds.shoppers[s]}>
                  <span className="mono">{ds.shoppers[s]}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="btn" onClick={onRandom} disabled={!shoppers || shoppers.length === 0} data-testid="shopper-random">
        Random shopper
      </button>
    </div>
  );
}
