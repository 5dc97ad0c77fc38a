import { useDataStore } from '../../state/data-store';
import { formatCount } from './format';

/** Header: the dataset currently loaded (or that none is), with its main counts. */
export function DatasetBadge() {
  const summary = useDataStore((s) => s.summary);
  const job = useDataStore((s) => s.job);
  if (!summary) {
    return (
      <div className="dataset-badge dataset-badge--empty" data-testid="header-dataset">
        {job ? `${job.kind === 'generate' ? 'Generating' : job.kind === 'restore' ? 'Restoring' : 'Loading'} ${job.label}…` : 'No dataset loaded'}
      </div>
    );
  }
  return (
    <div className="dataset-badge" data-testid="header-dataset" title={summary.source}>
      <span className="dataset-badge__name">{summary.name}</span>
      <span className="dataset-badge__counts">
        {formatCount(summary.events)} events · {formatCount(summary.items)} items · {formatCount(summary.shoppers)} shoppers
      </span>
    </div>
  );
}
