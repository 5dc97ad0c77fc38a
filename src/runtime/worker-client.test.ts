import { describe, expect, it } from 'vitest';
import { exposeJobs, transferResult } from '../../workers/runtime';
import { JobFailure } from './protocol';
import { WorkerClient, type WorkerLike } from './worker-client';
import type { JobContext } from './protocol';

/** Jobs of a test worker: real work over typed arrays, a slow cancellable loop, failures. */
const handlers = {
  async sum(input: { values: Float64Array }, ctx: JobContext) {
    let s = 0;
    for (let i = 0; i < input.values.length; i++) {
      s += input.values[i];
      if (i % 1000 === 0) ctx.progress(i, input.values.length, 'summing');
    }
    ctx.progress(input.values.length, input.values.length);
    return s;
  },
  async squares(input: { n: number }) {
    const out = new Float32Array(input.n);
    for (let i = 0; i < input.n; i++) out[i] = i * i;
    return transferResult({ out }, [out.buffer]);
  },
  async cooperative(_input: null, ctx: JobContext) {
    for (let i = 0; i < 10_000; i++) {
      if (ctx.signal.aborted) throw new Error('stopped at ' + i);
      await new Promise((r) => setTimeout(r, 1));
    }
    return 'finished';
  },
  /** Two reports 0 ms apart, then a long quiet stretch: the held-back second one must not wait for the end. */
  async quiet(_input: null, ctx: JobContext) {
    ctx.progress(1, 10, 'first');
    ctx.progress(2, 10, 'held back');
    await new Promise((r) => setTimeout(r, 400));
    return 'done';
  },
  async stubborn() {
    await new Promise((r) => setTimeout(r, 60_000));
    return 'never';
  },
  /** Fails with an AbortError of its own (as a WebGPU read on a destroyed device does): not a cancel. */
  async abortsItself() {
    throw new DOMException('Device is lost', 'AbortError');
  },
  async fails(input: { row: number }) {
    throw new JobFailure(`row ${input.row} has no timestamp`, { file: 'events.csv', line: input.row });
  },
};
type H = typeof handlers;

/** A worker double: the job side runs on one end of a MessageChannel in this thread. */
function spawnFake(log: string[]): () => WorkerLike {
  return () => {
    const channel = new MessageChannel();
    exposeJobs(handlers, channel.port1 as unknown as Parameters<typeof exposeJobs>[1]);
    const port = channel.port2 as unknown as WorkerLike & EventTarget;
    const listeners: ((e: Event) => void)[] = [];
    const fake: WorkerLike & { crash(msg: string): void } = {
      postMessage: (m: unknown, t?: Transferable[]) => port.postMessage(m, t ?? []),
      addEventListener: ((type: string, l: (e: Event) => void) => {
        if (type === 'error') listeners.push(l);
        else port.addEventListener(type, l as EventListener);
      }) as WorkerLike['addEventListener'],
      removeEventListener: port.removeEventListener.bind(port) as WorkerLike['removeEventListener'],
      start: () => (port as unknown as MessagePort).start(),
      terminate: () => {
        log.push('terminate');
        channel.port1.close();
        channel.port2.close();
      },
      crash: (msg: string) => listeners.forEach((l) => l(Object.assign(new Event('error'), { message: msg }))),
    };
    log.push('spawn');
    spawned.push(fake);
    return fake;
  };
}
const spawned: (WorkerLike & { crash(msg: string): void })[] = [];

describe('WorkerClient + exposeJobs', () => {
  it('runs a typed job with progress and returns its result', async () => {
    const log: string[] = [];
    const client = new WorkerClient<H>(spawnFake(log), { name: 'test' });
    const values = Float64Array.from({ length: 100_000 }, (_, i) => i % 7);
    const seen: number[] = [];
    const total = await client.run('sum', { values }, { onProgress: (d) => seen.push(d) });
    expect(total).toBe(values.reduce((a, b) => a + b, 0));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(100_000); // the final progress is always delivered
    client.terminate();
  });

  it('a report held back by the progress interval is delivered when the interval ends, not at the end of the job', async () => {
    const client = new WorkerClient<H>(spawnFake([]), { name: 'test' });
    const seen: [number, string | undefined][] = [];
    const job = client.run('quiet', null, { onProgress: (d, _t, note) => seen.push([d, note]) });
    await new Promise((r) => setTimeout(r, 250));
    expect(seen).toEqual([
      [1, 'first'],
      [2, 'held back'],
    ]);
    expect(await job).toBe('done');
    client.terminate();
  });

  it('moves result buffers instead of copying them', async () => {
    const client = new WorkerClient<H>(spawnFake([]), { name: 'test' });
    const { out } = await client.run('squares', { n: 1000 });
    expect(out).toBeInstanceOf(Float32Array);
    expect(out[999]).toBe(999 * 999);
    client.terminate();
  });

  it('turns a worker exception into a readable JobError with context', async () => {
    const client = new WorkerClient<H>(spawnFake([]), { name: 'test' });
    await expect(client.run('fails', { row: 17 })).rejects.toMatchObject({
      name: 'JobError',
      job: 'fails',
      message: 'row 17 has no timestamp',
      context: { file: 'events.csv', line: 17 },
    });
    // the worker stays usable
    expect(await client.run('sum', { values: new Float64Array([1, 2]) })).toBe(3);
    client.terminate();
  });

  it('an AbortError the job raised without a cancel reaches the page as a failure, not as a cancel', async () => {
    const client = new WorkerClient<H>(spawnFake([]), { name: 'test' });
    const e: unknown = await client.run('abortsItself', null).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'JobError', job: 'abortsItself' });
    expect((e as Error).message).toContain('Device is lost');
    expect((e as Error).message).toContain('not cancelled');
    client.terminate();
  });

  it('cancels a cooperative job without restarting the worker', async () => {
    const log: string[] = [];
    const client = new WorkerClient<H>(spawnFake(log), { name: 'test', cancelGraceMs: 200 });
    const ac = new AbortController();
    const p = client.run('cooperative', null, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 300));
    expect(client.restarts).toBe(0);
    expect(log).toEqual(['spawn']);
    client.terminate();
  });

  it('restarts a worker whose job ignores the cancel', async () => {
    const log: string[] = [];
    const client = new WorkerClient<H>(spawnFake(log), { name: 'test', cancelGraceMs: 50 });
    const ac = new AbortController();
    const p = client.run('stubborn', undefined as never, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 120));
    expect(client.restarts).toBe(1);
    expect(await client.run('sum', { values: new Float64Array([4]) })).toBe(4);
    expect(log).toEqual(['spawn', 'terminate', 'spawn']);
    client.terminate();
  });

  it('rejects running jobs with WorkerCrashedError when the worker dies, then recovers', async () => {
    const log: string[] = [];
    spawned.length = 0;
    const client = new WorkerClient<H>(spawnFake(log), { name: 'data' });
    const p = client.run('stubborn', undefined as never);
    spawned[0].crash('Out of memory');
    await expect(p).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    await expect(p).rejects.toThrow(/data worker stopped unexpectedly \(Out of memory\)/);
    expect(await client.run('sum', { values: new Float64Array([5, 5]) })).toBe(10);
    client.terminate();
  });
});
