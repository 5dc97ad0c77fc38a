/**
 * Run comparison (issue #9 point 2): the chosen runs' configs — only the keys whose values differ,
 * highlighted —, their metrics side by side, and their loss and validation Recall@10 curves overlaid.
 */
import { useMemo } from 'react';
import { diffConfigs } from '../../core/run-records/config-diff';
import type { RunRecord } from '../../core/run-records/types';
import type { MetricsEntry } from '../../core/eval/metrics-json';
import { OverlayChart, RUN_COLORS } from './OverlayChart';

/** What a run's comparable config holds: the model config plus the facts that change its numbers. */
function comparable(r: RunRecord): Record<string, unknown> {
  return { model: r.model, dataset: r.dataset.name, datasetHash: r.dataset.hash ?? '', backend: r.backend.name, config: r.config, ...(r.itemOverrides ? { itemEmbeddings: r.itemOverrides } : {}) };
}

/** An entry's row label: protocol, model, variant and (P3) relation and complexity class. */
const entryLabel = (e: MetricsEntry): string =>
  `${e.protocol} ${e.model}${e.variant ? ' / ' + e.variant : ''}${typeof e.relation === 'string' ? ' ' + e.relation : ''}${typeof e.complexity === 'string' ? ' (' + e.complexity + ')' : ''}`;

const num = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(4));

export function RunCompare({ runs }: { runs: RunRecord[] }) {
  const diff = useMemo(() => diffConfigs(runs.map(comparable)), [runs]);
  // metric rows: every (entry, metric) any run has, entries named model / variant
  const rows = useMemo(() => {
    const keys: { entry: string; metric: string }[] = [];
    const seen = new Set<string>();
    for (const r of runs)
      for (const e of r.entries) {
        const entry = entryLabel(e);
        for (const m of Object.keys(e.metrics)) {
          const k = `${entry}\u0000${m}`;
          if (!seen.has(k)) {
            seen.add(k);
            keys.push({ entry, metric: m });
          }
        }
      }
    const value = (r: RunRecord, entry: string, metric: string): number | undefined => r.entries.find((e) => entryLabel(e) === entry)?.metrics[metric];
    return keys.map((k) => ({ ...k, values: runs.map((r) => value(r, k.entry, k.metric)) }));
  }, [runs]);
  const head = (
    <tr>
      <th />
      {runs.map((r, i) => (
        <th key={r.id} style={{ color: RUN_COLORS[i % RUN_COLORS.length] }}>
          {r.name}
        </th>
      ))}
    </tr>
  );
  return (
    <section className="card" data-testid="runs-compare">
      <div className="card__head">
        <h2>Comparison of {runs.length} runs</h2>
        <span className="card__hint">only the config keys that differ are listed</span>
      </div>
      <div className="card__body stack">
        <h3>Config differences</h3>
        {diff.length === 0 ? (
          <p className="muted" data-testid="runs-diff-none">
            The configs are identical (same model config, dataset and backend).
          </p>
        ) : (
          <div className="table-scroll">
            <table className="table table--compact runs-diff" data-testid="runs-diff">
              <thead>{head}</thead>
              <tbody>
                {diff.map((d) => (
                  <tr key={d.key} data-key={d.key}>
                    <th className="mono">{d.key}</th>
                    {d.values.map((v, i) => (
                      <td key={i} className="mono runs-diff__changed">
                        {v ?? '(absent)'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Metrics</h3>
        <div className="table-scroll">
          <table className="table table--compact" data-testid="runs-metrics">
            <thead>{head}</thead>
            <tbody>
              {rows.map((row) => {
                const fin = row.values.filter((v): v is number => v !== undefined && Number.isFinite(v));
                const best = fin.length > 1 ? Math.max(...fin) : undefined;
                return (
                  <tr key={row.entry + row.metric}>
                    <th>
                      {row.entry} <span className="mono">{row.metric}</span>
                    </th>
                    {row.values.map((v, i) => (
                      <td key={i} className={v !== undefined && v === best && fin.some((x) => x !== best) ? 'runs-best' : undefined}>
                        {num(v)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              <tr>
                <th>wall time (s)</th>
                {runs.map((r) => (
                  <td key={r.id}>{num(r.timings.wallSeconds ?? undefined)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <h3>Training curves</h3>
        <div className="runs-charts">
          <OverlayChart title="loss" series={runs.map((r) => ({ label: r.name, points: r.curves.loss }))} testId="runs-chart-loss" />
          <OverlayChart title="validation Recall@10" series={runs.map((r) => ({ label: r.name, points: r.curves.validation }))} testId="runs-chart-val" />
        </div>
      </div>
    </section>
  );
}
