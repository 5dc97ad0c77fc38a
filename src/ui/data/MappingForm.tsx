import { ACTION_KINDS, type ActionKind } from '../../core/data/types';
import { MAPPING_KEYS, TIMESTAMP_FORMATS, type MappingKey, type TimestampFormat } from '../../core/data/load';
import { useDataFilesStore } from '../../state/data-files-store';
import { setMapping } from './file-actions';
import { PreviewTable } from './PreviewTable';

const REQUIRED: ReadonlySet<MappingKey> = new Set(['shopper', 'item', 'timestamp']);

const HINT: Record<MappingKey, string> = {
  shopper: 'user / customer / visitor id',
  item: 'product / SKU id',
  timestamp: 'time of the event',
  action: 'view, cart, purchase …',
  device: 'app, web, mobile-web',
  duration: 'dwell seconds',
  basket: 'order / invoice / session id',
  value: 'quantity or rating',
  title: 'item title text',
  category: 'item category',
  brand: 'item brand',
  price: 'item price',
};

const TS_LABEL: Record<TimestampFormat, string> = {
  auto: 'detect',
  iso: 'ISO 8601',
  'unix-s': 'Unix seconds',
  'unix-ms': 'Unix milliseconds',
  mdy: 'M/D/Y',
  dmy: 'D/M/Y',
};

/** Column mapping for generic files: one select per field, prefilled with the suggested mapping. */
export function MappingForm() {
  const preview = useDataFilesStore((s) => s.preview);
  const previewing = useDataFilesStore((s) => s.previewing);
  const previewError = useDataFilesStore((s) => s.previewError);
  const mapping = useDataFilesStore((s) => s.mapping);
  const defaultAction = useDataFilesStore((s) => s.defaultAction);
  const timestampFormat = useDataFilesStore((s) => s.timestampFormat);
  if (previewing) return <p className="muted">Reading the first rows…</p>;
  if (previewError) return <div className="notice notice--bad">The file could not be previewed: {previewError}</div>;
  if (!preview) return null;
  const columns = preview.columns;
  return (
    <div className="stack" data-testid="mapping-form">
      {preview.issues.length > 0 && (
        <div className="notice notice--warn">
          {preview.issues.map((i) => (
            <div key={i.code}>{i.message}</div>
          ))}
        </div>
      )}
      <div className="mapping">
        {MAPPING_KEYS.map((k) => (
          <label key={k} className="field">
            <span className="field__label">
              {k}
              {REQUIRED.has(k) && <span style={{ color: 'var(--bad)' }}> *</span>}
            </span>
            <select className="select" value={mapping[k] ?? ''} onChange={(e) => setMapping(k, e.target.value)} data-testid={`map-${k}`}>
              <option value="">{REQUIRED.has(k) ? '— choose —' : '(none)'}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <span className="field__hint">{HINT[k]}</span>
          </label>
        ))}
        {!mapping.action && (
          <label className="field">
            <span className="field__label">action of every row</span>
            <select
              className="select"
              value={defaultAction}
              onChange={(e) => useDataFilesStore.setState({ defaultAction: e.target.value as ActionKind })}
            >
              {ACTION_KINDS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            <span className="field__hint">no action column mapped</span>
          </label>
        )}
        <label className="field">
          <span className="field__label">timestamp format</span>
          <select
            className="select"
            value={timestampFormat}
            onChange={(e) => useDataFilesStore.setState({ timestampFormat: e.target.value as TimestampFormat })}
          >
            {TIMESTAMP_FORMATS.map((f) => (
              <option key={f} value={f}>
                {TS_LABEL[f]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PreviewTable columns={columns} rows={preview.rows} mapping={mapping} />
    </div>
  );
}
