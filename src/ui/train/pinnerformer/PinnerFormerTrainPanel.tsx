/**
 * Train panel, PinnerFormer view: config form from the schema, which action features the dataset
 * carries, start / pause / cancel, live loss and validation Recall@10 (uPlot), throughput and ETA,
 * per-epoch checkpoints (Start resumes the same dataset + config), and the run's P2 entries
 * (also added to the Evaluate panel's P2 table).
 */
import { useMemo } from 'react';
import { featureAvailability } from '../../../core/models/pinnerformer/features';
import { currentDataset } from '../../../state/data-current';
import { useDataStore } from '../../../state/data-store';
import { LineChart } from '../LineChart';
import '../train.css';
import '../../evaluate/p2/p2.css';
import { PinnerFormerConfigForm } from './PinnerFormerConfigForm';
import { cancelPinnerFormer, forgetPinnerFormerCheckpoint, pausePinnerFormer, resumePinnerFormer, startPinnerFormer } from './pinnerformer-actions';
import { usePinnerFormerStore } from './pinnerformer-store';
import { TrainModelSelector } from './TrainModelSelector';

/**
 * PinSage overrides offered for the item embeddings (config key, label). Empty = the worker's
 * budget (src/core/train/pinnerformer/item-source.ts; not imported here: it would pull tfjs into the page).
 */
const PINSAGE_FIELDS: ['epochs' | 'maxStepsPerEpoch' | 'hidden' | 'output', string][] = [
  ['epochs', 'PinSage epochs'],
  ['maxStepsPerEpoch', 'PinSage steps per epoch'],
  ['hidden', 'PinSage hidden size'],
  ['output', 'Item embedding size'],
];

const fmt = (x: number, d = 0): string => (Number.isFinite(x) ? x.toLocaleString(undefined, { maximumFractionDigits: d }) : '—');
const f4 = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(4) : '—');

export function PinnerFormerTrainPanel() {
  useDataStore((s) => s.datasetVersion);
  const ds = currentDataset();
  const { config, setConfig, pinsage, setPinSage, running, paused, live, error, runs } = usePinnerFormerStore();
  const features = useMemo(() => (ds ? featureAvailability(ds) : []), [ds]);
  const last = runs[runs.length - 1];
  return (
    <section className="panel" aria-labelledby="panel-train-title" data-testid="panel-train">
      <header className="panel__head">
        <h1 id="panel-train-title">Train — PinnerFormer shopper embeddings</h1>
        <TrainModelSelector />
        <p className="panel__lede">
          A causal PreNorm transformer over each shopper's last M actions, trained with a sampled softmax (in-batch and random negatives, logQ
          correction) to predict what the shopper engages with in the next K days. Evaluated with protocol P2; a checkpoint is kept in this browser
          after every epoch.
        </p>
      </header>
      {!ds ? (
        <div className="notice notice--info" data-testid="train-no-data">
          Load a dataset in the Data panel first.
        </div>
      ) : (
        <>
          <section className="card">
            <div className="card__head">
              <h2>Config</h2>
              <span className="card__hint">dataset: {ds.name}</span>
            </div>
            <div className="card__body">
              <PinnerFormerConfigForm value={config} onChange={setConfig} disabled={running} />
              <h3>Item embeddings</h3>
              <p className="muted">
                A budgeted PinSage run on the events before t0 (in the PinnerFormer worker) gives the item matrix; empty fields keep the worker's budget.
              </p>
              <div className="pinsage-form" data-testid="pf-item-form">
                {PINSAGE_FIELDS.map(([key, label]) => (
                  <label key={key} className="field">
                    <span className="field__label">{label}</span>
                    <input
                      className="input"
                      type="number"
                      min={key === 'maxStepsPerEpoch' ? 0 : 1}
                      step={1}
                      disabled={running}
                      placeholder="default"
                      value={pinsage[key] === undefined ? '' : String(pinsage[key])}
                      onChange={(e) => setPinSage({ ...pinsage, [key]: e.target.value === '' ? undefined : Number(e.target.value) })}
                      data-pinsage-field={key}
                    />
                  </label>
                ))}
              </div>
              <h3>Action features on this dataset</h3>
              <ul className="p2-features" data-testid="pf-features">
                {features.map((f) => (
                  <li key={f.group} data-feature={f.group} data-available={f.available}>
                    {f.available ? '✓' : '–'} <strong>{f.group}</strong>: <span className="muted">{f.note}</span>
                  </li>
                ))}
              </ul>
              <div className="pinsage-actions">
                <button type="button" className="btn btn--primary" disabled={running} onClick={() => void startPinnerFormer()} data-testid="pf-start">
                  Start
                </button>
                <button type="button" className="btn" disabled={!running} onClick={() => void (paused ? resumePinnerFormer() : pausePinnerFormer())} data-testid="pf-pause">
                  {paused ? 'Resume' : 'Pause'}
                </button>
                <button type="button" className="btn btn--danger" disabled={!running} onClick={cancelPinnerFormer} data-testid="pf-cancel">
                  Cancel
                </button>
                <button type="button" className="btn" disabled={running} onClick={() => void forgetPinnerFormerCheckpoint()} title="Start the next run from scratch">
                  Forget checkpoint
                </button>
              </div>
              {error && (
                <div className="notice notice--bad" role="alert" data-testid="pf-error">
                  {error}
                </div>
              )}
            </div>
          </section>
          {live && (
            <section className="card" data-testid="pf-live">
              <div className="card__head">
                <h2>
                  {live.objective}: {paused ? 'paused' : live.phase}
                </h2>
                <span className="card__hint" data-testid="pf-throughput">
                  epoch {live.epoch} · step {fmt(live.step)} / {fmt(live.totalSteps)} · {fmt(live.seqsPerSecond)} seqs/s · ETA {fmt(live.etaSeconds)} s
                  {live.temperature !== undefined ? ` · τ ${live.temperature.toFixed(3)}` : ''}
                  {live.message ? ` · ${live.message}` : ''}
                </span>
              </div>
              <div className="card__body pinsage-charts">
                <LineChart title="loss" points={live.losses} color="#c0392b" testId="pf-chart-loss" />
                <LineChart title="validation Recall@10" points={live.validations} color="#2471a3" testId="pf-chart-val" />
              </div>
            </section>
          )}
          {last && (
            <section className="card" data-testid="pf-result">
              <div className="card__head">
                <h2>Last run (P2, temporal split)</h2>
                <span className="card__hint">
                  backend {last.backend} · {fmt(last.seqsPerSecond)} seqs/s · the Evaluate panel's P2 table has these rows
                </span>
              </div>
              <div className="card__body">
                <ul>
                  {last.entries.map((e, k) => (
                    <li key={k}>
                      {e.model}
                      {e.variant ? ` / ${e.variant}` : ''}
                      {e.split && e.split !== 'temporal' ? ` (${String(e.split)})` : ''}: recall@10 {f4(e.metrics['recall@10'])}, recall@10_new {f4(e.metrics['recall@10_new'])}, p90
                      coverage@10 {f4(e.metrics['p90_coverage@10'])}
                    </li>
                  ))}
                </ul>
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}
