/** Number and size formatting shared by the shell and panels (en-GB style grouping: 541,909). */
const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return Number.isFinite(n) ? int.format(n) : '—';
}

/** 1.2k, 3.4M: for tight spaces (chart axes). */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return one.format(n / 1e9) + 'G';
  if (a >= 1e6) return one.format(n / 1e6) + 'M';
  if (a >= 1e4) return int.format(n / 1e3) + 'k';
  if (a >= 1e3) return one.format(n / 1e3) + 'k';
  return one.format(n);
}

export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return '—';
  if (b >= 1e9) return `${one.format(b / 1e9)} GB`;
  if (b >= 1e6) return `${one.format(b / 1e6)} MB`;
  if (b >= 1e3) return `${one.format(b / 1e3)} kB`;
  return `${int.format(b)} B`;
}

export function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${one.format(x * 100)}%` : '—';
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function formatDate(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '—';
}
