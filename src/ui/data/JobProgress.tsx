import { useDataStore } from '../../state/data-store';
import { formatBytes, formatCount, formatPercent, formatShort } from '../shell/format';
import { cancelDataJob } from './data-actions';

/**
 * The numbers of a progress event in the unit its note implies: the worker fetches bytes, Parquet
 * reading counts columns, text reading counts characters, conversion counts rows, the generator events.
 */
function describeProgress(done: number, total: number, note: string | undefined, generating: boolean): string {
  const n = note ?? '';
  if (total <= 1) return '';
  if (generating) return `${formatCount(done)} / ${formatCount(total)} events`;
  if (/^fetching|bytes/i.test(n)) return `${formatBytes(done)} / ${formatBytes(total)}`;
  if (/^reading [^:]+: /i.test(n)) return `column ${formatCount(done)} of ${formatCount(total)}`;
  if (/^reading/i.test(n)) return `${formatShort(done)} / ${formatShort(total)} characters`;
  return `${formatCount(done)} / ${formatCount(total)} rows`;
}

/** Progress bar of the running data job, with what it is doing and a Cancel button. */
export function JobProgress() {
  const job = useDataStore((s) => s.job);
  if (!job || job.kind === 'restore') return null;
  const frac = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const determinate = job.total > 1 || (job.total === 1 && job.done === 1);
  return (
    <section className="card" aria-label="Progress" data-testid="job-progress">
      <div className="card__body progress">
        <div className="progress__row">
          <strong>{job.kind === 'generate' ? 'Generating' : 'Loading'} {job.label}</strong>
          <span className="progress__text">{job.note ?? 'starting…'}</span>
          <span className="header__spacer" />
          <button type="button" className="btn btn--danger" onClick={cancelDataJob}>
            Cancel
          </button>
        </div>
        <div className="progress__row">
          <div
            className="progress__bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={determinate ? Math.round(frac * 100) : undefined}
            aria-label="Progress"
          >
            <div className={'progress__fill' + (determinate ? '' : ' is-indeterminate')} style={{ width: `${frac * 100}%` }} />
          </div>
          <span className="progress__text" style={{ minWidth: 220, textAlign: 'right' }}>
            {determinate && job.total > 1 ? formatPercent(frac) + ' · ' : ''}
            {describeProgress(job.done, job.total, job.note, job.kind === 'generate')}
          </span>
        </div>
      </div>
    </section>
  );
}
