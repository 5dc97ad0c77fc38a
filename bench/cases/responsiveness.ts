// responsiveness.train: is the page responsive while PinSage trains on the largest synthetic preset
// (issue 9 point 7, docs/limits.md)? The app opens in a same-origin window (the CSP forbids frames;
// a window opened from here runs on this page's renderer main thread), loads `synthetic-large`,
// starts PinSage in the Train panel with the form's defaults, and records main-thread long tasks
// (PerformanceObserver 'longtask', > 50 ms) and long animation frames with their script
// attribution for TRAIN_SECONDS of training, plus the tasks from the Start click to the first step
// (the dataset is posted to the training worker then). `?trainSeconds=` / `?preset=` override.
//   responsiveness.train.longtasks        — count of long tasks while training
//   responsiveness.train.longest_task     — longest of them (target ≤ 100 ms)
//   responsiveness.start.longest_task     — longest task from the Start click to the first step
//   responsiveness.after_load.longest_task — longest task in the 30 s after the dataset appeared
import type { BenchCase, BenchEntry } from '../types';

const TRAIN_SECONDS = Number(new URLSearchParams(location.search).get('trainSeconds') ?? 60);
const PRESET = new URLSearchParams(location.search).get('preset') ?? 'synthetic-large';

interface Task {
  start: number;
  duration: number;
}
interface Script {
  start: number;
  duration: number;
  where: string;
}
const IDLE_SECONDS = 30;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until<T>(what: string, fn: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

export const cases: BenchCase[] = [
  {
    id: 'responsiveness.train',
    async run(log) {
      const opened = window.open(`/?dataset=${PRESET}#train`, 'kloa-responsiveness', 'popup,width=1280,height=900');
      if (!opened) throw new Error('the browser did not open the app window');
      const app = opened;
      try {
        const win = (): Window & typeof globalThis => app as Window & typeof globalThis;
        const q = (id: string): HTMLElement | null => app.document?.querySelector(`[data-testid="${id}"]`) ?? null;
        const t0 = performance.now();
        await until('the dataset in the Train panel', () => q('pinsage-config-form') && q('header-dataset')?.textContent?.includes(PRESET), 600_000);
        log(`  ${PRESET} loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        const tasks: Task[] = [];
        const scripts: Script[] = [];
        const w = win();
        const longtasks = new w.PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
        });
        longtasks.observe({ type: 'longtask' });
        const frames = new w.PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { scripts?: (PerformanceEntry & { sourceURL?: string; sourceFunctionName?: string; invoker?: string })[] })[]) {
            for (const s of e.scripts ?? []) {
              if (s.duration >= 50) scripts.push({ start: s.startTime, duration: s.duration, where: `${s.invoker ?? ''} ${s.sourceFunctionName ?? ''} ${(s.sourceURL ?? '').split('/').pop() ?? ''}`.trim() });
            }
          }
        });
        try {
          frames.observe({ type: 'long-animation-frame' });
        } catch {
          log('  (no long-animation-frame entries in this browser: no script attribution)');
        }
        // the work that follows a load (stats, keeping the dataset in IndexedDB) before Start
        const loadedAt = w.performance.now();
        await sleep(IDLE_SECONDS * 1000);
        const clickAt = w.performance.now();
        const idleTasks = tasks.filter((t) => t.start >= loadedAt && t.start < clickAt);
        log(`  long tasks in the ${IDLE_SECONDS} s after the load: ${idleTasks.length}, longest ${idleTasks.reduce((m, t) => Math.max(m, t.duration), 0).toFixed(0)} ms`);
        // clicked from a task of the app window, so the click's own task is measured (a click()
        // from here would run inside this page's current task)
        w.setTimeout(() => q('train-start')!.click(), 0);
        await until('the first training step', () => /step [1-9]/.test(q('train-throughput')?.textContent ?? '') && /training/.test(q('train-live')?.textContent ?? ''), 900_000);
        const trainAt = w.performance.now();
        log(`  training started ${((trainAt - clickAt) / 1000).toFixed(1)} s after Start`);
        const startTasks = tasks.filter((t) => t.start >= clickAt && t.start < trainAt);
        await sleep(TRAIN_SECONDS * 1000);
        const endAt = w.performance.now();
        longtasks.disconnect();
        frames.disconnect();
        const during = tasks.filter((t) => t.start >= trainAt && t.start < endAt);
        const longest = during.reduce((m, t) => Math.max(m, t.duration), 0);
        const startLongest = startTasks.reduce((m, t) => Math.max(m, t.duration), 0);
        const status = q('train-throughput')?.textContent ?? '';
        log(`  after ${TRAIN_SECONDS} s: ${status}`);
        log(`  long tasks while training: ${during.length}, longest ${longest.toFixed(0)} ms; from Start to the first step: ${startTasks.length}, longest ${startLongest.toFixed(0)} ms`);
        const phase = (t: number): string => (t < clickAt ? 'after load' : t < trainAt ? 'start' : 'training');
        for (const s of scripts.sort((a, b) => b.duration - a.duration).slice(0, 10)) log(`    script ${s.duration.toFixed(0)} ms (${phase(s.start)}): ${s.where}`);
        q('train-cancel')?.click();
        const note = `${PRESET}, PinSage form defaults, ${TRAIN_SECONDS} s of training observed; ${status}`;
        const entries: BenchEntry[] = [
          { name: 'responsiveness.train.longtasks', value: during.length, unit: 'tasks > 50 ms', dataset: PRESET, note },
          { name: 'responsiveness.train.longest_task', value: longest, unit: 'ms', dataset: PRESET, note: `target ≤ 100 ms; ${note}` },
          { name: 'responsiveness.start.longest_task', value: startLongest, unit: 'ms', dataset: PRESET, note: `${startTasks.length} long tasks from the Start click to the first step` },
          {
            name: 'responsiveness.after_load.longest_task',
            value: idleTasks.reduce((m, t) => Math.max(m, t.duration), 0),
            unit: 'ms',
            dataset: PRESET,
            note: `${idleTasks.length} long tasks in the ${IDLE_SECONDS} s after the dataset appeared (before Start)`,
          },
        ];
        return entries;
      } finally {
        await sleep(1000);
        app.close();
      }
    },
  },
];
