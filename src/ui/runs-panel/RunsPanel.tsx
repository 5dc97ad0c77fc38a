/**
 * Runs panel: every Train-panel run kept in this browser (IndexedDB; docs/runs.md) — name, model,
 * dataset, status, key metrics, date, backend —, delete, re-run, its pipeline config as a file the
 * batch CLI runs, a config file opened into the Train form, its artifacts through the Export panel,
 * and the comparison of two or more runs.
 */
import { useEffect, useRef } from 'react';
import { mainEntry, RUN_MODEL_NAMES, type RunRecord } from '../../core/run-records/types';
import { formatProblems } from '../../core/pipeline/format-issues';
import { useRunsStore } from '../../state/runs-store';
import { RunCompare } from './RunCompare';
import { deleteRunAction, downloadRunConfig, go, openArtifacts, openConfigFile, rerun, toggleSelected } from './runs-actions';
import { refreshRuns } from './run-recorder';
import './runs.css';

const f4 = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(4));

function keyMetrics(r: RunRecord): string {
  if (r.model === 'simo') {
    // P3 per relation (the Feeds panel scores its SIMO encoder on the held-out test pairs)
    const p3 = r.entries.filter((e) => e.protocol === 'P3' && e.complexity === undefined);
    if (p3.length) return p3.map((e) => `${String(e.relation)} R@10 ${f4(e.metrics['recall@10'])}`).join(' · ');
  }
  const e = mainEntry(r);
  if (!e) return r.status === 'running' && r.curves.validation.length ? `val R@10 ${f4(r.curves.validation[r.curves.validation.length - 1][1])}` : '—';
  const m = e.metrics;
  return r.model === 'pinsage' ? `R@10 ${f4(m['recall@10'])} · R@50 ${f4(m['recall@50'])} · MRR ${f4(m.mrr)}` : `R@10 ${f4(m['recall@10'])} · R@10 new ${f4(m['recall@10_new'])}`;
}

export function RunsPanel() {
  const { runs, loaded, selected, error, notice, offerTrain, offerFeeds, configProblems } = useRunsStore();
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void refreshRuns();
  }, []);
  const chosen = runs.filter((r) => selected.includes(r.id));
  return (
    <section className="panel" aria-labelledby="panel-runs-title" data-testid="panel-runs">
      <header className="panel__head">
        <h1 id="panel-runs-title">Runs — kept in this browser</h1>
        <p className="panel__lede">
          Every PinSage and PinnerFormer run started in the Train panel and every SIMO encoder trained in the Feeds panel: its config, protocol metrics, training curves, timings, backend and the dataset's
          content hash. Download a run's config as a pipeline config (<span className="mono">npm run batch -- --config FILE</span> runs it), open one into
          the Train form, re-run, compare.
        </p>
      </header>
      <section className="card">
        <div className="card__head">
          <h2>{runs.length} runs</h2>
          <div className="runs-toolbar">
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              className="sr-only"
              data-testid="runs-open-config"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void openConfigFile(f);
              }}
            />
            <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
              Open a config file…
            </button>
          </div>
        </div>
        <div className="card__body">
          {notice && (
            <div className="notice notice--info" data-testid="runs-notice">
              {notice}{' '}
              {offerTrain && (
                <button type="button" className="btn btn--small btn--primary" onClick={() => go('train')} data-testid="runs-goto-train">
                  Open the Train panel
                </button>
              )}{' '}
              {offerFeeds && (
                <button type="button" className="btn btn--small btn--primary" onClick={() => go('feeds')} data-testid="runs-goto-feeds">
                  Open the Feeds panel
                </button>
              )}
            </div>
          )}
          {error && (
            <div className="notice notice--bad" role="alert" data-testid="runs-error" style={{ whiteSpace: 'pre-wrap' }}>
              {error}
            </div>
          )}
          {configProblems && (
            <div className="notice notice--bad" role="alert" data-testid="runs-config-problems">
              <strong>{configProblems.file} is not a valid pipeline config:</strong>
              <ul className="runs-problems">
                {formatProblems(configProblems.problems)
                  .split('\n')
                  .map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
              </ul>
            </div>
          )}
          {!loaded ? (
            <p className="muted">Reading the runs kept in this browser…</p>
          ) : runs.length === 0 ? (
            <p className="muted" data-testid="runs-empty">
              No run yet: train PinSage or PinnerFormer in the Train panel, or SIMO in the Feeds panel, and it appears here.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="table table--compact runs-table" data-testid="runs-table">
                <thead>
                  <tr>
                    <th title="choose two or more to compare">compare</th>
                    <th>name</th>
                    <th>model</th>
                    <th>dataset</th>
                    <th>status</th>
                    <th>key metrics</th>
                    <th>date</th>
                    <th>backend</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {[...runs].reverse().map((r) => (
                    <tr key={r.id} data-testid="run-row" data-run={r.id} data-status={r.status}>
                      <td>
                        <input type="checkbox" checked={selected.includes(r.id)} onChange={(e) => toggleSelected(r.id, e.target.checked)} aria-label={`compare ${r.name}`} data-testid="run-select" />
                      </td>
                      <td data-testid="run-name">{r.name}</td>
                      <td data-testid="run-model" data-model={r.model}>
                        {RUN_MODEL_NAMES[r.model] ?? r.model}
                      </td>
                      <td title={r.dataset.hash ?? 'hash not computed'}>
                        {r.dataset.name}
                        <div className="muted mono">{r.dataset.hash ? r.dataset.hash.slice(0, 19) + '…' : ''}</div>
                      </td>
                      <td className={`runs-status--${r.status}`} data-testid="run-status" title={r.error}>
                        {r.status}
                        {r.error && <div className="muted">{r.error}</div>}
                      </td>
                      <td data-testid="run-metrics">{keyMetrics(r)}</td>
                      <td>
                        {new Date(r.timings.startedAt).toLocaleString()}
                        {r.timings.wallSeconds !== null && <div className="muted">{r.timings.wallSeconds.toFixed(1)} s</div>}
                      </td>
                      <td title={r.backend.detail}>{r.backend.name}</td>
                      <td>
                        <div className="runs-table__actions">
                          <button type="button" className="btn btn--small" onClick={() => void rerun(r.id)} disabled={r.status === 'running'} data-testid="run-rerun">
                            Re-run
                          </button>
                          <button type="button" className="btn btn--small" onClick={() => downloadRunConfig(r.id)} data-testid="run-config">
                            Config
                          </button>
                          <button
                            type="button"
                            className="btn btn--small"
                            onClick={() => void openArtifacts(r.id)}
                            disabled={r.status !== 'done'}
                            title={r.model === 'simo' ? 'Its lookup tables and feeds in the Export panel (while they are the Feeds panel\'s current feeds)' : 'Build its artifacts in the Export panel (embeddings from its checkpoint)'}
                            data-testid="run-artifacts"
                          >
                            Artifacts
                          </button>
                          <button type="button" className="btn btn--small btn--danger" onClick={() => void deleteRunAction(r.id)} disabled={r.status === 'running'} data-testid="run-delete">
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {runs.length > 0 && chosen.length < 2 && <p className="muted">Tick two or more runs to compare them.</p>}
        </div>
      </section>
      {chosen.length >= 2 && <RunCompare runs={chosen} />}
    </section>
  );
}
