/**
 * The WebGL scatter (regl-scatterplot): positions in device coordinates, one colour value per
 * point, hover and select (click or Shift + drag lasso) events as scatter indices. Measures the
 * time of each full draw (upload + render) and exposes screen positions for tests.
 */
import { useEffect, useRef } from 'react';
import createScatterplot from 'regl-scatterplot';
import type { ColourValues } from '../../core/projector';
import { categoricalColours, rampColours } from './palette';

type Scatterplot = ReturnType<typeof createScatterplot>;

export interface ScatterViewProps {
  x: Float32Array;
  y: Float32Array;
  colour: ColourValues;
  /** Scatter indices to highlight (neighbours, search hits); the view does not emit select for them. */
  highlight: number[];
  onHover: (j: number | null) => void;
  onSelect: (js: number[]) => void;
  onDrawn: (ms: number) => void;
}

export interface ProjectorTestHook {
  screenPosition(j: number): [number, number] | null;
  points(): number;
}

declare global {
  interface Window {
    __kloaProjector?: ProjectorTestHook;
  }
}

export function ScatterView({ x, y, colour, highlight, onHover, onSelect, onDrawn }: ScatterViewProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const plot = useRef<Scatterplot | null>(null);
  const handlers = useRef({ onHover, onSelect, onDrawn });
  handlers.current = { onHover, onSelect, onDrawn };
  const highlighted = useRef<number[]>(highlight);
  highlighted.current = highlight;

  useEffect(() => {
    const c = canvas.current;
    const w = wrap.current;
    if (!c || !w) return;
    const { width, height } = w.getBoundingClientRect();
    const sp = createScatterplot({ canvas: c, width: Math.max(1, width), height: Math.max(1, height), pointSize: 3, pointSizeSelected: 3, pointOutlineWidth: 1, opacityInactiveMax: 0.6, backgroundColor: '#ffffff' });
    plot.current = sp;
    sp.subscribe('pointOver', (j: number) => handlers.current.onHover(j));
    sp.subscribe('pointOut', () => handlers.current.onHover(null));
    sp.subscribe('select', ({ points }: { points: number[] }) => handlers.current.onSelect(points));
    sp.subscribe('deselect', () => handlers.current.onSelect([]));
    const ro = new ResizeObserver(() => {
      const r = w.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) sp.set({ width: r.width, height: r.height });
    });
    ro.observe(w);
    window.__kloaProjector = {
      screenPosition: (j) => {
        const p = sp.getScreenPosition(j);
        if (!p) return null;
        const r = c.getBoundingClientRect();
        return [r.left + p[0], r.top + p[1]];
      },
      points: () => (plot.current === sp ? currentCount.current : 0),
    };
    return () => {
      ro.disconnect();
      sp.destroy();
      plot.current = null;
      if (window.__kloaProjector) delete window.__kloaProjector;
    };
  }, []);

  const currentCount = useRef(0);
  useEffect(() => {
    const sp = plot.current;
    if (!sp) return;
    const t0 = performance.now();
    const colours = colour.type === 'categorical' ? categoricalColours(colour.classes) : rampColours();
    sp.set({ colorBy: 'valueA', pointColor: colours });
    currentCount.current = x.length;
    void sp.draw({ x, y, valueA: colour.values }, { zDataType: colour.type }).then(() => {
      if (highlighted.current.length) sp.select(highlighted.current, { preventEvent: true });
      // one more frame: the time until the points are on screen
      requestAnimationFrame(() => handlers.current.onDrawn(performance.now() - t0));
    });
  }, [x, y, colour]);

  useEffect(() => {
    const sp = plot.current;
    if (!sp) return;
    if (highlight.length) sp.select(highlight, { preventEvent: true });
    else sp.deselect({ preventEvent: true });
  }, [highlight]);

  return (
    <div className="projector-canvas" ref={wrap} data-testid="projector-canvas">
      <canvas ref={canvas} />
    </div>
  );
}
