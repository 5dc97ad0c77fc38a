import { useDataStore } from '../../state/data-store';
import { formatBytes } from '../shell/format';

/** Whether the loaded dataset is kept in this browser (survives a reload), or why not. */
export function PersistenceNotice() {
  const p = useDataStore((s) => s.persistence);
  const summary = useDataStore((s) => s.summary);
  if (!summary) return null;
  switch (p.state) {
    case 'none':
      return null;
    case 'saving':
      return (
        <p className="muted" data-testid="persistence" data-state="saving">
          Keeping the dataset in this browser…
        </p>
      );
    case 'saved':
      return (
        <p className="muted" data-testid="persistence" data-state={p.restored ? 'restored' : 'saved'}>
          {p.restored ? 'Restored from this browser’s storage' : 'Kept in this browser'} ({formatBytes(p.bytes)}); it
          {p.restored ? ' will be restored again' : ' will be restored'} after a reload.
        </p>
      );
    case 'failed':
      return (
        <div className="notice notice--warn" role="status" data-testid="persistence" data-state="failed">
          {p.message}
        </div>
      );
  }
}
