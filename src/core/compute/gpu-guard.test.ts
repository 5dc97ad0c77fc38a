import { describe, expect, it } from 'vitest';
import { createGpuGuard, DeviceLostError, type LossSource, type Timers } from './gpu-guard';
import type { DeviceLossInfo } from './types';

/** A loss source driven by the test: report a loss, or only signal one (destroy called). */
function manualSource(): LossSource & { report(info: DeviceLossInfo): void; signal(at: number): void } {
  let loss: DeviceLossInfo | null = null;
  let signalled: number | null = null;
  const listeners = new Set<(info: DeviceLossInfo) => void>();
  const signalListeners = new Set<() => void>();
  return {
    current: () => loss,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    signalledAt: () => (loss ? null : signalled),
    onSignal(l) {
      signalListeners.add(l);
      return () => signalListeners.delete(l);
    },
    report(info) {
      loss = info;
      for (const l of [...listeners]) l(info);
    },
    signal(at) {
      signalled = at;
      for (const l of [...signalListeners]) l();
    },
  };
}

/** A clock the test moves by hand: no real waiting. */
function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && timers.has(id)) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const destroyed: DeviceLossInfo = { kind: 'lost', reason: 'destroyed', message: 'Device was destroyed.' };

/** Settles the microtasks queued by resolved / rejected promises. */
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

function outcome<T>(p: Promise<T>): { value?: T; error?: unknown; done: boolean } {
  const o: { value?: T; error?: unknown; done: boolean } = { done: false };
  p.then(
    (v) => Object.assign(o, { value: v, done: true }),
    (e: unknown) => Object.assign(o, { error: e, done: true }),
  );
  return o;
}

describe('gpu guard', () => {
  it('passes a read through and leaves no timer behind', async () => {
    const timers = manualTimers();
    const guard = createGpuGuard({ source: manualSource(), timers });
    await expect(guard.wait(Promise.resolve(7), 'read')).resolves.toBe(7);
    expect(timers.pending()).toBe(0);
  });

  it('rejects at once when the device was lost before the read started', async () => {
    const source = manualSource();
    source.report(destroyed);
    const guard = createGpuGuard({ source, timers: manualTimers() });
    expect(() => guard.check()).toThrow(DeviceLostError);
    await expect(guard.wait(never<number>(), 'read')).rejects.toBeInstanceOf(DeviceLostError);
  });

  it('ends a read that never settles when device.lost is reported meanwhile', async () => {
    const source = manualSource();
    const timers = manualTimers();
    const o = outcome(createGpuGuard({ source, timers }).wait(never<number>(), 'read'));
    await flush();
    expect(o.done).toBe(false);
    source.report(destroyed);
    await flush();
    expect(o.error).toBeInstanceOf(DeviceLostError);
    expect((o.error as DeviceLostError).info).toEqual(destroyed);
    expect(timers.pending()).toBe(0);
  });

  it('after a signalled loss that is never reported, the watchdog declares the loss once', async () => {
    const source = manualSource();
    const timers = manualTimers();
    const stalls: DeviceLossInfo[] = [];
    const guard = createGpuGuard({ source, timers, afterSignalMs: 10_000, stallMs: 300_000, onStall: (info) => stalls.push(info) });
    const a = outcome(guard.wait(never<number>(), 'the loss read of step 6'));
    const b = outcome(guard.wait(never<number>(), 'validation'));
    timers.advance(2_000);
    source.signal(2_000); // device.destroy() called; device.lost never delivered
    timers.advance(9_999);
    await flush();
    expect(a.done || b.done).toBe(false);
    timers.advance(1);
    await flush();
    expect(a.error).toBeInstanceOf(DeviceLostError);
    expect(b.error).toBeInstanceOf(DeviceLostError);
    expect(stalls).toHaveLength(1);
    expect(stalls[0].message).toContain('after the GPU signalled a loss');
    // once declared, later GPU work fails fast
    expect(() => guard.check()).toThrow(DeviceLostError);
  });

  it('without any signal, only the generous stall bound ends a read', async () => {
    const timers = manualTimers();
    const stalls: DeviceLossInfo[] = [];
    const o = outcome(createGpuGuard({ source: manualSource(), timers, afterSignalMs: 10_000, stallMs: 300_000, onStall: (i) => stalls.push(i) }).wait(never<number>(), 'validation'));
    timers.advance(299_999);
    await flush();
    expect(o.done).toBe(false);
    timers.advance(1);
    await flush();
    expect(o.error).toBeInstanceOf(DeviceLostError);
    expect(stalls[0].message).toContain('validation did not finish within 300 s');
  });

  it('a read that rejects on a lost device is reported as the loss; other errors pass through', async () => {
    const source = manualSource();
    const guard = createGpuGuard({ source, timers: manualTimers() });
    await expect(guard.wait(Promise.reject(new TypeError('bad shape')), 'read')).rejects.toBeInstanceOf(TypeError);
    let fail: (e: Error) => void = () => undefined;
    const o = outcome(guard.wait(new Promise<number>((_, r) => (fail = r)), 'read'));
    source.report(destroyed);
    fail(new Error('mapAsync aborted'));
    await flush();
    expect(o.error).toBeInstanceOf(DeviceLostError);
  });

  it('a read that rejects after a signalled loss, before device.lost arrives, is declared the loss at once', async () => {
    // seen in e2e/faults.spec.ts: the validation read failed with an AbortError 3.4 s before
    // device.lost was delivered; the trainer gave up waiting for the report and the run ended silently
    const source = manualSource();
    const timers = manualTimers();
    const stalls: DeviceLossInfo[] = [];
    const guard = createGpuGuard({ source, timers, onStall: (info) => stalls.push(info) });
    let fail: (e: Error) => void = () => undefined;
    const o = outcome(guard.wait(new Promise<number>((_, r) => (fail = r)), 'validation after epoch 2'));
    source.signal(0);
    const abort = new Error('Device is lost');
    abort.name = 'AbortError';
    fail(abort);
    await flush();
    expect(o.error).toBeInstanceOf(DeviceLostError);
    expect(stalls).toHaveLength(1);
    expect(stalls[0].message).toContain('validation after epoch 2 (AbortError: Device is lost)');
    expect(timers.pending()).toBe(0);
    expect(() => guard.check()).toThrow(DeviceLostError);
  });
});
