import { useDataFilesStore } from '../../state/data-files-store';
import { useDataStore } from '../../state/data-store';
import { forgetDataset } from './data-actions';
import { FileSource } from './FileSource';
import { JobProgress } from './JobProgress';
import { DatasetSummaryCard } from './DatasetSummaryCard';
import { PresetCards } from './PresetCards';
import { ReportView } from './ReportView';
import { StatsView } from './StatsView';

/** The Data panel: choose a source, watch it load, read its validation report and statistics. */
export function DataPanel() {
  const summary = useDataStore((s) => s.summary);
  const report = useDataStore((s) => s.report);
  const stats = useDataStore((s) => s.stats);
  const error = useDataStore((s) => s.error);
  const busy = useDataStore((s) => s.job !== null);
  const restoring = useDataStore((s) => s.job?.kind === 'restore');
  const staged = useDataFilesStore((s) => s.files.length > 0);
  return (
    <section className="panel" aria-labelledby="panel-data-title" data-testid="panel-data">
      <header className="panel__head">
        <h1 id="panel-data-title">Data</h1>
        <p className="panel__lede">Load events and items, check what was rejected and why, and look at the data before training.</p>
      </header>

      <div className={'sources' + (staged ? ' has-files' : '')}>
        <section className="card" aria-labelledby="bundled-title">
          <div className="card__head">
            <h2 id="bundled-title">Bundled datasets</h2>
            <span className="card__hint">served from this site; nothing is downloaded elsewhere</span>
          </div>
          <div className="card__body">
            <PresetCards />
          </div>
        </section>
        <FileSource />
      </div>

      <JobProgress />
      {restoring && (
        <p className="muted" data-testid="restoring">
          Restoring the dataset kept in this browser…
        </p>
      )}
      {error && (
        <div className="notice notice--bad" role="alert" data-testid="data-error">
          {error}
        </div>
      )}

      {summary && <DatasetSummaryCard summary={summary} busy={busy} onForget={() => void forgetDataset()} />}

      {report && <ReportView report={report} />}
      {stats && summary && <StatsView stats={stats} />}
    </section>
  );
}
