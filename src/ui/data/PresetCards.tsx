import { useDataStore } from '../../state/data-store';
import { BUNDLED_SOURCES, type BundledSource } from './sources';
import { loadBundled } from './data-actions';

/** One button per bundled dataset: the real Online Retail file and the synthetic presets. */
export function PresetCards() {
  const busy = useDataStore((s) => s.job !== null && s.job.kind !== 'restore');
  const current = useDataStore((s) => s.summary?.name);
  return (
    <div className="presets">
      {BUNDLED_SOURCES.map((p: BundledSource) => (
        <button
          key={p.id}
          type="button"
          className={'preset' + (current === p.datasetName ? ' is-current' : '')}
          disabled={busy || !p.available}
          onClick={() => void loadBundled(p)}
          data-testid={`preset-${p.id}`}
          title={p.available ? undefined : p.unavailableReason}
        >
          <span className="preset__title">{p.title}</span>
          <span className="preset__desc">{p.description}</span>
          <span className="preset__meta">{p.meta}</span>
        </button>
      ))}
    </div>
  );
}
