/** The three tfjs backends the workbench runs on, fastest first on a machine with a real GPU. */
export const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** What we learned about the WebGPU adapter (all plain data: it crosses worker boundaries and lands in run records). */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for SwiftShader or any adapter that reports itself as a fallback (software) adapter. */
  isSoftware: boolean;
  isFallbackAdapter: boolean;
  /** The limits that matter for tfjs (buffer sizes, workgroup sizes). */
  limits: Record<string, number>;
  features: string[];
}

/** Why a backend was chosen, in words that can be shown to a user. */
export type ChoiceReason =
  | 'forced'
  | 'hardware-gpu'
  | 'software-adapter'
  | 'no-adapter'
  | 'no-webgpu'
  | 'fallback-after-failure'
  | 'device-lost';

/** Recorded with every run and shown in the UI. */
export interface BackendInfo {
  backend: BackendName;
  reason: ChoiceReason;
  /** The backend the user asked for, if any. */
  forced: BackendName | null;
  /** Null when there is no WebGPU or no adapter. */
  adapter: AdapterSummary | null;
  /** WASM details, null unless backend === 'wasm'. */
  wasm: { threads: number; simd: boolean; multithread: boolean; crossOriginIsolated: boolean } | null;
  /** Backends tried before this one and why each failed. */
  failures: { backend: BackendName; error: string }[];
  tfjsVersion: string;
  hardwareConcurrency: number;
  /** ISO time the backend was initialised. */
  at: string;
}

/** A loss of the WebGPU device as the training job sees it. */
export interface DeviceLossInfo {
  kind: 'lost' | 'out-of-memory';
  /** GPUDeviceLostReason ('destroyed' | 'unknown') or the OOM error message. */
  reason: string;
  message: string;
}
