/**
 * Evaluate panel, protocol P2 (shopper to item): the P2 table of this session (baselines computed
 * here on the current dataset's split, PinnerFormer runs from the Train panel) and the shopper lookup.
 */
import { currentDataset } from '../../../state/data-current';
import { useDataStore } from '../../../state/data-store';
import { cancelP2, computeP2Baselines, splitOf } from './p2-actions';
import { useP2Store } from './p2-store';
import { P2Table } from './P2Table';
import { ShopperLookup } from './ShopperLookup';
import './p2.css';

export function P2Section() {
  useDataStore((s) => s.datasetVersion);
  const ds = currentDataset();
  const { rows, running, progress, error } = useP2Store();
  const split = ds ? splitOf(ds) : null;
  return (
    <>
      <section className="card" data-testid="p2-section">
        <div className="card__head">
          <h2>P2 — shopper to item</h2>
          <span className="card__hint">
            {split
              ? `t0 ${new Date(split.t0).toISOString().slice(0, 10)}, ${split.windowDays}-day window, ${split.shoppers.length} eval shoppers, ${split.targetPairs} target pairs, full catalogue`
              : 'load a dataset'}
          </span>
        </div>
        <div className="card__body">
          <div className="pinsage-actions">
            <button type="button" className="btn btn--primary" disabled={!ds || running} onClick={() => ds && void computeP2Baselines(ds)} data-testid="p2-baselines">
              Compute baselines (popularity, repeat)
            </button>
            <button type="button" className="btn" disabled={!running} onClick={cancelP2}>
              Cancel
            </button>
            {progress && <span className="muted" data-testid="p2-progress">{progress}</span>}
          </div>
          {error && (
            <div className="notice notice--bad" role="alert">
              {error}
            </div>
          )}
          {rows.length === 0 ? (
            <p className="muted" data-testid="p2-empty">
              No P2 results yet: compute the baselines, or train PinnerFormer in the Train panel (its run adds its own row and the baselines of its split, mean-embedding included).
            </p>
          ) : (
            <P2Table rows={rows} />
          )}
        </div>
      </section>
      {ds && (
        <section className="card">
          <div className="card__head">
            <h2>Shopper lookup</h2>
            <span className="card__hint">recent actions next to the top 10 items; ✓ = engaged with in the window</span>
          </div>
          <div className="card__body">
            <ShopperLookup ds={ds} />
          </div>
        </section>
      )}
    </>
  );
}
