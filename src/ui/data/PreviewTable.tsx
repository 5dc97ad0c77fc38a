import type { MappingKey } from '../../core/data/load';

interface Props {
  columns: string[];
  rows: string[][];
  mapping: Partial<Record<MappingKey, string>>;
  maxRows?: number;
}

/** The first rows of the file, with the field each column is mapped to above its name. */
export function PreviewTable({ columns, rows, mapping, maxRows = 8 }: Props) {
  const fieldOf = new Map<string, string>();
  for (const [k, v] of Object.entries(mapping)) if (v) fieldOf.set(v, k);
  return (
    <div className="table-scroll" style={{ border: '1px solid var(--border)', borderRadius: 'var(--radius)' }}>
      <table className="table table--compact preview-table" data-testid="file-preview">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>
                <div style={{ color: fieldOf.has(c) ? 'var(--accent)' : 'var(--text-3)', fontSize: 11 }}>{fieldOf.get(c) ?? 'unused'}</div>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, maxRows).map((r, i) => (
            <tr key={i}>
              {columns.map((c, j) => (
                <td key={c} title={r[j]}>
                  {r[j] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
