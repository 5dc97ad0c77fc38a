// Projector benchmarks (not among PROTOCOLS.md's fixed names; issue #9 point 1), in this browser:
//   projector.frame_ms.50k  — median time of one frame at 50,000 points (pan / zoom: uniforms only),
//                             drawn and waited for (readPixels), with the panel's WebGL2 renderer
//   projector.frame_ms.empty — the same frame with no points (clear + readPixels wait)
//   projector.upload_ms.50k — a full draw after new points: hit grid + colours + upload + frame
//   projector.pca_s.50k     — PCA of 50,000 × 64 in the projector worker (tfjs backend it chose)
//   projector.umap_s.5k     — UMAP of the seeded 5,000-point sample of the same set (200 epochs, as the panel)
//   projector.knn_ms.50k    — exact cosine top-10 of one point over all 50,000 (batched matmul)
//   projector.gesture_frame_ms.50k — median interval between animation frames while the panel's own
//                             scatter view (ScatterView, React) is dragged and wheel-zoomed at 50,000
//                             points: what the hand sees (16.7 ms = every display frame)
// On a machine without a GPU Chromium draws WebGL with SwiftShader (software): the renderer
// string is in the notes, and frame times there are CPU rasterisation, not a GPU's.
import type { BenchCase, BenchEntry } from '../types';
import { median } from '../shared';
import { buildPointGrid, colourValues, plantedVectorAttributes, toDeviceCoords } from '../../src/core/projector';
import { WorkerClient } from '../../src/runtime/worker-client';
import type { ProjectorJobs } from '../../workers/projector.worker';
import { pointColours } from '../../src/ui/projector/palette';
import { PointRenderer } from '../../src/ui/projector/webgl-points';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ScatterView } from '../../src/ui/projector/ScatterView';
import type { ColourValues } from '../../src/core/projector';

const N = 50_000;
const DIM = 64;
const FRAMES = 30;

function rendererName(gl: WebGL2RenderingContext): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** Times of FRAMES pan / zoom frames (uniforms only), each drawn and waited for. */
function timeFrames(r: PointRenderer): number[] {
  const times: number[] = [];
  for (let f = 0; f < FRAMES; f++) {
    r.view = { zoom: 1 + f / 10, panX: Math.sin(f) * 0.1, panY: Math.cos(f) * 0.1 };
    const t0 = performance.now();
    r.draw();
    r.finish();
    times.push(performance.now() - t0);
  }
  return times;
}

const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

/**
 * The panel's scatter view at 1000 × 700 CSS px: 40 frames of dragging (one mousemove per frame),
 * then 40 of wheel zoom (one wheel step per frame); the intervals between animation frames.
 */
async function gestureFrames(x: Float32Array, y: Float32Array, colour: ColourValues): Promise<{ drag: number[]; wheel: number[]; mode: string; frameMs: number }> {
  const style = document.createElement('style');
  style.textContent = '.projector-canvas{position:relative;width:1000px;height:700px;overflow:hidden}.projector-canvas canvas{display:block;width:100%;height:100%;transform-origin:0 0}';
  document.head.appendChild(style);
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  let drawn = (): void => undefined;
  const ready = new Promise<void>((r) => (drawn = r));
  root.render(createElement(ScatterView, { x, y, colour, highlight: [], onHover: () => undefined, onSelect: () => undefined, onDrawn: () => drawn() }));
  try {
    await ready;
    const canvas = host.querySelector('canvas') as HTMLCanvasElement;
    const b = canvas.getBoundingClientRect();
    const at = (dx: number, dy: number): MouseEventInit => ({ clientX: b.left + 500 + dx, clientY: b.top + 350 + dy, bubbles: true });
    const intervals = async (step: (f: number) => void): Promise<number[]> => {
      const stamps: number[] = [];
      for (let f = 0; f < 40; f++) {
        stamps.push(await nextFrame());
        step(f);
      }
      stamps.push(await nextFrame());
      return stamps.slice(1).map((t, i) => t - stamps[i]);
    };
    canvas.dispatchEvent(new MouseEvent('mousedown', at(0, 0)));
    const drag = await intervals((f) => window.dispatchEvent(new MouseEvent('mousemove', at(4 * (f + 1), 2 * (f + 1)))));
    window.dispatchEvent(new MouseEvent('mouseup', at(160, 80)));
    for (let f = 0; f < 10; f++) await nextFrame();
    const wheel = await intervals(() => canvas.dispatchEvent(new WheelEvent('wheel', { ...at(0, 0), deltaY: -40, cancelable: true })));
    await new Promise((r) => setTimeout(r, 400)); // the settle redraw
    const hook = window.__kloaProjector;
    return { drag, wheel, mode: hook?.drawMode() ?? '?', frameMs: hook?.frameMs() ?? NaN };
  } finally {
    root.unmount();
    host.remove();
    style.remove();
  }
}

export const cases: BenchCase[] = [
  {
    id: 'projector',
    async run(log) {
      const out: BenchEntry[] = [];
      const c = new WorkerClient<ProjectorJobs>(() => new Worker(new URL('../../workers/projector.worker.ts', import.meta.url), { type: 'module', name: 'projector-bench' }), { name: 'projector' });
      try {
        const info = await c.run('init', {});
        const loaded = await c.run('planted', { n: N, dim: DIM, clusters: 12, seed: 42 });
        log(`  ${loaded.points} test vectors × ${loaded.dim} on ${info.backend}`);
        const pca = await c.run('pca', { seed: 42 });
        log(`  ${pca.note}: ${pca.seconds.toFixed(2)} s`);
        out.push({ name: 'projector.pca_s.50k', value: pca.seconds, unit: 's', backend: info.backend, dataset: 'planted-vectors-50k', note: `50,000 × 64, seed 42; ${pca.note}` });
        const knn: number[] = [];
        for (let r = 0; r < 5; r++) {
          const t0 = performance.now();
          await c.run('neighbours', { point: r * 9973, k: 10 });
          knn.push(performance.now() - t0);
        }
        out.push({ name: 'projector.knn_ms.50k', value: median(knn), unit: 'ms', backend: info.backend, dataset: 'planted-vectors-50k', note: `median of 5 single-point queries incl. worker round trip (${knn.map((x) => x.toFixed(0)).join(', ')} ms)` });
        const umap = await c.run('umap', { seed: 42, nEpochs: 200 });
        log(`  ${umap.note}: ${umap.seconds.toFixed(2)} s`);
        out.push({ name: 'projector.umap_s.5k', value: umap.seconds, unit: 's', backend: info.backend, dataset: 'planted-vectors-50k', note: umap.note });

        // drawing: the panel's renderer on an 1000 × 700 canvas
        const canvas = document.createElement('canvas');
        canvas.style.width = '1000px';
        canvas.style.height = '700px';
        document.body.appendChild(canvas);
        const r = new PointRenderer(canvas);
        r.resize(1000, 700);
        const name = rendererName(r.gl);
        const attrs = plantedVectorAttributes({ vectors: new Float32Array(0), dim: DIM, labels: loaded.labels, clusters: 12 });
        const xy = toDeviceCoords(pca.coords);
        const uploads: number[] = [];
        for (let k = 0; k < 5; k++) {
          const t0 = performance.now();
          buildPointGrid(xy.x, xy.y);
          r.setPoints(xy.x, xy.y, pointColours(colourValues(attrs, k % 2 ? 'category' : 'planted', null)));
          r.draw();
          r.finish();
          uploads.push(performance.now() - t0);
        }
        const gesture = await gestureFrames(xy.x, xy.y, colourValues(attrs, 'planted', null));
        const all = [...gesture.drag, ...gesture.wheel];
        log(`  scatter view: ${gesture.mode} pan / zoom (one frame of all points ${gesture.frameMs.toFixed(1)} ms); frame interval while dragging ${median(gesture.drag).toFixed(1)} ms, wheel-zooming ${median(gesture.wheel).toFixed(1)} ms`);
        out.push({
          name: 'projector.gesture_frame_ms.50k',
          value: median(all),
          unit: 'ms',
          note: `median interval between animation frames during 40 drag + 40 wheel steps of the panel's scatter view at 50,000 points (drag ${median(gesture.drag).toFixed(1)}, wheel ${median(gesture.wheel).toFixed(1)}, max ${Math.max(...all).toFixed(1)} ms; ${all.filter((t) => t <= 20).length} of ${all.length} intervals ≤ 20 ms); mode ${gesture.mode} (one frame of all points ${gesture.frameMs.toFixed(1)} ms); WebGL renderer: ${name}`,
        });
        const frames = timeFrames(r);
        // the same frames with no points: what the renderer costs before the first point (clear,
        // viewport, readPixels wait) — on SwiftShader most of a frame
        r.setPoints(new Float32Array(0), new Float32Array(0), new Uint8Array(0));
        const empty = timeFrames(r);
        r.dispose();
        canvas.remove();
        log(`  WebGL renderer: ${name}; frame ${median(frames).toFixed(2)} ms median (${median(empty).toFixed(2)} ms with no points), upload ${median(uploads).toFixed(1)} ms`);
        out.push({ name: 'projector.frame_ms.50k', value: median(frames), unit: 'ms', note: `median of ${FRAMES} frames (pan/zoom), 1000 × 700 CSS px at DPR ${devicePixelRatio}, waited for with readPixels; WebGL renderer: ${name}` });
        out.push({ name: 'projector.frame_ms.empty', value: median(empty), unit: 'ms', note: `median of ${FRAMES} frames of the same size with no points: the fixed cost of a frame in this browser; WebGL renderer: ${name}` });
        out.push({ name: 'projector.upload_ms.50k', value: median(uploads), unit: 'ms', note: `median of 5: hit grid + colours + buffer upload + one frame; WebGL renderer: ${name}` });
        return out;
      } finally {
        c.terminate();
      }
    },
  },
];
