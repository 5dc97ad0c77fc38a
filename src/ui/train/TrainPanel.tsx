/**
 * Train panel: PinSage on the current dataset. Config form from the schema, start / pause /
 * cancel, live loss and validation Recall@10 (uPlot), throughput and ETA. Training runs in the
 * PinSage worker; a checkpoint is stored after every epoch and Start resumes from it.
 */
import { useDataStore } from '../../state/data-store';
import { currentDataset } from '../../state/data-current';
import { ConfigForm } from './ConfigForm';
import { LineChart } from './LineChart';
import { cancelTraining, forgetCheckpoint, pauseTraining, resumeTraining, startTraining } from './pinsage-actions';
import { useTrainStore } from './train-store';
import './train.css';
import { useTrainModel } from './pinnerformer/model-choice';
import { PinnerFormerTrainPanel } from './pinnerformer/PinnerFormerTrainPanel';
import { TrainModelSelector } from './pinnerformer/TrainModelSelector';

const fmt = (x: number, d = 0): string => (Number.isFinite(x) ? x.toLocaleString(undefined, { maximumFractionDigits: d }) : '—');

export function TrainPanel() {
  return useTrainModel((s) => s.model) === 'pinnerformer' ? <PinnerFormerTrainPanel /> : <PinSageTrainPanel />;
}

function PinSageTrainPanel() {
  useDataStore((s) => s.datasetVersion);
  const ds = currentDataset();
  const { config, setConfig, running, paused, live, error, runs } = useTrainStore();
  const last = runs[runs.length - 1];
  return (
    <section className="panel" aria-labelledby="panel-train-title" data-testid="panel-train">
      <header className="panel__head">
        <h1 id="panel-train-title">Train — PinSage item embeddings</h1>
        <TrainModelSelector />
        <p className="panel__lede">
          Graph convolutions over walk neighbourhoods, max-margin loss with shared and curriculum hard negatives. Evaluated with protocol P1 on the
          dataset's time split; a checkpoint is kept in this browser after every epoch.
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
              <ConfigForm value={config} onChange={setConfig} disabled={running} />
              <div className="pinsage-actions">
                <button type="button" className="btn btn--primary" disabled={running} onClick={() => void startTraining()} data-testid="train-start">
                  Start
                </button>
                <button type="button" className="btn" disabled={!running} onClick={() => void (paused ? resumeTraining() : pauseTraining())} data-testid="train-pause">
                  {paused ? 'Resume' : 'Pause'}
                </button>
                <button type="button" className="btn btn--danger" disabled={!running} onClick={cancelTraining} data-testid="train-cancel">
                  Cancel
                </button>
                <button type="button" className="btn" disabled={running} onClick={() => void forgetCheckpoint()} title="Start the next run from scratch">
                  Forget checkpoint
                </button>
              </div>
              {error && (
                <div className="notice notice--error" role="alert" data-testid="train-error">
                  {error}
                </div>
              )}
            </div>
          </section>
          {live && (
            <section className="card" data-testid="train-live">
              <div className="card__head">
                <h2>
                  {live.variant}: {paused ? 'paused' : live.phase}
                </h2>
                <span className="card__hint" data-testid="train-throughput">
                  epoch {live.epoch} · step {fmt(live.step)} / {fmt(live.totalSteps)} · {fmt(live.pairsPerSecond)} pairs/s · ETA {fmt(live.etaSeconds)} s
                  {live.message ? ` · ${live.message}` : ''}
                </span>
              </div>
              <div className="card__body pinsage-charts">
                <LineChart title="loss" points={live.losses} color="#c0392b" testId="chart-loss" />
                <LineChart title="validation Recall@10" points={live.validations} color="#2471a3" testId="chart-val" />
              </div>
            </section>
          )}
          {last && (
            <section className="card" data-testid="train-result">
              <div className="card__head">
                <h2>Last run (P1, test split)</h2>
                <span className="card__hint">backend {last.backend}</span>
              </div>
              <div className="card__body">
                <ul>
                  {last.entries.map((e) => (
                    <li key={e.model + (e.variant ?? '')}>
                      {e.model}
                      {e.variant ? ` / ${e.variant}` : ''}: Recall@10 {e.metrics['recall@10'].toFixed(4)}, Recall@50 {e.metrics['recall@50'].toFixed(4)}, MRR{' '}
                      {e.metrics.mrr.toFixed(4)}
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
