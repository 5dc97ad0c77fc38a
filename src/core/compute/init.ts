/// <reference types="@webgpu/types/dist" />
import { getBackend, ready, setBackend, version_core } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { requestAdapter, summarizeAdapter, webgpuAvailable } from './adapter-info';
import { registerMissingKernels } from './kernels/register';
import { decideBackend } from './policy';
import type { AdapterSummary, BackendInfo, BackendName, ChoiceReason } from './types';
import { configureWasmPaths, defaultWasmThreads, setWasmThreads, wasmFeatures, wasmThreadsInUse, withReportedCores } from './wasm-setup';
import { registerWebGpuOnAdapter, retireWebGpu } from './webgpu-device';

export interface InitOptions {
  /** Backend the user forced (setting, ?backend=, CLI); null or absent = policy. */
  forced?: BackendName | null;
  /** XNNPACK threads for WASM; default every logical core. */
  wasmThreads?: number;
  /** Skip backends (e.g. after a device loss: ['webgpu']). */
  exclude?: BackendName[];
}

let wasmInitialised = false;
let wasmThreadsRequested = 0;
let adapterSummary: AdapterSummary | null = null;
let adapterProbed = false;

/** Reads the adapter once per thread (a GPUAdapter can give only one device). */
async function probeAdapter(): Promise<GPUAdapter | null> {
  const adapter = await requestAdapter();
  adapterSummary = adapter ? summarizeAdapter(adapter) : null;
  adapterProbed = true;
  return adapter;
}

async function activate(backend: BackendName, adapter: GPUAdapter | null, options: InitOptions): Promise<void> {
  if (backend === 'webgpu') {
    const fresh = adapter ?? (await requestAdapter());
    if (!fresh) throw new Error('no WebGPU adapter');
    await registerWebGpuOnAdapter(fresh);
  } else if (backend === 'wasm') {
    configureWasmPaths();
    const threads = options.wasmThreads ?? defaultWasmThreads();
    if (threads !== wasmThreadsRequested) setWasmThreads(threads, wasmInitialised);
    wasmThreadsRequested = threads;
  }
  const start = async (): Promise<void> => {
    const ok = await setBackend(backend);
    if (!ok) throw new Error(`tf.setBackend('${backend}') failed to initialise`);
    await ready();
  };
  if (backend === 'wasm') await withReportedCores(wasmThreadsRequested, start);
  else await start();
  if (backend === 'wasm') wasmInitialised = true;
  if (backend !== 'webgpu') retireWebGpu();
}

/**
 * Picks and initialises the backend for this thread (worker, page or Node): registers the
 * kernels the backends lack, reads the WebGPU adapter, applies the policy (webgpu on a hardware
 * GPU, threaded-SIMD wasm on a software adapter or none, cpu last; a forced backend first), falls
 * through the order on failure, and returns what to record with the run.
 */
export async function initCompute(options: InitOptions = {}): Promise<BackendInfo> {
  registerMissingKernels();
  const forced = options.forced ?? null;
  const exclude = new Set(options.exclude ?? []);
  const adapter = exclude.has('webgpu') ? null : await probeAdapter();
  const decision = decideBackend({ forced, webgpuAvailable: webgpuAvailable(), adapter: adapterProbed ? adapterSummary : null });
  const order = decision.order.filter((b) => !exclude.has(b));
  const failures: BackendInfo['failures'] = [];
  for (const backend of order) {
    try {
      await activate(backend, backend === 'webgpu' ? adapter : null, options);
      const reason: ChoiceReason = failures.length && !(forced === backend) ? 'fallback-after-failure' : decision.reason;
      return await describe(backend, reason, forced, failures);
    } catch (err) {
      failures.push({ backend, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`no tfjs backend could be initialised: ${failures.map((f) => `${f.backend}: ${f.error}`).join('; ')}`);
}

/** Switches to another backend after a failure (e.g. WebGPU device loss → WASM), keeping the adapter record. */
export async function switchBackend(to: BackendName, reason: ChoiceReason, options: InitOptions = {}): Promise<BackendInfo> {
  await activate(to, null, options);
  return describe(to, reason, options.forced ?? null, []);
}

async function describe(backend: BackendName, reason: ChoiceReason, forced: BackendName | null, failures: BackendInfo['failures']): Promise<BackendInfo> {
  const features = backend === 'wasm' ? await wasmFeatures() : null;
  return {
    backend,
    reason,
    forced,
    adapter: adapterSummary,
    wasm: features
      ? {
          threads: wasmThreadsInUse(),
          simd: features.simd,
          multithread: features.multithread,
          crossOriginIsolated: typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
        }
      : null,
    failures,
    tfjsVersion: version_core,
    hardwareConcurrency: typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1,
    at: new Date().toISOString(),
  };
}

/** The active tfjs backend name as a BackendName (null before initCompute). */
export function activeBackend(): BackendName | null {
  const name = getBackend();
  return name === 'webgpu' || name === 'wasm' || name === 'cpu' ? name : null;
}
