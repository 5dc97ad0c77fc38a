/**
 * Node-only test support: start a tfjs backend the way every Node test and quality / speed runner
 * does (WASM binaries from node_modules, our missing kernels registered). Not imported by app code.
 */
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerMissingKernels } from './kernels/register';

/** Starts `backend` ('wasm' by default, or any registered tfjs backend name); throws if it cannot. */
export async function useNodeBackend(backend = 'wasm'): Promise<void> {
  if (backend === 'wasm') setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  await tf.setBackend(backend);
  await tf.ready();
  registerMissingKernels();
}

/** WASM when this Node can start it, else CPU; returns the backend in use. */
export async function useWasmOrCpu(): Promise<string> {
  setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  if (!(await tf.setBackend('wasm').catch(() => false))) await tf.setBackend('cpu');
  await tf.ready();
  registerMissingKernels();
  return tf.getBackend();
}
