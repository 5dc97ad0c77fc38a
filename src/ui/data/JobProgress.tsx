import { useDataStore } from '../../state/data-store';
import { formatBytes, formatCount, formatPercent } from '../shell/format';
import { cancelDataJob } from './data-actions';

/** Units of a progress note: loaders report bytes while reading files and rows while building tables. */
function describe(done: number, total: number, note: string | undefined, generating: boolean): string {
  const bytes = !generating && /byte|read|fetch|download|decompress/i.test(note ?? '');
  const f = bytes ? formatBytes : formatCount;
  const unit = bytes ? '' : generating ? ' events' : /event|session|row/i.test(note ?? '') ? ' rows' : '';
  return total > 0 ? `${f(done)} / ${f(total)}${unit}` : done > 0 ? `${f(done)}${unit}` : '';
}

/** Progress bar of the running data job, with what it is doing and a Cancel button. */
export function JobProgress() {
  const job = useDataStore((s) => s.job);
  if (!job || job.kind === 'restore') return null;
  const frac = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const determinate = job.total > 0;
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
            {determinate ? formatPercent(frac) + ' · ' : ''}
            {describe(job.done, job.total, job.note, job.kind === 'generate')}
          </span>
        </div>
      </div>
    </section>
  );
}
