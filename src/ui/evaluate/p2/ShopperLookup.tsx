/**
 * Shopper lookup (P2): an eval shopper's recent actions (the last M events before t0, the input of
 * the shopper embedding) next to top-10 lists with titles and scores — the last PinnerFormer run
 * when there is one, and the repeat and popularity baselines — with the window's targets marked.
 */
import { useMemo, useState } from 'react';
import type { Dataset } from '../../../core/data/types';
import { p2PopularityCounts, popularityP2Scorer, repeatLists, repeatP2Scorer } from '../../../core/eval/p2-baselines';
import { p2RowOf, recentActions, targetItems, topItemsForRow, type ScoredItem } from '../../../core/eval/p2-lookup';
import type { P2Split } from '../../../core/eval/splits/p2-shopper-to-item';
import { splitOf } from './p2-actions';
import { useP2Store } from './p2-store';

interface Lists {
  shopper: number;
  row: number;
  lists: { name: string; items: ScoredItem[] }[];
}

const MAX_HITS = 12;

function searchShoppers(ds: Dataset, split: P2Split, q: string): number[] {
  const needle = q.trim().toLowerCase();
  const out: number[] = [];
  for (let r = 0; r < split.shoppers.length && out.length < MAX_HITS; r++) {
    const s = split.shoppers[r];
    if (needle === '' || ds.shoppers[s].toLowerCase().includes(needle)) out.push(s);
  }
  return out;
}

export function ShopperLookup({ ds }: { ds: Dataset }) {
  const split = useMemo(() => splitOf(ds), [ds]);
  const baselines = useMemo(() => {
    const pop = p2PopularityCounts(ds, split);
    return { popularity: popularityP2Scorer(pop), repeat: repeatP2Scorer(repeatLists(ds, split), pop) };
  }, [ds, split]);
  const model = useP2Store((s) => (s.model?.dataset === ds.name ? s.model : null));
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [newOnly, setNewOnly] = useState(false);
  const [result, setResult] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hits = useMemo(() => (open ? searchShoppers(ds, split, query) : []), [ds, split, query, open]);
  const title = (i: number): string => `${ds.items.ids[i]} ${ds.items.title[i]}`.trim();

  const choose = async (s: number): Promise<void> => {
    setOpen(false);
    setQuery(ds.shoppers[s]);
    setError(null);
    const row = p2RowOf(split, s);
    if (row < 0) {
      setError(`Shopper ${ds.shoppers[s]} is no P2 eval shopper (no history before t0 or no positive event in the window).`);
      return;
    }
    try {
      const n = ds.items.length;
      const lists: Lists['lists'] = [];
      if (model) {
        const seen = new Set(split.seen.values.subarray(split.seen.offsets[row], split.seen.offsets[row + 1]));
        const targets = new Set(targetItems(split, row));
        const top = await model.lookup(s, newOnly ? 10 + seen.size : 10);
        const items = top.filter((t) => !newOnly || !seen.has(t.item)).slice(0, 10);
        lists.push({ name: model.label, items: items.map((t) => ({ ...t, hit: targets.has(t.item), seen: seen.has(t.item) })) });
      }
      lists.push({ name: 'repeat', items: await topItemsForRow(n, split, row, baselines.repeat, 10, newOnly) });
      lists.push({ name: 'popularity', items: await topItemsForRow(n, split, row, baselines.popularity, 10, newOnly) });
      setResult({ shopper: s, row, lists });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const actions = result ? recentActions(ds, split, result.row, 20) : [];
  const targets = result ? targetItems(split, result.row) : [];
  const when = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  return (
    <div data-testid="shopper-lookup">
      <div className="pinsage-actions">
        <label className="field">
          <span className="field__label">Shopper ({split.shoppers.length} eval shoppers)</span>
          <input
            className="input"
            type="search"
            placeholder="Shopper id"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && hits.length) void choose(hits[0]);
            }}
            data-testid="shopper-search"
            aria-label="Search a shopper"
          />
        </label>
        <label className="field">
          <span className="field__label">New items only</span>
          <input type="checkbox" checked={newOnly} onChange={(e) => setNewOnly(e.target.checked)} data-testid="shopper-new-only" />
        </label>
      </div>
      {open && hits.length > 0 && (
        <ul className="p2-hits" data-testid="shopper-hits">
          {hits.map((s) => (
            <li key={s}>
              <button type="button" className="btn btn--small" onClick={() => void choose(s)} data-testid="shopper-hit">
                {ds.shoppers[s]}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!model && <p className="muted">No PinnerFormer run on this dataset in this session: the lists below are the baselines.</p>}
      {error && (
        <div className="notice notice--bad" role="alert">
          {error}
        </div>
      )}
      {result && (
        <div className="p2-lookup" data-testid="shopper-result">
          <div>
            <h3>Recent actions before t0 (newest first)</h3>
            <ol data-testid="shopper-actions">
              {actions.map((a) => (
                <li key={a.event}>
                  <span className="mono">{when(a.time)}</span> {a.action}
                  {a.device !== 'unknown' ? ` · ${a.device}` : ''}
                  {Number.isFinite(a.duration) ? ` · ${a.duration.toFixed(0)} s` : ''} — {title(a.item)}
                </li>
              ))}
            </ol>
            <h3>Engaged in the next {split.windowDays} days (targets)</h3>
            <ul data-testid="shopper-targets">
              {targets.slice(0, 20).map((i) => (
                <li key={i}>{title(i)}</li>
              ))}
              {targets.length > 20 && <li className="muted">… {targets.length - 20} more</li>}
            </ul>
          </div>
          {result.lists.map((l) => (
            <div key={l.name}>
              <h3>Top 10 — {l.name}</h3>
              <ol data-testid={`shopper-top-${l.name.split(' ')[0].toLowerCase()}`}>
                {l.items.map((t) => (
                  <li key={t.item} className={t.hit ? 'p2-hit' : undefined} title={t.hit ? 'a target of the window' : undefined}>
                    {title(t.item)} <span className="muted mono">{t.score.toFixed(3)}</span>
                    {t.hit ? ' ✓' : ''}
                    {t.seen ? <span className="muted"> (seen)</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
