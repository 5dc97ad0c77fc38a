import { isBackendName, type AdapterSummary, type BackendName, type ChoiceReason } from './types';

export interface PolicyInput {
  /** A backend the user forced (UI setting, ?backend=, CLI), or null. */
  forced: BackendName | null;
  /** Whether navigator.gpu exists at all. */
  webgpuAvailable: boolean;
  /** The adapter WebGPU gave us, or null if requestAdapter() returned null / threw. */
  adapter: Pick<AdapterSummary, 'isSoftware'> | null;
}

export interface PolicyDecision {
  /** Backends to try, in order; the first that initialises wins. Always ends with 'cpu'. */
  order: BackendName[];
  reason: ChoiceReason;
}

/**
 * The backend policy (pure): WebGPU on a hardware adapter; threaded-SIMD WASM when the adapter
 * is a software one (SwiftShader / fallback) or absent; CPU last. A forced backend is tried first,
 * then the policy's own order as a fallback.
 */
export function decideBackend(input: PolicyInput): PolicyDecision {
  let order: BackendName[];
  let reason: ChoiceReason;
  if (!input.webgpuAvailable) {
    order = ['wasm', 'cpu'];
    reason = 'no-webgpu';
  } else if (input.adapter === null) {
    order = ['wasm', 'cpu'];
    reason = 'no-adapter';
  } else if (input.adapter.isSoftware) {
    order = ['wasm', 'cpu'];
    reason = 'software-adapter';
  } else {
    order = ['webgpu', 'wasm', 'cpu'];
    reason = 'hardware-gpu';
  }
  if (input.forced) {
    const forced = input.forced;
    return { order: [forced, ...order.filter((b) => b !== forced)], reason: 'forced' };
  }
  return { order, reason };
}

/** True for SwiftShader or an adapter that says it is a fallback adapter (info or the older adapter flag). */
export function isSoftwareAdapter(info: { architecture?: string; description?: string; vendor?: string }, isFallbackAdapter: boolean): boolean {
  if (isFallbackAdapter) return true;
  const text = `${info.architecture ?? ''} ${info.description ?? ''} ${info.vendor ?? ''}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/.test(text);
}

/** Parses a user-supplied backend value (URL parameter, setting, CLI flag). 'auto', '' and unknown values mean "not forced". */
export function parseBackendParam(value: string | null | undefined): BackendName | null {
  const v = (value ?? '').trim().toLowerCase();
  return isBackendName(v) ? v : null;
}

/** The forced backend from a URL query string (`?backend=webgpu|wasm|cpu`). */
export function backendFromSearch(search: string): BackendName | null {
  return parseBackendParam(new URLSearchParams(search).get('backend'));
}
