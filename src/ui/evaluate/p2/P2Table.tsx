/** The P2 table: one row per metrics.json entry (baselines and PinnerFormer runs on the same split). */
import type { P2Row } from './p2-store';

const f4 = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(4) : '—');

function ci(e: P2Row['entry']): string {
  const c = e['recall@10_ci95'];
  return Array.isArray(c) && c.length === 2 ? `[${f4(c[0])}, ${f4(c[1])}]` : '—';
}

export function P2Table({ rows }: { rows: readonly P2Row[] }) {
  return (
    <table className="pinsage-table" data-testid="p2-table">
      <thead>
        <tr>
          <th>dataset</th>
          <th>model</th>
          <th>variant</th>
          <th>split</th>
          <th title="hits / (shopper, target) pairs, full catalogue; repeats count">recall@10</th>
          <th title="95% bootstrap interval over shoppers">95% CI</th>
          <th title="items seen before t0 removed from candidates and targets">recall@10_new</th>
          <th title="smallest share of the catalogue receiving 90% of all top-10 slots">p90 coverage@10</th>
          <th>eval shoppers</th>
          <th>target pairs</th>
          <th>new pairs</th>
          <th>items</th>
          <th>train s</th>
          <th>backend</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ dataset, backend, entry: e }, k) => (
          <tr key={k} data-model={e.model}>
            <td>{dataset}</td>
            <td>{e.model}</td>
            <td>{e.variant ?? '—'}</td>
            <td>{String(e.split ?? 'temporal')}</td>
            <td>{f4(e.metrics['recall@10'])}</td>
            <td className="mono">{ci(e)}</td>
            <td>{f4(e.metrics['recall@10_new'])}</td>
            <td>{f4(e.metrics['p90_coverage@10'])}</td>
            <td>{e.counts.eval_shoppers ?? '—'}</td>
            <td>{e.counts.target_pairs ?? '—'}</td>
            <td>{e.counts.new_pairs ?? '—'}</td>
            <td>{e.counts.items ?? '—'}</td>
            <td>{(e.seconds.train ?? 0).toFixed(1)}</td>
            <td>{backend}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
