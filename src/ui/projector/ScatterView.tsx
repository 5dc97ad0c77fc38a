/**
 * The WebGL scatter: positions in device coordinates, one colour per point, pan (drag) and zoom
 * (wheel), hover and click through a hit grid (core/projector/point-grid), Shift + drag lasso.
 * Reports the time of each full draw (upload + render until the GPU is done) and exposes screen
 * positions for tests.
 *
 * Where one frame of all points takes longer than a display frame (software WebGL such as
 * SwiftShader, weak integrated GPUs: measured on every upload), a pan or zoom moves the last drawn
 * bitmap with a CSS transform (the compositor's work, independent of the point count) and the points
 * are drawn again once the gesture rests (150 ms after the last wheel step, or on release): the view
 * follows the hand at display rate, at the price of blank edges while dragging. With a fast GPU
 * every pan / zoom step is a real frame.
 */
import { useEffect, useRef, useState } from 'react';
import { buildPointGrid, nearestPoint, pointsInPolygon, type ColourValues, type PointGrid } from '../../core/projector';
import { pointColours } from './palette';
import { PointRenderer, type View } from './webgl-points';

export interface ScatterViewProps {
  x: Float32Array;
  y: Float32Array;
  colour: ColourValues;
  /** Scatter indices to draw on top, ringed (the clicked point and its neighbours). */
  highlight: number[];
  onHover: (j: number | null) => void;
  /** One index: a click on a point; several: a lasso; none: a click on the background or Esc. */
  onSelect: (js: number[]) => void;
  onDrawn: (ms: number) => void;
}

export interface ProjectorTestHook {
  /** Client (page) coordinates of scatter point j. */
  screenPosition(j: number): [number, number] | null;
  points(): number;
  /** 'direct': every pan / zoom step draws; 'composited': steps move the last bitmap (slow WebGL). */
  drawMode(): 'direct' | 'composited';
  /** The last measured time of one frame of all points, ms (drawn and waited for). */
  frameMs(): number;
}

declare global {
  interface Window {
    __kloaProjector?: ProjectorTestHook;
  }
}

const HIT_PX = 6;
/** A frame slower than this (ms) switches pan / zoom to moving the drawn bitmap. */
const SLOW_FRAME_MS = 12;
/** After the last wheel step, draw the points again after this long (ms). */
const SETTLE_MS = 150;

export function ScatterView({ x, y, colour, highlight, onHover, onSelect, onDrawn }: ScatterViewProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<PointRenderer | null>(null);
  const grid = useRef<PointGrid | null>(null);
  const frame = useRef(0);
  const size = useRef({ w: 1, h: 1 });
  /** The view of the bitmap on screen, and whether pan / zoom move it instead of drawing. */
  const drawnView = useRef<View>({ zoom: 1, panX: 0, panY: 0 });
  const frameMs = useRef(0);
  const settle = useRef(0);
  const [lasso, setLasso] = useState<[number, number][] | null>(null);
  const [glError, setGlError] = useState<string | null>(null);
  const handlers = useRef({ onHover, onSelect, onDrawn });
  handlers.current = { onHover, onSelect, onDrawn };

  const drawNow = (): void => {
    const r = renderer.current;
    if (!r) return;
    r.draw();
    drawnView.current = { ...r.view };
    r.canvas.style.transform = '';
  };
  const schedule = (): void => {
    if (settle.current) clearTimeout(settle.current);
    settle.current = 0;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (frameMs.current <= SLOW_FRAME_MS) return drawNow();
      // composited mode: time this frame too, so a first slow frame (shader compile) does not stick
      const f0 = performance.now();
      drawNow();
      renderer.current?.finish();
      frameMs.current = performance.now() - f0;
    });
  };
  /** The view moved: draw it, or (slow WebGL) move the drawn bitmap now and draw once it rests. */
  const viewChanged = (rest: boolean): void => {
    const r = renderer.current;
    if (!r) return;
    if (frameMs.current <= SLOW_FRAME_MS) return schedule();
    const { k, tx, ty } = r.bitmapTransform(drawnView.current, r.view, size.current.w, size.current.h);
    r.canvas.style.transform = `translate(${tx}px, ${ty}px) scale(${k})`;
    if (settle.current) clearTimeout(settle.current);
    settle.current = rest ? window.setTimeout(schedule, SETTLE_MS) : 0;
  };

  useEffect(() => {
    const c = canvas.current;
    const w = wrap.current;
    if (!c || !w) return;
    let r: PointRenderer;
    try {
      r = new PointRenderer(c);
    } catch (e) {
      setGlError(e instanceof Error ? e.message : String(e));
      return;
    }
    renderer.current = r;
    const fit = (): void => {
      // the canvas's layout box (CSS transforms do not change it; the wrapper's border is outside it)
      size.current = { w: Math.max(1, c.clientWidth), h: Math.max(1, c.clientHeight) };
      r.resize(size.current.w, size.current.h);
      schedule();
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(w);

    /** The canvas's top-left in client coordinates, from the untransformed wrapper (a moved bitmap must not move it). */
    const origin = (): [number, number] => {
      const b = w.getBoundingClientRect();
      return [b.left + w.clientLeft, b.top + w.clientTop];
    };
    const local = (e: MouseEvent): [number, number] => {
      const [ox, oy] = origin();
      return [e.clientX - ox, e.clientY - oy];
    };
    const hitRadius = (): number => ((HIT_PX / size.current.w) * 2) / r.scale()[0];
    const pick = (px: number, py: number): number => {
      const g = grid.current;
      if (!g) return -1;
      const [lx, ly] = r.toLayout(px, py, size.current.w, size.current.h);
      return nearestPoint(g, lx, ly, hitRadius());
    };
    let down: { px: number; py: number; panX: number; panY: number; lasso: boolean; moved: boolean } | null = null;
    let path: [number, number][] = [];
    let hovered = -1;
    const onDown = (e: MouseEvent): void => {
      const [px, py] = local(e);
      down = { px, py, panX: r.view.panX, panY: r.view.panY, lasso: e.shiftKey, moved: false };
      path = e.shiftKey ? [[px, py]] : [];
    };
    const onMove = (e: MouseEvent): void => {
      const [px, py] = local(e);
      if (down) {
        if (Math.hypot(px - down.px, py - down.py) > 3) down.moved = true;
        if (down.lasso) {
          path.push([px, py]);
          setLasso([...path]);
        } else if (down.moved) {
          r.view.panX = down.panX + ((px - down.px) / size.current.w) * 2;
          r.view.panY = down.panY - ((py - down.py) / size.current.h) * 2;
          viewChanged(false);
        }
        return;
      }
      const inside = px >= 0 && py >= 0 && px <= size.current.w && py <= size.current.h;
      const j = inside ? pick(px, py) : -1;
      if (j !== hovered) {
        hovered = j;
        handlers.current.onHover(j >= 0 ? j : null);
      }
    };
    const onUp = (e: MouseEvent): void => {
      if (!down) return;
      const [px, py] = local(e);
      if (down.lasso && path.length > 2) {
        const g = grid.current;
        const poly = path.map(([qx, qy]) => r.toLayout(qx, qy, size.current.w, size.current.h));
        if (g) handlers.current.onSelect(pointsInPolygon(g, poly));
      } else if (!down.moved) {
        const j = pick(px, py);
        handlers.current.onSelect(j >= 0 ? [j] : []);
      } else schedule(); // the end of a drag: the real frame
      down = null;
      path = [];
      setLasso(null);
    };
    const onLeave = (): void => {
      if (hovered >= 0) handlers.current.onHover(null);
      hovered = -1;
    };
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const [px, py] = local(e);
      const [lx, ly] = r.toLayout(px, py, size.current.w, size.current.h);
      r.view.zoom = Math.min(200, Math.max(0.5, r.view.zoom * Math.exp(-e.deltaY * 0.0015)));
      // keep the layout point under the cursor
      const [sx, sy] = r.scale();
      r.view.panX = (px / size.current.w) * 2 - 1 - lx * sx;
      r.view.panY = 1 - (py / size.current.h) * 2 - ly * sy;
      viewChanged(true);
    };
    const onDbl = (): void => {
      r.view = { zoom: 1, panX: 0, panY: 0 };
      handlers.current.onSelect([]);
      schedule();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') handlers.current.onSelect([]);
    };
    c.addEventListener('mousedown', onDown);
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
    c.addEventListener('mouseleave', onLeave);
    c.addEventListener('wheel', onWheel, { passive: false });
    c.addEventListener('dblclick', onDbl);
    window.addEventListener('keydown', onKey);
    window.__kloaProjector = {
      screenPosition: (j) => {
        const g = grid.current;
        if (!g || j < 0 || j >= g.x.length) return null;
        const [ox, oy] = origin();
        const [sx, sy] = r.toScreen(g.x[j], g.y[j], size.current.w, size.current.h);
        return [ox + sx, oy + sy];
      },
      points: () => grid.current?.x.length ?? 0,
      drawMode: () => (frameMs.current > SLOW_FRAME_MS ? 'composited' : 'direct'),
      frameMs: () => frameMs.current,
    };
    return () => {
      ro.disconnect();
      c.removeEventListener('mousedown', onDown);
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      c.removeEventListener('mouseleave', onLeave);
      c.removeEventListener('wheel', onWheel);
      c.removeEventListener('dblclick', onDbl);
      window.removeEventListener('keydown', onKey);
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
      if (settle.current) clearTimeout(settle.current);
      settle.current = 0;
      r.dispose();
      renderer.current = null;
      delete window.__kloaProjector;
    };
  }, []);

  useEffect(() => {
    const r = renderer.current;
    if (!r) return;
    const t0 = performance.now();
    grid.current = buildPointGrid(x, y);
    r.setPoints(x, y, pointColours(colour));
    const f0 = performance.now();
    drawNow();
    r.finish();
    const t1 = performance.now();
    frameMs.current = t1 - f0;
    handlers.current.onDrawn(t1 - t0);
  }, [x, y, colour]);

  useEffect(() => {
    const r = renderer.current;
    if (!r) return;
    r.setHighlight(highlight);
    schedule();
  }, [highlight]);

  return (
    <div className="projector-canvas" ref={wrap} data-testid="projector-canvas">
      <canvas ref={canvas} />
      {lasso && (
        <svg className="projector-lasso" width="100%" height="100%">
          <polyline points={lasso.map(([a, b]) => `${a},${b}`).join(' ')} />
        </svg>
      )}
      {glError && (
        <div className="notice notice--bad projector-gl-error" role="alert">
          {glError}
        </div>
      )}
    </div>
  );
}
