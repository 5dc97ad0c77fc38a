import type { DatasetFields } from '../../core/data/types';
import type { DatasetSummary } from '../../state/data-store';
import { formatBytes, formatCount, formatMs } from '../shell/format';
import { PersistenceNotice } from './PersistenceNotice';

const FIELD_LABEL: Record<keyof DatasetFields, string> = {
  device: 'device',
  duration: 'dwell time',
  basket: 'baskets / sessions',
  value: 'quantity / rating',
  title: 'item titles',
  category: 'categories',
  brand: 'brands',
  price: 'prices',
  realTime: 'real timestamps',
};

interface Props {
  summary: DatasetSummary;
  busy: boolean;
  onForget: () => void;
}

/** The loaded dataset: name, source, memory, which optional fields it has, provenance, storage state. */
export function DatasetSummaryCard({ summary, busy, onForget }: Props) {
  const fields = Object.keys(FIELD_LABEL) as (keyof DatasetFields)[];
  const metaEntries = Object.entries(summary.meta);
  return (
    <section className="card" aria-label="Loaded dataset" data-testid="dataset-summary">
      <div className="card__body row" style={{ alignItems: 'flex-start' }}>
        <div className="stack" style={{ gap: 4, flex: 1, minWidth: 0 }}>
          <div>
            <strong data-testid="dataset-name">{summary.name}</strong> <span className="muted">· {summary.source}</span>
          </div>
          <div className="muted">
            {formatCount(summary.events)} events in {formatBytes(summary.eventBytes)} of typed arrays (
            {summary.events ? (summary.eventBytes / summary.events).toFixed(0) : 0} B per event)
            {summary.loadMs !== null ? ` · loaded in ${formatMs(summary.loadMs)}` : ''}
          </div>
          <div className="row" style={{ gap: 4 }} aria-label="Optional fields">
            {fields.map((f) => (
              <span key={f} title={summary.fields[f] ? 'present' : 'absent from this dataset'} className={'pill ' + (summary.fields[f] ? 'pill--ok' : 'pill--info')} style={summary.fields[f] ? undefined : { opacity: 0.75, textDecoration: 'line-through' }}>
                {FIELD_LABEL[f]}
              </span>
            ))}
          </div>
          {metaEntries.length > 0 && (
            <details>
              <summary className="muted" style={{ cursor: 'pointer' }}>
                Provenance and loader settings
              </summary>
              <table className="table table--compact" style={{ width: 'auto', marginTop: 4 }}>
                <tbody>
                  {metaEntries.map(([k, v]) => (
                    <tr key={k}>
                      <th style={{ background: 'none' }}>{k}</th>
                      <td className="mono" style={{ wordBreak: 'break-word' }}>{String(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <PersistenceNotice />
        </div>
        <button type="button" className="btn btn--small" onClick={onForget} disabled={busy}>
          Unload &amp; forget
        </button>
      </div>
    </section>
  );
}
