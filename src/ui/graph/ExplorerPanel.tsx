/**
 * The Graph panel: the shopper–item graph of the loaded dataset and the PinSage walk
 * neighbourhood explorer. Search an item, see the items its random walks visit most (the
 * neighbourhood PinSage pools over, with importance weights) and the shoppers they pass through;
 * change N, L, α, T and the walks re-run live. Only the neighbourhood is drawn.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { useGraphStore } from '../../state/graph-store';
import { formatBytes, formatCount } from '../shell/format';
import { cancelAllItems, ensureGraph, runAllItems, selectItem } from './graph-actions';
import { ItemSearch } from './ItemSearch';
import { NeighbourList } from './NeighbourList';
import { NeighbourhoodGraph } from './NeighbourhoodGraph';
import { WalkControls } from './WalkControls';
import { groupsUseCategories, neighbourhoodGraph, QUERY_COLOR, SHOPPER_COLOR } from './neighbourhood-model';
import './graph.css';

export function ExplorerPanel() {
  const version = useDataStore((s) => s.datasetVersion);
  const dataJob = useDataStore((s) => s.job);
  const ds = useMemo(() => currentDataset(), [version]);
  const st = useGraphStore();

  useEffect(() => {
    if (ds) void ensureGraph();
  }, [ds, version]);

  const onSelect = useCallback((item: number) => selectItem(item), []);
  // the item hovered in the canvas, highlighted in the side list too
  const [hoveredItem, setHoveredItem] = useState<number | null>(null);
  const model = useMemo(() => (ds && st.explain && st.explain.item < ds.items.length ? neighbourhoodGraph(ds, st.explain) : null), [ds, st.explain]);

  if (!ds) {
    return (
      <section className="panel" aria-labelledby="panel-graph-title" data-testid="panel-graph">
        <header className="panel__head">
          <h1 id="panel-graph-title">Graph</h1>
        </header>
        <div className="notice notice--info" data-testid="graph-no-data">
          {dataJob ? 'A dataset is loading…' : 'No dataset is loaded. Load one in the Data panel (e.g. the bundled Online Retail) to build its shopper–item graph.'}
        </div>
      </section>
    );
  }

  const g = st.graph;
  const nb = st.explain;
  const centre = nb ? nb.item : st.selected;
  return (
    <section className="panel graph-panel" aria-labelledby="panel-graph-title" data-testid="panel-graph">
      <header className="panel__head">
        <h1 id="panel-graph-title">Graph</h1>
        <p className="panel__lede">
          PinSage picks each item’s neighbours by random walks item → shopper → item: the T most visited items, weighted by their visit
          counts, are what its convolution pools over. Search an item to see and question its neighbourhood.
        </p>
      </header>

      <section className="card">
        <div className="card__body graph-status" data-testid="graph-status">
          {st.building && <span>Building the shopper–item graph…</span>}
          {g && !st.building && (
            <span data-testid="graph-info">
              <strong>{formatCount(g.nEdges)}</strong> edges between {formatCount(g.nItems)} items and {formatCount(g.nShoppers)} shoppers from{' '}
              {formatCount(g.eventsUsed)} events{g.trainOnly ? ' of the P1 train period' : ''} · {formatBytes(g.bytes)} (
              {(g.bytes / Math.max(1, g.nEdges)).toFixed(2)} B/edge) · {g.shared ? 'shared by the walk workers' : 'copied to each walk worker (not cross-origin isolated)'} ·
              built in {(g.buildMs / 1000).toFixed(2)} s
            </span>
          )}
          <span className="header__spacer" />
          {st.allItems ? (
            <>
              <span data-testid="all-items-progress">
                All items: {formatCount(st.allItems.done)} / {formatCount(st.allItems.total)}
              </span>
              <button type="button" className="btn btn--danger btn--small" onClick={cancelAllItems}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--small" disabled={!g || st.building} onClick={() => void runAllItems()} data-testid="run-all-items">
              Neighbourhoods of all items
            </button>
          )}
          {st.lastAllItems && !st.allItems && (
            <span className="muted" data-testid="all-items-result">
              {formatCount(g?.nItems ?? 0)} items in {st.lastAllItems.seconds.toFixed(2)} s on {st.lastAllItems.workers} worker
              {st.lastAllItems.workers > 1 ? 's' : ''} ({((st.lastAllItems.steps / st.lastAllItems.seconds) / 1e6).toFixed(1)} M steps/s);{' '}
              {formatCount(st.lastAllItems.itemsWithNeighbours)} have neighbours
            </span>
          )}
        </div>
      </section>

      <div className="graph-top">
        <ItemSearch ds={ds} onSelect={onSelect} />
        {st.explaining && <span className="muted">walking…</span>}
      </div>

      {st.error && (
        <div className="notice notice--bad" role="alert" data-testid="graph-error">
          {st.error}
        </div>
      )}
      <div className="graph-explorer">
        <section className="card graph-explorer__canvas" aria-label="Neighbourhood graph">
          <div className="card__head">
            <h2 data-testid="centre-title">{centre === null ? 'No item chosen' : ds.items.title[centre] || ds.items.ids[centre]}</h2>
            {centre !== null && <span className="card__hint mono">{ds.items.ids[centre]}</span>}
          </div>
          <WalkControls />
          {model ? (
            <>
              <NeighbourhoodGraph graph={model.graph} onSelectItem={onSelect} onHoverItem={setHoveredItem} />
              <div className="graph-legend" data-testid="graph-legend">
                <span>
                  <i style={{ background: QUERY_COLOR }} /> centred item
                </span>
                <span>
                  <i style={{ background: SHOPPER_COLOR }} /> shoppers the walks passed through (top {nb?.shoppers.length ?? 0})
                </span>
                <span className="muted">colour: {groupsUseCategories(ds) ? 'category' : 'last title word (this dataset has no categories)'}</span>
                {model.legend.slice(0, 8).map((l) => (
                  <span key={l.group}>
                    <i style={{ background: l.color }} /> {l.group}
                  </span>
                ))}
                <span className="muted">size: importance weight · hover to highlight · click an item to re-centre</span>
              </div>
            </>
          ) : (
            <div className="graph-canvas graph-canvas--empty muted">Search an item above to draw its walk neighbourhood.</div>
          )}
        </section>
        <section className="card graph-explorer__side" aria-label="Top neighbours">
          <div className="card__head">
            <h2>Top-{st.params.topT} neighbours</h2>
            {st.explainMs !== null && <span className="card__hint">walked in {st.explainMs.toFixed(0)} ms</span>}
          </div>
          <div className="card__body">{nb ? <NeighbourList ds={ds} nb={nb} onSelect={onSelect} hovered={hoveredItem} /> : <p className="muted">No item chosen yet.</p>}</div>
        </section>
      </div>
    </section>
  );
}
