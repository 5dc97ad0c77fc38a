import type { IssueSeverity, ReportEntry, ValidationReport } from '../../core/data/types';
import { formatCount, formatPercent } from '../shell/format';

const SEVERITY_ORDER: IssueSeverity[] = ['error', 'rejected', 'warning', 'info'];
const SEVERITY_LABEL: Record<IssueSeverity, string> = {
  error: 'Error',
  rejected: 'Rejected',
  warning: 'Changed',
  info: 'Note',
};

function sortEntries(entries: ReportEntry[]): ReportEntry[] {
  return [...entries].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.count - a.count,
  );
}

function Examples({ entry }: { entry: ReportEntry }) {
  if (entry.examples.length === 0) return <p className="muted">No examples recorded for this entry.</p>;
  const showColumn = entry.examples.some((x) => x.column !== undefined);
  const showValue = entry.examples.some((x) => x.value !== undefined);
  return (
    <table className="table table--compact" data-testid="report-examples">
      <thead>
        <tr>
          <th>File</th>
          <th className="num">Line</th>
          {showColumn && <th>Column</th>}
          {showValue && <th>Value</th>}
        </tr>
      </thead>
      <tbody>
        {entry.examples.map((x, i) => (
          <tr key={i}>
            <td>{x.file}</td>
            <td className="num">{formatCount(x.line)}</td>
            {showColumn && <td>{x.column ?? ''}</td>}
            {showValue && <td>{x.value === undefined ? '' : x.value === '' ? <span className="muted">(empty)</span> : x.value}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Entry({ entry }: { entry: ReportEntry }) {
  const open = entry.severity === 'error' || entry.severity === 'rejected';
  return (
    <details className="report-entry" open={open} data-testid="report-entry" data-code={entry.code} data-severity={entry.severity}>
      <summary>
        <span className={`pill pill--${entry.severity}`}>{SEVERITY_LABEL[entry.severity]}</span>
        <span>
          {entry.message} <span className="report-entry__code">{entry.code}</span>
        </span>
        <span className="report-entry__count">{formatCount(entry.count)}</span>
      </summary>
      <div className="report-entry__examples">
        <Examples entry={entry} />
      </div>
    </details>
  );
}

/** The validation report of the last load: counts, then every reason grouped, with examples. */
export function ReportView({ report }: { report: ValidationReport }) {
  const entries = sortEntries(report.entries);
  const rejectedShare = report.rowsRead > 0 ? report.rowsRejected / report.rowsRead : 0;
  return (
    <section className="card" aria-labelledby="report-title" data-testid="report">
      <div className="card__head">
        <h2 id="report-title">Validation report</h2>
        <span className="card__hint">{report.files.length ? report.files.join(', ') : 'no input files'}</span>
      </div>
      <div className="card__body stack">
        {report.fatal && (
          <div className="notice notice--bad" role="alert" data-testid="report-fatal">
            <strong>Nothing was loaded.</strong> {report.fatal}
          </div>
        )}
        <div className="kpis">
          <div className="kpi" data-testid="rows-read">
            <div className="kpi__label">Rows read</div>
            <div className="kpi__value">{formatCount(report.rowsRead)}</div>
          </div>
          <div className="kpi kpi--ok" data-testid="rows-accepted">
            <div className="kpi__label">Accepted</div>
            <div className="kpi__value">{formatCount(report.rowsAccepted)}</div>
          </div>
          <div className={'kpi' + (report.rowsRejected > 0 ? ' kpi--bad' : '')} data-testid="rows-rejected">
            <div className="kpi__label">Rejected</div>
            <div className="kpi__value">{formatCount(report.rowsRejected)}</div>
            <div className="kpi__sub">{formatPercent(rejectedShare)} of rows read</div>
          </div>
          <div className="kpi">
            <div className="kpi__label">Reasons</div>
            <div className="kpi__value">{entries.length}</div>
          </div>
        </div>
      </div>
      {entries.length > 0 ? (
        <div className="report-entries" style={{ borderTop: '1px solid var(--border)' }}>
          {entries.map((e, i) => (
            <Entry key={`${e.code}-${i}`} entry={e} />
          ))}
        </div>
      ) : (
        <div className="card__body">
          <p className="muted">Every row was read as it was: nothing to report.</p>
        </div>
      )}
    </section>
  );
}
