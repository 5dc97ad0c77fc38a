/**
 * The Feeds panel (Pfeed): compose every shopper's feed from the lookup table of an "X for you"
 * target set, pick a shopper, read their recent actions and their feed with explanation chips,
 * switch the target set, and show one feed full screen (demo mode).
 */
import { useCallback, useMemo } from 'react';
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { useFeedsStore } from '../../state/feeds-store';
import { formatBytes, formatCount } from '../shell/format';
import { cancelFeeds, clearFileSimo, composeFeeds, randomShopper, selectShopper, setDemo, setEncoder, switchTargetSet } from './feeds-actions';
import { EncoderNote } from './EncoderNote';
import { ShopperPicker } from './ShopperPicker';
import { Timeline } from './Timeline';
import { FeedCards } from './FeedCards';
import { DemoMode } from './DemoMode';
import type { TargetSetRuleInput } from '../../core/feeds/target-sets';
import './feeds.css';

export function FeedsPanel() {
  const version = useDataStore((s) => s.datasetVersion);
  const dataJob = useDataStore((s) => s.job);
  const ds = useMemo(() => currentDataset(), [version]);
  const st = useFeedsStore();
  const leave = useCallback(() => setDemo(false), []);

  if (!ds) {
    return (
      <section className="panel" aria-labelledby="panel-feeds-title" data-testid="panel-feeds">
        <header className="panel__head">
          <h1 id="panel-feeds-title">Feeds</h1>
        </header>
        <div className="notice notice--info" data-testid="feeds-no-data">
          {dataJob ? 'A dataset is loading…' : 'No dataset is loaded. Load one in the Data panel (e.g. the bundled Online Retail) to compose feeds.'}
        </div>
      </section>
    );
  }

  const fresh = st.composedFor === version;
  const sum = fresh ? st.summary : null;
  const view = fresh && st.view && st.view.shopper === st.selected ? st.view : null;
  return (
    <section className="panel feeds-panel" aria-labelledby="panel-feeds-title" data-testid="panel-feeds">
      <header className="panel__head">
        <h1 id="panel-feeds-title">Feeds</h1>
        <p className="panel__lede">
          Pfeed: a shopper is the items they viewed and bought. Every item’s best targets are precomputed per role (the lookup table), so a
          feed is composed without running a model, and every card says which of the shopper’s own items produced it.
        </p>
      </header>

      <section className="card">
        <div className="card__body feeds-status">
          <label className="field">
            <span className="field__label">Role embeddings</span>
            <select
              className="select"
              value={st.encoderKind}
              disabled={st.busy !== null}
              onChange={(e) => setEncoder(e.target.value === 'standin' ? 'standin' : 'simo')}
              data-testid="feeds-encoder"
            >
              <option value="simo">SIMO, trained here</option>
              <option value="standin">Stand-in (no model)</option>
            </select>
          </label>
          {st.encoderKind === 'simo' && (
            <label className="field">
              <span className="field__label">SIMO steps</span>
              <input
                className="input"
                type="number"
                min={1}
                max={100000}
                step={10}
                value={st.simoSteps}
                disabled={st.busy !== null}
                onChange={(e) => {
                  const v = Math.round(Number(e.target.value));
                  if (Number.isFinite(v) && v >= 1) setEncoder('simo', v);
                }}
                data-testid="feeds-simo-steps"
              />
            </label>
          )}
          <button type="button" className="btn btn--primary" disabled={st.busy !== null} onClick={() => void composeFeeds((st.fileSimo?.rule as TargetSetRuleInput | undefined) ?? sum?.targetSet.rule ?? { kind: 'all' })} data-testid="feeds-compose">
            {sum ? 'Recompose feeds' : 'Compose feeds'}
          </button>
          {sum && (
            <label className="field feeds-status__set">
              <span className="field__label">“X for you”</span>
              <select
                className="select"
                value={sum.targetSet.name}
                disabled={st.busy !== null}
                onChange={(e) => {
                  const c = sum.choices.find((x) => x.name === e.target.value);
                  if (c) void switchTargetSet(c.rule);
                }}
                data-testid="feeds-target-set"
              >
                {sum.choices.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.title} ({formatCount(c.size)} items)
                  </option>
                ))}
              </select>
            </label>
          )}
          {st.busy && (
            <span data-testid="feeds-busy">
              {st.busy}
              {st.progress ? ` · ${st.progress.note ? `${st.progress.note} · ` : ''}${Math.round((100 * st.progress.done) / Math.max(1, st.progress.total))} %` : '…'}{' '}
              <button type="button" className="btn btn--danger btn--small" onClick={cancelFeeds}>
                Cancel
              </button>
            </span>
          )}
          {sum && !st.busy && (
            <span
              className="muted"
              data-testid="feeds-summary"
              data-shoppers={sum.shoppers}
              data-empty={sum.emptyFeeds}
              data-view-queries={sum.viewQueries}
              data-buy-queries={sum.buyQueries}
              data-k={sum.k}
            >
              <strong>{formatCount(sum.shoppers)}</strong> feeds of {sum.config.length}
              {sum.emptyFeeds > 0 ? ` (${formatCount(sum.emptyFeeds)} empty)` : ''} from {formatCount(sum.targetSet.size)} indexed items ·
              lookup table {formatCount(sum.viewQueries)} view-queries + {formatCount(sum.buyQueries)} buy-queries × top-{sum.k} (
              {formatBytes(sum.tableBytes)}) in {sum.seconds.index.toFixed(2)} s · feeds in {sum.seconds.feeds.toFixed(2)} s
            </span>
          )}
        </div>
        {st.fileSimo && st.encoderKind === 'simo' && (
          <div className="notice notice--info" data-testid="feeds-file-config">
            SIMO config and target set “{String(st.fileSimo.rule.kind)}” from <span className="mono">{st.fileSimo.file}</span> (its pfeed stage): d
            {String(st.fileSimo.config.hidden)}, {String(st.fileSimo.config.layers)} layer{st.fileSimo.config.layers === 1 ? '' : 's'}, {String(st.fileSimo.config.epochs)} epochs, seed{' '}
            {String(st.fileSimo.config.seed)}; the steps field sets the budget.{' '}
            <button type="button" className="btn btn--small" disabled={st.busy !== null} onClick={clearFileSimo} data-testid="feeds-file-config-clear">
              Use the panel's settings
            </button>
          </div>
        )}
        {sum && !sum.hasViews && (
          <div className="notice notice--info" data-testid="feeds-note-buybuy">
            Buy-buy only: this dataset has no views, so every query is a purchase (buy-query role) and every explanation reads “because you
            bought …”.
          </div>
        )}
        {sum && <EncoderNote info={sum.encoder} />}
        {sum && sum.encoder.kind === 'simo' && st.run && (
          <div className="notice notice--info" data-testid="feeds-simo-run">
            SIMO run {st.run.recordId ? 'recorded in the Runs panel' : ''}: P3 Recall@10 on the held-out test pairs{' '}
            {st.run.report.entries.filter((e) => e.complexity === undefined).map((e) => `${String(e.relation)} ${(e.metrics['recall@10'] ?? NaN).toFixed(4)}`).join(' · ') || '—'}. The lookup tables and
            feeds download as Parquet and JSON lines from the <a href="#export">Export panel</a>.
          </div>
        )}
      </section>

      {st.error && (
        <div className="notice notice--bad" role="alert" data-testid="feeds-error">
          {st.error}
        </div>
      )}

      {sum && (
        <>
          <div className="graph-top">
            <ShopperPicker ds={ds} shoppers={st.shoppers} onSelect={(s) => void selectShopper(s)} onRandom={randomShopper} />
            <button type="button" className="btn" disabled={!view?.feed} onClick={() => setDemo(true)} data-testid="feeds-demo-enter">
              Demo mode
            </button>
          </div>
          <div className="feeds-main">
            <section className="card feeds-main__side" aria-label="Recent actions">
              <div className="card__head">
                <h2>Recent actions</h2>
                {view && (
                  <span className="card__hint mono" data-testid="feeds-shopper">
                    {ds.shoppers[view.shopper]}
                  </span>
                )}
              </div>
              <div className="card__body">{view ? <Timeline ds={ds} entries={view.timeline} total={view.events} /> : <p className="muted">Pick a shopper.</p>}</div>
            </section>
            <section className="card feeds-main__feed" aria-label="Feed">
              <div className="card__head">
                <h2 data-testid="feeds-title">{sum.targetSet.title}</h2>
                {view?.feed && (
                  <span className="card__hint">
                    from {view.feed.queries} query items ({view.feed.queriesInTable} in the table)
                  </span>
                )}
              </div>
              <div className="card__body">{view ? view.feed ? <FeedCards ds={ds} items={view.feed.items} /> : <p className="muted">No feed for this shopper.</p> : null}</div>
            </section>
          </div>
        </>
      )}
      {st.demo && view?.feed && sum && <DemoMode ds={ds} feed={view.feed} title={sum.targetSet.title} onLeave={leave} />}
    </section>
  );
}
