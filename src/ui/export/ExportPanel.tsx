/**
 * Export panel: the current session's results as files other tools read (core/export). Source: the
 * current dataset and, when the Train panel finished a PinSage run on it, that run's metrics, item
 * embeddings and weights (from its checkpoint); a PinnerFormer run's shopper embeddings; the Feeds
 * panel's Pfeed lookup tables and feeds (pfeed/lookup-ROLE.parquet / .jsonl, pfeed/feeds.parquet /
 * .jsonl, as the batch CLI writes them) with its SIMO run's weights (models/simo/*) and P3 metrics. Choose formats, build, then download each file or
 * save them all into a folder (File System Access API where the browser has it). Names derived
 * from the dataset or run name are sanitised.
 */
import { useDataStore } from '../../state/data-store';
import { currentDataset } from '../../state/data-current';
import { useTrainStore } from '../train/train-store';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/export/types';
import { safeFileName } from '../../core/export/safe-names';
import { parsePinSageConfig } from '../../core/models/pinsage/config';
import { formatBytes } from '../shell/format';
import { buildExport, defaultRunName, downloadAll, downloadOne, loadRunEmbeddings, loadShopperEmbeddings, saveToFolder } from './export-actions';
import { useFeedsStore } from '../../state/feeds-store';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';
import { useExportStore } from './export-store';
import { FORMAT_LABELS, NEED_TEXT, type FormatLabel } from './format-labels';
import { canPickDirectory } from './save-files';
import './export.css';

export function ExportPanel() {
  useDataStore((s) => s.datasetVersion);
  const ds = currentDataset();
  const allRuns = useTrainStore((s) => s.runs);
  const allPfRuns = usePinnerFormerStore((s) => s.runs);
  const st = useExportStore();
  const version = useDataStore((s) => s.datasetVersion);
  const feeds = useFeedsStore();
  const feedsSum = feeds.summary && feeds.composedFor === version ? feeds.summary : null;
  const pfeedReady = feedsSum !== null && feeds.busy === null;
  const pfeedOn = pfeedReady && st.includePfeed;
  const runs = ds ? allRuns.filter((r) => r.dataset === ds.name) : [];
  const run = runs.find((r) => r.runId === st.runId) ?? null;
  const loaded = st.embeddings.kind === 'ready' && run !== null && st.embeddings.runId === run.runId;
  const pfRuns = ds ? allPfRuns.filter((r) => r.dataset === ds.name) : [];
  const pfRun = pfRuns.find((r) => r.runId === st.shopperRunId) ?? null;
  const shLoaded = st.shoppers.kind === 'ready' && pfRun !== null && st.shoppers.runId === pfRun.runId;
  const runName = st.runName || (ds ? defaultRunName(ds, run, pfeedOn) : '');
  const simoRun = pfeedOn && feedsSum?.encoder.kind === 'simo' ? feeds.run : null;
  const have: Record<FormatLabel['needs'], boolean> = {
    items: loaded,
    embeddings: loaded || shLoaded,
    pfeed: pfeedOn,
    snapshot: shLoaded,
    weights: loaded || (shLoaded && st.shoppers.kind === 'ready' && st.shoppers.weights) || (pfeedOn && feedsSum?.encoder.kind === 'simo'),
    metrics: run !== null || pfRun !== null || simoRun !== null,
  };
  // Parquet holds embeddings and the pfeed tables: either is enough
  const haveFor = (f: ExportFormat): boolean => (f === 'parquet' ? have.embeddings || have.pfeed : have[FORMAT_LABELS[f].needs]);
  const toggle = (f: ExportFormat, on: boolean): void => st.set({ formats: on ? [...st.formats, f] : st.formats.filter((x) => x !== f), files: [] });
  return (
    <section className="panel" aria-labelledby="panel-export-title" data-testid="panel-export">
      <header className="panel__head">
        <h1 id="panel-export-title">Export — artifacts for other tools</h1>
        <p className="panel__lede">
          Embeddings as NumPy and Parquet, Pfeed lookup tables and feeds as Parquet and JSON lines, search-engine bulk files with their index mappings, TensorBoard projector files, model weights, metrics.json
          and a manifest with every file's sha256. Nothing leaves this browser until you download it. Layouts: docs/export.md.
        </p>
      </header>
      {!ds ? (
        <div className="notice notice--info" data-testid="export-no-data">
          Load a dataset in the Data panel first.
        </div>
      ) : (
        <>
          <section className="card">
            <div className="card__head">
              <h2>Source</h2>
              <span className="card__hint">
                dataset {ds.name}: {ds.events.length.toLocaleString()} events, {ds.items.length.toLocaleString()} items, {ds.shoppers.length.toLocaleString()} shoppers
              </span>
            </div>
            <div className="card__body export-source">
              <label className="field">
                <span className="field__label">Results of</span>
                <select
                  className="select"
                  data-testid="export-run"
                  value={st.runId ?? ''}
                  onChange={(e) => st.set({ runId: e.target.value || null, files: [], runName: '' })}
                >
                  <option value="">the dataset only (manifest with its content hash)</option>
                  {runs.map((r) => (
                    <option key={r.runId} value={r.runId}>
                      PinSage {parsePinSageConfig(r.config).variant} — {r.backend}, finished {new Date(r.finishedAt).toLocaleTimeString()}
                    </option>
                  ))}
                </select>
                {runs.length === 0 && <span className="field__hint">No finished Train-panel run on this dataset in this session: only dataset-derived files can be exported.</span>}
              </label>
              {run && (
                <div className="export-embeddings" data-testid="export-embeddings">
                  {st.embeddings.kind === 'loading' ? (
                    <span className="muted">{st.embeddings.note}…</span>
                  ) : loaded ? (
                    <span className="pill pill--ok">
                      item embeddings {st.embeddings.kind === 'ready' ? `${st.embeddings.items.toLocaleString()} × ${st.embeddings.dim}` : ''} and weights loaded
                    </span>
                  ) : (
                    <button type="button" className="btn" onClick={() => void loadRunEmbeddings(run.runId)} data-testid="export-load-embeddings">
                      Load embeddings and weights from the run's checkpoint
                    </button>
                  )}
                  {st.embeddings.kind === 'error' && (
                    <div className="notice notice--bad" role="alert">
                      {st.embeddings.message}
                    </div>
                  )}
                </div>
              )}
              <label className="field">
                <span className="field__label">Shopper embeddings and snapshot of</span>
                <select
                  className="select"
                  data-testid="export-shopper-run"
                  value={st.shopperRunId ?? ''}
                  onChange={(e) => st.set({ shopperRunId: e.target.value || null, files: [] })}
                >
                  <option value="">none</option>
                  {pfRuns.map((r) => (
                    <option key={r.runId} value={r.runId}>
                      PinnerFormer — {r.backend}, finished {new Date(r.finishedAt).toLocaleTimeString()}
                    </option>
                  ))}
                </select>
                {pfRuns.length === 0 && <span className="field__hint">No finished PinnerFormer run on this dataset in this session.</span>}
              </label>
              <div className="field" data-testid="export-pfeed">
                <span className="field__label">Pfeed lookup tables and feeds</span>
                {!feedsSum ? (
                  <span className="notice notice--info" data-testid="export-pfeed-none">
                    No Pfeed run yet: train SIMO and compose feeds in the Feeds panel first (<a href="#feeds">Feeds panel</a>); then its lookup tables and feeds are
                    written here as pfeed/*.parquet and pfeed/*.jsonl.
                  </span>
                ) : !pfeedReady ? (
                  <span className="muted">The Feeds panel is busy ({feeds.busy})…</span>
                ) : (
                  <label>
                    <input type="checkbox" checked={st.includePfeed} onChange={(e) => st.set({ includePfeed: e.target.checked, files: [] })} data-testid="export-pfeed-include" />{' '}
                    lookup tables (view-query {feedsSum.viewQueries.toLocaleString()} + buy-query {feedsSum.buyQueries.toLocaleString()} queries × top-{feedsSum.k}) and{' '}
                    {(feedsSum.shoppers - feedsSum.emptyFeeds).toLocaleString()} feeds of “{feedsSum.targetSet.title}” from{' '}
                    {feedsSum.encoder.kind === 'simo' ? (
                      <>SIMO {feedsSum.encoder.variant ?? ''}, {feedsSum.encoder.steps ?? '?'} steps (with its weights{feeds.run ? ' and P3 metrics' : ''})</>
                    ) : (
                      <>the stand-in role embeddings (no trained model)</>
                    )}
                  </label>
                )}
              </div>
              {pfRun && (
                <div className="export-embeddings" data-testid="export-shoppers">
                  {st.shoppers.kind === 'loading' ? (
                    <span className="muted">{st.shoppers.note}…</span>
                  ) : shLoaded && st.shoppers.kind === 'ready' ? (
                    <span className="pill pill--ok">
                      shopper embeddings {st.shoppers.shoppers.toLocaleString()} × {st.shoppers.dim} as of {st.shoppers.asOf}
                      {st.shoppers.weights ? ' and PinnerFormer weights' : ''} loaded
                    </span>
                  ) : (
                    <button type="button" className="btn" onClick={() => void loadShopperEmbeddings(pfRun.runId)} data-testid="export-load-shoppers">
                      Infer shopper embeddings (all events)
                    </button>
                  )}
                  {st.shoppers.kind === 'error' && (
                    <div className="notice notice--bad" role="alert">
                      {st.shoppers.message}
                    </div>
                  )}
                </div>
              )}
            </div>
          </section>
          <section className="card">
            <div className="card__head">
              <h2>Formats</h2>
              <span className="card__hint">manifest.json is always written</span>
            </div>
            <div className="card__body">
              <ul className="export-formats" data-testid="export-formats">
                {EXPORT_FORMATS.map((f) => {
                  const l = FORMAT_LABELS[f];
                  return (
                    <li key={f}>
                      <label>
                        <input type="checkbox" checked={st.formats.includes(f)} onChange={(e) => toggle(f, e.target.checked)} data-testid={`export-format-${f}`} />{' '}
                        <strong>{l.label}</strong> <span className="mono muted">{l.files}</span>
                      </label>
                      {!haveFor(f) && <span className="field__hint"> — {NEED_TEXT[l.needs]}</span>}
                    </li>
                  );
                })}
              </ul>
              <label className="field export-name">
                <span className="field__label">Run name (folder and file-name prefix)</span>
                <input className="input" value={runName} onChange={(e) => st.set({ runName: e.target.value, files: [] })} data-testid="export-run-name" />
                <span className="field__hint">
                  saved as <span className="mono" data-testid="export-safe-name">{safeFileName(runName, { fallback: 'kloa-run', maxBytes: 80 })}</span>
                </span>
              </label>
              <button
                type="button"
                className="btn btn--primary"
                disabled={st.building || st.embeddings.kind === 'loading' || st.shoppers.kind === 'loading'}
                onClick={() => {
                  if (!st.runName) st.set({ runName });
                  void buildExport();
                }}
                data-testid="export-build"
              >
                Build files
              </button>
              {st.progress && (
                <span className="muted export-progress" data-testid="export-progress">
                  {' '}
                  {st.progress.done} / {st.progress.total} · {st.progress.path}
                </span>
              )}
              {st.error && (
                <div className="notice notice--bad" role="alert" data-testid="export-error">
                  {st.error}
                </div>
              )}
            </div>
          </section>
          {st.files.length > 0 && (
            <section className="card" data-testid="export-files">
              <div className="card__head">
                <h2>{st.files.length} files</h2>
                <span className="card__hint">{formatBytes(st.files.reduce((a, f) => a + f.bytes, 0))}</span>
              </div>
              <div className="card__body">
                {st.pfeedCounts && (
                  <p className="muted" data-testid="export-pfeed-counts">
                    Pfeed rows:{' '}
                    {st.pfeedCounts.lookup.map((c) => (
                      <span key={c.role} data-role={c.role} data-queries={c.queries} data-rows={c.rows} data-testid="export-pfeed-lookup-count">
                        lookup-{c.role}: {c.queries.toLocaleString()} queries, {c.rows.toLocaleString()} rows ·{' '}
                      </span>
                    ))}
                    <span data-shoppers={st.pfeedCounts.feeds.shoppers} data-rows={st.pfeedCounts.feeds.rows} data-testid="export-pfeed-feeds-count">
                      feeds: {st.pfeedCounts.feeds.shoppers.toLocaleString()} shoppers, {st.pfeedCounts.feeds.rows.toLocaleString()} rows
                    </span>
                  </p>
                )}
                <div className="export-actions">
                  {canPickDirectory() && (
                    <button type="button" className="btn btn--primary" onClick={() => void saveToFolder()} data-testid="export-save-folder">
                      Save all to a folder…
                    </button>
                  )}
                  <button type="button" className="btn" onClick={() => void downloadAll()} data-testid="export-download-all">
                    Download all ({st.files.length} downloads)
                  </button>
                  {st.saved && <span className="pill pill--ok" data-testid="export-saved">{st.saved}</span>}
                </div>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th>file</th>
                      <th>size</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {st.files.map((f) => (
                      <tr key={f.path}>
                        <td className="mono">{f.path}</td>
                        <td>{formatBytes(f.bytes)}</td>
                        <td>
                          <button type="button" className="btn btn--small" onClick={() => downloadOne(f.path)} data-testid={`export-download-${f.path}`} title={f.downloadName}>
                            Download
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}
