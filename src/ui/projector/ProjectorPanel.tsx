/**
 * Projector panel: item or shopper embeddings projected to 2-D (PCA on the compute backend, or
 * UMAP on a sample for large sets) and drawn with WebGL; colour by category, action count,
 * first-seen date or planted cluster; hover shows the title; a click lists the point's 10
 * nearest neighbours in the full embedding space; lasso (Shift + drag) or search selects a set
 * and shows its statistics.
 */
import { useMemo, useState } from 'react';
import { COLOUR_MODES, colourValues, toDeviceCoords, type ColourMode } from '../../core/projector';
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { useTrainStore } from '../train/train-store';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';
import { cancelProjector, clickPoint, currentProjection, loadSource, pointsOfScatter, project, searchSelect, selectPoints, PROJECTOR_SEED } from './projector-actions';
import { projectorSession, pointOf, scatterIndexOf } from './projector-session';
import { sourceOptions } from './projector-sources';
import { useProjectorStore } from './projector-store';
import { ScatterView } from './ScatterView';
import { categoricalColours } from './palette';
import { SelectionView } from './SelectionView';
import './projector.css';

export function ProjectorPanel() {
  useDataStore((s) => s.datasetVersion);
  useTrainStore((s) => s.runs);
  usePinnerFormerStore((s) => s.runs);
  const s = useProjectorStore();
  const ds = currentDataset();
  const options = sourceOptions(ds);
  const [query, setQuery] = useState('');
  const chosen = options.some((o) => o.key === s.sourceKey) ? s.sourceKey : (options[0]?.key ?? '');

  const proj = s.projection ? currentProjection() : null;
  const attrs = projectorSession.attrs;
  const xy = useMemo(() => (proj ? toDeviceCoords(proj.coords) : null), [proj, s.version]);
  const colour = useMemo(() => (proj && attrs ? colourValues(attrs, s.colour, proj.rows) : null), [proj, attrs, s.colour, s.version]);

  const highlight = useMemo(() => {
    if (!proj) return [];
    const points = s.clicked ? [s.clicked.point, ...s.clicked.neighbours.map((n) => n.point)] : s.selection ? projectorSession.selected : [];
    return points.map((i) => scatterIndexOf(proj, i)).filter((j) => j >= 0);
  }, [proj, s.clicked, s.selection]);

  const title = (i: number): string => (attrs ? attrs.titles[i] : String(i));
  const id = (i: number): string => (attrs ? attrs.ids[i] : String(i));

  const onSelect = (js: number[]): void => {
    if (js.length === 1) {
      const [point] = pointsOfScatter(js);
      useProjectorStore.getState().set({ selection: null });
      void clickPoint(point);
    } else if (js.length > 1) {
      useProjectorStore.getState().set({ clicked: null });
      selectPoints(pointsOfScatter(js), 'lasso');
    } else {
      useProjectorStore.getState().set({ clicked: null, selection: null });
    }
  };

  return (
    <section className="panel" aria-labelledby="panel-projector-title" data-testid="panel-projector">
      <header className="panel__head">
        <h1 id="panel-projector-title">Projector — embeddings in 2-D</h1>
        <p className="panel__lede">
          PCA runs on the compute backend over every point; UMAP runs in a worker (on a seeded sample of 5,000 when a set has 10,000 points or more). Neighbours of a clicked point are exact, by cosine similarity in the full embedding space, not in this view. Seed {PROJECTOR_SEED}.
        </p>
      </header>
      <section className="card">
        <div className="card__body projector-controls">
          <label className="field">
            <span className="field__label">Source</span>
            <select className="select" data-testid="projector-source" value={chosen} onChange={(e) => useProjectorStore.getState().set({ sourceKey: e.target.value })}>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button className="btn btn--primary" data-testid="projector-load" disabled={!chosen || s.busy !== null} onClick={() => void loadSource(chosen)}>
            Project
          </button>
          <fieldset className="projector-method" disabled={!s.loaded || s.busy !== null}>
            <legend className="field__label">Method</legend>
            {(['pca', 'umap'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="projector-method" data-testid={`projector-method-${m}`} checked={s.method === m} onChange={() => void project(m)} /> {m.toUpperCase()}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field__label">Colour by</span>
            <select className="select" data-testid="projector-colour" value={s.colour} onChange={(e) => useProjectorStore.getState().set({ colour: e.target.value as ColourMode })}>
              {COLOUR_MODES.map((c) => (
                <option key={c.mode} value={c.mode}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <form
            className="projector-search"
            onSubmit={(e) => {
              e.preventDefault();
              useProjectorStore.getState().set({ clicked: null });
              searchSelect(query);
            }}
          >
            <label className="field">
              <span className="field__label">Search titles / ids</span>
              <input className="input" data-testid="projector-search" value={query} disabled={!s.loaded} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. a title word" />
            </label>
            <button className="btn" type="submit" data-testid="projector-search-go" disabled={!s.loaded}>
              Select
            </button>
          </form>
        </div>
        {s.busy && (
          <div className="card__body projector-status" data-testid="projector-busy">
            <span>
              {s.busy}
              {s.progress?.note ? ` — ${s.progress.note}` : ''}
              {s.progress && s.progress.total > 1 ? ` (${Math.round((100 * s.progress.done) / s.progress.total)} %)` : ''}
            </span>
            <button className="btn btn--small" onClick={cancelProjector}>
              Cancel
            </button>
          </div>
        )}
        {s.error && (
          <div className="notice notice--bad" role="alert" data-testid="projector-error">
            {s.error}
          </div>
        )}
      </section>
      {s.loaded && (
        <section className="card">
          <div className="card__head">
            <h2 data-testid="projector-loaded">
              {s.loaded.points.toLocaleString('en-US')} {s.loaded.kind === 'item' ? 'items' : 'shoppers'} × {s.loaded.dim}
            </h2>
            <span className="card__hint">{s.loaded.label}</span>
          </div>
          <div className="card__body">
            {s.projection && (
              <p className="muted" data-testid="projector-note">
                {s.projection.note} — {s.projection.seconds.toFixed(2)} s{s.drawMs !== null ? `; drawn in ${s.drawMs.toFixed(0)} ms` : ''}
              </p>
            )}
            {colour?.unavailable && (
              <div className="notice notice--warn" data-testid="projector-colour-unavailable">
                Colour: {colour.unavailable}.
              </div>
            )}
            <div className="projector-main">
              <div>
                {xy && colour ? (
                  <ScatterView
                    x={xy.x}
                    y={xy.y}
                    colour={colour}
                    highlight={highlight}
                    onHover={(j) => {
                      const p = currentProjection();
                      useProjectorStore.getState().set({ hover: j === null || !p ? null : { point: pointOf(p, j), title: title(pointOf(p, j)) } });
                    }}
                    onSelect={onSelect}
                    onDrawn={(ms) => useProjectorStore.getState().set({ drawMs: ms })}
                  />
                ) : (
                  <div className="projector-canvas projector-canvas--empty muted">{s.busy ? 'projecting…' : 'no projection yet'}</div>
                )}
                {colour && <Legend legend={colour.legend} type={colour.type} />}
                <p className="muted projector-help">Scroll to zoom, drag to pan, click a point for its neighbours, Shift + drag to lasso a set, Esc or double-click to clear.</p>
              </div>
              <aside className="projector-side">
                <div className="projector-hover" data-testid="projector-hover" data-point={s.hover ? s.hover.point : undefined}>
                  {s.hover ? (
                    <>
                      <strong>{s.hover.title}</strong> <span className="muted mono">{id(s.hover.point)}</span>
                    </>
                  ) : (
                    <span className="muted">Hover a point for its title.</span>
                  )}
                </div>
                {s.clicked && (
                  <div data-testid="projector-neighbours">
                    <h3>
                      10 nearest to <span data-testid="projector-clicked" data-point={s.clicked.point}>{title(s.clicked.point)}</span>
                    </h3>
                    <p className="muted">cosine similarity in the full {s.loaded.dim}-D space</p>
                    <ol>
                      {s.clicked.neighbours.map((n) => (
                        <li key={n.point} data-point={n.point} data-id={id(n.point)}>
                          {title(n.point)} <span className="muted mono">{n.score.toFixed(3)}</span>
                          {!n.drawn && <span className="muted"> (not in the drawn sample)</span>}
                        </li>
                      ))}
                    </ol>
                  </div>
                )}
                {s.selection && <SelectionView how={s.selection.how} stats={s.selection.stats} drawn={s.selection.drawn} kind={s.loaded.kind} />}
              </aside>
            </div>
          </div>
        </section>
      )}
    </section>
  );
}

function Legend({ legend, type }: { legend: string[]; type: 'categorical' | 'continuous' }) {
  if (!legend.length) return null;
  if (type === 'continuous') {
    return (
      <div className="projector-legend" data-testid="projector-legend">
        <span>{legend[0]}</span>
        <span className="projector-legend__ramp" />
        <span>{legend[1]}</span>
      </div>
    );
  }
  const shown = legend.slice(0, 24);
  return (
    <div className="projector-legend" data-testid="projector-legend">
      {shown.map((l, i) => (
        <span key={i} className="projector-legend__item">
          <span className="projector-legend__swatch" style={{ background: categoricalSwatch(i) }} />
          {l}
        </span>
      ))}
      {legend.length > shown.length && <span className="muted">+{legend.length - shown.length} more (colours repeat every 20)</span>}
    </div>
  );
}

const SWATCHES = categoricalColours(20);
function categoricalSwatch(i: number): string {
  return SWATCHES[i % SWATCHES.length];
}
