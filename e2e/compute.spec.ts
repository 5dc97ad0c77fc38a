// Compute core in headless Chromium (WebGPU = SwiftShader here): backend policy, gradient parity
// of every op family against the CPU backend, flat memory over 200 training steps, and recovery
// from a WebGPU device loss. Everything runs in workers/compute.worker.ts via the runtime.
import { expect, test, type Page } from '@playwright/test';
import type { BackendInfo } from '../src/core/compute';
import type { DeviceLossSuiteResult, MemorySuiteResult, ParitySuiteResult } from '../src/core/compute/diagnostics';

const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;

async function openPage(page: Page, external: string[]): Promise<void> {
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('http://localhost') && !url.startsWith('blob:') && !url.startsWith('data:')) external.push(url);
  });
  await page.goto('/e2e/pages/compute.html');
  await page.waitForFunction(() => window.__compute?.ready === true);
}

function runJob<T>(page: Page, job: string, input: unknown): Promise<T> {
  return page.evaluate(([j, i]) => window.__compute.run(j as never, i as never), [job, input] as const) as Promise<T>;
}

test.describe('compute backends', () => {
  test('policy: SwiftShader is a software adapter, so the default is threaded-SIMD WASM; forcing works; only our origin is contacted', async ({ page }) => {
    const external: string[] = [];
    await openPage(page, external);
    const auto = await runJob<BackendInfo>(page, 'init', {});
    expect(auto.adapter).not.toBeNull();
    expect(auto.adapter!.architecture).toBe('swiftshader');
    expect(auto.adapter!.isSoftware).toBe(true);
    expect(auto.adapter!.limits.maxBufferSize).toBeGreaterThan(0);
    expect(auto.backend).toBe('wasm');
    expect(auto.reason).toBe('software-adapter');
    expect(auto.wasm).toMatchObject({ simd: true, multithread: true, crossOriginIsolated: true });
    expect(auto.wasm!.threads).toBe(auto.hardwareConcurrency);
    for (const forced of BACKENDS) {
      const info = await runJob<BackendInfo>(page, 'init', { forced });
      expect(info.backend).toBe(forced);
      expect(info.reason).toBe('forced');
    }
    expect(external).toEqual([]);
  });

  for (const backend of BACKENDS) {
    test(`gradient parity on ${backend}: value and gradients of every op within 1e-4 of CPU`, async ({ page }) => {
      await openPage(page, []);
      const result = await runJob<ParitySuiteResult>(page, 'parity', { backend });
      expect(result.info.backend).toBe(backend);
      console.log(`[parity ${backend}] ` + result.verdicts.map((v) => `${v.name}=${v.maxRelError.toExponential(1)}`).join(' '));
      const failed = result.verdicts.filter((v) => !v.pass);
      expect(failed, JSON.stringify(failed)).toEqual([]);
      expect(result.verdicts.map((v) => v.name)).toEqual(expect.arrayContaining([
        'gather', 'unsortedSegmentSum', 'matMul', 'matMul.batched', 'softmax', 'logSumExp', 'mean', 'variance', 'rsqrt', 'layerNorm', 'concat', 'slice', 'stridedSlice',
      ]));
    });
  }

  for (const backend of BACKENDS) {
    for (const model of ['gcn', 'transformer'] as const) {
      test(`memory on ${backend}, ${model}: 200 steps with flat tensor count, GPU / WASM memory`, async ({ page }) => {
        test.setTimeout(300_000);
        await openPage(page, []);
        const r = await runJob<MemorySuiteResult>(page, 'memory', { backend, model, steps: 200 });
        expect(r.info.backend).toBe(backend);
        const last = r.samples[r.samples.length - 1];
        console.log(`[memory ${backend} ${model}] ${r.msPerStep.toFixed(1)} ms/step, tensors=${last.numTensors}, bytes=${last.numBytes}, gpu=${last.gpuBytesAllocated}, wasmHeap=${last.wasmHeapBytes}`);
        expect(r.verdict.problems).toEqual([]);
        expect(r.samples.length).toBe(21);
        if (backend === 'webgpu') expect(last.gpuBytesAllocated).toBeGreaterThan(0);
        if (backend === 'wasm') expect(last.wasmHeapBytes).toBeGreaterThan(0);
        expect(r.losses.length).toBe(22);
        expect(r.losses.every(Number.isFinite)).toBe(true);
      });
    }
  }

  for (const mode of ['destroy', 'oom'] as const) {
    test(`WebGPU device loss (${mode === 'destroy' ? 'device.destroy() → device.lost' : 'out-of-memory'}): reported, switched to WASM, resumed from the last checkpoint`, async ({ page }) => {
      test.setTimeout(180_000);
      await openPage(page, []);
      const r = await runJob<DeviceLossSuiteResult>(page, 'deviceLoss', { mode, steps: 60 });
      expect(r.before.backend).toBe('webgpu');
      expect(r.after?.backend).toBe('wasm');
      expect(r.after?.reason).toBe('device-lost');
      const lost = r.events.find((e) => e.type === 'device-lost');
      expect(lost).toBeDefined();
      if (lost?.type === 'device-lost') {
        expect(lost.loss.kind).toBe(mode === 'destroy' ? 'lost' : 'out-of-memory');
        expect(lost.resumeFrom).toBe(20);
        expect(lost.step).toBeGreaterThanOrEqual(30);
      }
      expect(r.events.find((e) => e.type === 'backend-switched')).toMatchObject({ step: 20 });
      expect(r.steps).toBe(60);
      expect(r.losses.map((l) => l.step)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
      expect(r.losses.every((l) => Number.isFinite(l.loss))).toBe(true);
    });
  }
});
