import { env, findBackendFactory, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The WASM binaries are served from our own origin (Vite copies them into the build): no CDN.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import { patchThreadedFactorySource } from './wasm-thread-script';

let pathsSet = false;

/** Points tfjs-wasm at our own copies of its three binaries (must run before the backend initialises). */
export function configureWasmPaths(): void {
  if (pathsSet) return;
  patchThreadedFactorySource();
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  pathsSet = true;
}

/** The thread count to use by default: every logical core (tfjs' own default gave 1 thread on a 2-core machine). */
export function defaultWasmThreads(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(cores || 1, 8));
}

/**
 * Sets the XNNPACK thread count. tfjs reads it only when the WASM backend initialises, so if the
 * backend is already up this re-registers it (a fresh WASM instance; tensors on the old one are lost).
 */
export function setWasmThreads(threads: number, backendAlreadyInitialised: boolean): void {
  setThreadsCount(Math.max(1, Math.floor(threads)));
  if (backendAlreadyInitialised) {
    const factory = findBackendFactory('wasm');
    if (factory) {
      removeBackend('wasm');
      registerBackend('wasm', factory, 2);
    }
  }
}

export async function wasmFeatures(): Promise<{ simd: boolean; multithread: boolean }> {
  const [simd, multithread] = await Promise.all([
    env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  return { simd: simd === true, multithread: multithread === true };
}

/** Threads XNNPACK really uses; 0 before the WASM backend has initialised. */
export function wasmThreadsInUse(): number {
  try {
    return getThreadsCount();
  } catch {
    return 0;
  }
}

/**
 * tfjs-wasm 4.22 caps XNNPACK's pool at navigator.hardwareConcurrency / 2 (its C++ divides the
 * logical core count by 2 for hyper-threading), so setThreadsCount(2) on a 2-core machine still
 * gives 1 thread. While the backend initialises we report 2 × `threads` cores so the cap becomes
 * `threads` (the pre-created pthread pool has 8 workers, so up to 8 threads work).
 */
export async function withReportedCores<T>(threads: number, fn: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined') return fn();
  const nav = navigator as Navigator & { hardwareConcurrency: number };
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  Object.defineProperty(nav, 'hardwareConcurrency', { configurable: true, get: () => 2 * threads });
  try {
    return await fn();
  } finally {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}
