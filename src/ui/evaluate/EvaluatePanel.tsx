/**
 * Evaluate panel: the P1 table across the runs of this session (PinSage variants and the
 * baselines computed on the same split), and an item lookup: an item's 10 nearest items by
 * embedding next to its walk neighbourhood (the explorer's top-T).
 */
import { useState } from 'react';
import { useDataStore } from '../../state/data-store';
import { currentDataset } from '../../state/data-current';
import { ItemSearch } from '../graph/ItemSearch';
import { lookupItem } from '../train/pinsage-actions';
import { useTrainStore } from '../train/train-store';
import '../train/train.css';
import { P2Section } from './p2/P2Section';

interface Lookup {
  item: number;
  nearest: { item: number; score: number }[];
  walk: { item: number; weight: number }[];
}

export function EvaluatePanel() {
  useDataStore((s) => s.datasetVersion);
  const ds = currentDataset();
  const runs = useTrainStore((s) => s.runs);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = runs.flatMap((r) => r.entries.map((e) => ({ run: r, e })));
  const title = (i: number): string => (ds ? `${ds.items.ids[i]} ${ds.items.title[i]}` : String(i));
  const choose = async (item: number): Promise<void> => {
    setError(null);
    try {
      setLookup({ item, ...(await lookupItem(item, 10)) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="panel-evaluate-title" data-testid="panel-evaluate">
      <header className="panel__head">
        <h1 id="panel-evaluate-title">Evaluate — protocols P1 (item to item) and P2 (shopper to item)</h1>
        <p className="panel__lede">Full-catalogue ranking: P1 (PinSage) Recall@10, Recall@50 and MRR over every test pair; P2 (PinnerFormer) recall@10 with its interval, recall@10_new and P90 coverage. Runs in the Train panel add rows here.</p>
      </header>
      <section className="card">
        <div className="card__head">
          <h2>P1 across runs</h2>
        </div>
        <div className="card__body">
          {rows.length === 0 ? (
            <p className="muted" data-testid="p1-empty">
              No runs yet in this session.
            </p>
          ) : (
            <table className="pinsage-table" data-testid="p1-table">
              <thead>
                <tr>
                  <th>dataset</th>
                  <th>model</th>
                  <th>variant</th>
                  <th>Recall@10</th>
                  <th>Recall@50</th>
                  <th>MRR</th>
                  <th>test pairs</th>
                  <th>items</th>
                  <th>train s</th>
                  <th>backend</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ run, e }, k) => (
                  <tr key={k}>
                    <td>{run.dataset}</td>
                    <td>{e.model}</td>
                    <td>{e.variant ?? '—'}</td>
                    <td>{e.metrics['recall@10'].toFixed(4)}</td>
                    <td>{e.metrics['recall@50'].toFixed(4)}</td>
                    <td>{e.metrics.mrr.toFixed(4)}</td>
                    <td>{e.counts.test_pairs}</td>
                    <td>{e.counts.items}</td>
                    <td>{(e.seconds.train ?? 0).toFixed(1)}</td>
                    <td>{run.backend}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      <P2Section />
      {ds && (
        <section className="card">
          <div className="card__head">
            <h2>Item lookup</h2>
            <span className="card__hint">nearest items by the last trained embeddings, next to the walk neighbourhood</span>
          </div>
          <div className="card__body">
            <ItemSearch ds={ds} onSelect={(i) => void choose(i)} />
            {error && (
              <div className="notice notice--error" role="alert">
                {error}
              </div>
            )}
            {lookup && (
              <div className="pinsage-lookup" data-testid="lookup-result">
                <div>
                  <h3>Nearest by embedding — {title(lookup.item)}</h3>
                  <ol data-testid="lookup-nearest">
                    {lookup.nearest.map((n) => (
                      <li key={n.item}>
                        {title(n.item)} <span className="muted mono">{n.score.toFixed(3)}</span>
                      </li>
                    ))}
                  </ol>
                </div>
                <div>
                  <h3>Walk neighbourhood</h3>
                  <ol data-testid="lookup-walk">
                    {lookup.walk.map((n) => (
                      <li key={n.item}>
                        {title(n.item)} <span className="muted mono">{n.weight.toFixed(3)}</span>
                      </li>
                    ))}
                  </ol>
                </div>
              </div>
            )}
          </div>
        </section>
      )}
    </section>
  );
}
