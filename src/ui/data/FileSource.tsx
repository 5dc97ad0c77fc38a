import { useRef, useState, type DragEvent } from 'react';
import { GENERIC_FORMATS, PRESETS, presetInfo, type GenericFormat, type PresetId } from '../../core/data/load';
import { useDataFilesStore, type FileFormatChoice } from '../../state/data-files-store';
import { useDataStore } from '../../state/data-store';
import { formatBytes } from '../shell/format';
import { chooseFormat, clearStagedFiles, loadStagedFiles, missingForLoad, stageFiles } from './file-actions';
import { MappingForm } from './MappingForm';
import { PresetOptionsForm } from './PresetOptionsForm';

const GENERIC_LABEL: Record<GenericFormat, string> = { csv: 'CSV', tsv: 'TSV', jsonl: 'JSON lines', parquet: 'Parquet' };

function encode(c: FileFormatChoice): string {
  return c.kind === 'generic' ? `generic:${c.format}` : `preset:${c.preset}`;
}
function decode(v: string): FileFormatChoice {
  const [kind, id] = v.split(':');
  return kind === 'preset' ? { kind: 'preset', preset: id as PresetId } : { kind: 'generic', format: id as GenericFormat };
}

function PresetFiles({ preset }: { preset: PresetId }) {
  const info = presetInfo(preset);
  return (
    <div className="stack" style={{ gap: 6 }}>
      <p className="muted">{info.description}</p>
      <table className="table table--compact">
        <thead>
          <tr>
            <th>File role</th>
            <th>Expected</th>
          </tr>
        </thead>
        <tbody>
          {info.files.map((f) => (
            <tr key={f.role}>
              <td>
                {f.role}
                {f.required ? '' : <span className="muted"> (optional)</span>}
              </td>
              <td>{f.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Source: {info.source} · Licence: {info.licence}
      </p>
      <PresetOptionsForm preset={preset} />
    </div>
  );
}

/** "Your files": drop or pick files, choose their format, map columns, load. */
export function FileSource() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const files = useDataFilesStore((s) => s.files);
  const choice = useDataFilesStore((s) => s.choice);
  const suggested = useDataFilesStore((s) => s.suggestedPreset);
  const busy = useDataStore((s) => s.job !== null && s.job.kind !== 'restore');
  useDataFilesStore((s) => s.mapping); // re-render when the mapping changes (missingForLoad reads it)
  const missing = missingForLoad();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) stageFiles(e.dataTransfer.files);
  };

  return (
    <section className="card" aria-labelledby="files-title">
      <div className="card__head">
        <h2 id="files-title">Your files</h2>
        <span className="card__hint">read in this browser only; never uploaded</span>
      </div>
      <div className="card__body stack">
        <div
          className={'dropzone' + (over ? ' is-over' : '')}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <div>
            Drop files here or{' '}
            <button type="button" className="btn btn--small" onClick={() => input.current?.click()} disabled={busy}>
              choose files…
            </button>
          </div>
          <div className="muted" style={{ fontSize: 12 }}>
            CSV, TSV, JSON lines, Parquet (optionally .gz) · OTTO, MovieLens, Amazon .inter/.item, RetailRocket, Diginetica
          </div>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            data-testid="file-input"
            onChange={(e) => {
              if (e.target.files) stageFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </div>

        {files.length > 0 && (
          <>
            <div className="row" data-testid="staged-files">
              {files.map((f) => (
                <span key={f.name} className="pill pill--info">
                  {f.name} · {formatBytes(f.size)}
                </span>
              ))}
              <button type="button" className="btn btn--small" onClick={clearStagedFiles}>
                Clear
              </button>
            </div>
            <label className="field">
              <span className="field__label">Format</span>
              <select className="select" value={encode(choice)} onChange={(e) => chooseFormat(decode(e.target.value))} data-testid="file-format">
                <optgroup label="Generic: map the columns yourself">
                  {GENERIC_FORMATS.map((f) => (
                    <option key={f} value={`generic:${f}`}>
                      {GENERIC_LABEL[f]}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Known dataset formats">
                  {PRESETS.map((p) => (
                    <option key={p.id} value={`preset:${p.id}`}>
                      {p.title}
                    </option>
                  ))}
                </optgroup>
              </select>
            </label>
            {suggested && (choice.kind !== 'preset' || choice.preset !== suggested) && (
              <div className="notice notice--info row">
                <span>
                  The file names look like <strong>{presetInfo(suggested).title}</strong>.
                </span>
                <button type="button" className="btn btn--small" onClick={() => chooseFormat({ kind: 'preset', preset: suggested })}>
                  Use that format
                </button>
              </div>
            )}
            {choice.kind === 'preset' ? <PresetFiles preset={choice.preset} /> : <MappingForm />}
            <div className="row">
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy || missing.length > 0}
                onClick={() => void loadStagedFiles()}
                data-testid="load-files"
              >
                Load {files.length === 1 ? 'file' : `${files.length} files`}
              </button>
              {missing.length > 0 && <span className="muted">Map {missing.join(', ')} first.</span>}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
