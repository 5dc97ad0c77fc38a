// Keeps threaded WASM working in a minified bundle.
//
// tfjs-wasm starts its pthread workers from a Blob holding `factory.toString()` of the Emscripten
// module factory. Minified, that factory refers to a variable of its enclosing scope (Emscripten's
// `_scriptDir`, renamed and with its `typeof` guard folded away), which does not exist in the Blob:
// every pthread worker dies with "ReferenceError: e is not defined". We hand tfjs the factory's
// original, unminified source instead, by giving the bundled factory function its own toString().
import * as threadedModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import threadedSource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';

type Factory = ((...args: unknown[]) => unknown) & { toString(): string };

let patched = false;

/** The source text tfjs will put after `var WasmBackendModuleThreadedSimd = ` in the pthread Blob. */
export function pthreadFactorySource(): string {
  return `(() => {\n${threadedSource}\nreturn WasmBackendModuleThreadedSimd;\n})()`;
}

export function patchThreadedFactorySource(): void {
  if (patched) return;
  const mod = threadedModule as unknown as { default?: Factory } & Factory;
  const factory = (mod.default ?? mod) as Factory;
  if (typeof factory !== 'function') return;
  const source = pthreadFactorySource();
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true });
  patched = true;
}
