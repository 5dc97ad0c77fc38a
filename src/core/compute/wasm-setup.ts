import { env, findBackendFactory, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The WASM binaries are served from our own origin (Vite copies them into the build): no CDN.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let pathsSet = false;

/** Points tfjs-wasm at our own copies of its three binaries (must run before the backend initialises). */
export function configureWasmPaths(): void {
  if (pathsSet) return;
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
