/** Colour maps of the projector: 20 categorical colours (cycled) and a 32-step viridis-like ramp. */
const CATEGORICAL = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
];

const RAMP_STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function categoricalColours(classes: number): string[] {
  return Array.from({ length: Math.max(1, classes) }, (_, i) => CATEGORICAL[i % CATEGORICAL.length]);
}

export function rampColours(steps = 32): string[] {
  const out: string[] = [];
  for (let i = 0; i < steps; i++) {
    const t = (i / (steps - 1)) * (RAMP_STOPS.length - 1);
    const a = Math.min(RAMP_STOPS.length - 2, Math.floor(t));
    const f = t - a;
    const c = RAMP_STOPS[a].map((v, k) => Math.round(v + (RAMP_STOPS[a + 1][k] - v) * f));
    out.push(`#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`);
  }
  return out;
}
