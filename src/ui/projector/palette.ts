/** Colour maps of the projector: 20 categorical colours (cycled) and a 32-step viridis-like ramp, as RGBA bytes per point. */
import type { ColourValues } from '../../core/projector';

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

const hexRgb = (h: string): [number, number, number] => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const CAT_RGB = CATEGORICAL.map(hexRgb);

function ramp(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, t)) * (RAMP_STOPS.length - 1);
  const a = Math.min(RAMP_STOPS.length - 2, Math.floor(u));
  const f = u - a;
  return [0, 1, 2].map((k) => Math.round(RAMP_STOPS[a][k] + (RAMP_STOPS[a + 1][k] - RAMP_STOPS[a][k]) * f)) as [number, number, number];
}

/** RGBA bytes of each point for its colour value. */
export function pointColours(c: ColourValues): Uint8Array {
  const n = c.values.length;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const rgb = c.type === 'categorical' ? CAT_RGB[c.values[i] % CAT_RGB.length] : ramp(c.values[i]);
    out[i * 4] = rgb[0];
    out[i * 4 + 1] = rgb[1];
    out[i * 4 + 2] = rgb[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}
