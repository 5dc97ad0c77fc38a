/// <reference types="@webgpu/types/dist" />
import { isSoftwareAdapter } from './policy';
import type { AdapterSummary } from './types';

/** Limits worth recording: what bounds tensor sizes and kernel shapes on WebGPU. */
const RECORDED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** GPUAdapterInfo as Chromium ships it (isFallbackAdapter moved here from GPUAdapter in Chrome 136+). */
interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** The parts of GPUAdapter we read; typed narrowly so older and newer Chromium both fit. */
export interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
  limits: GPUSupportedLimits;
  features: GPUSupportedFeatures;
}

export function summarizeAdapter(adapter: AdapterLike): AdapterSummary {
  const info: AdapterInfoLike = adapter.info ?? {};
  const isFallbackAdapter = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  const limits: Record<string, number> = {};
  const source = adapter.limits as unknown as Record<string, unknown>;
  for (const name of RECORDED_LIMITS) {
    const value = source[name];
    if (typeof value === 'number') limits[name] = value;
  }
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter,
    isSoftware: isSoftwareAdapter(info, isFallbackAdapter),
    limits,
    features: [...adapter.features].map(String).sort(),
  };
}

export function webgpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu != null;
}

/** Asks for a high-performance adapter; null when WebGPU is missing or no adapter is given. */
export async function requestAdapter(): Promise<GPUAdapter | null> {
  if (!webgpuAvailable()) return null;
  try {
    return await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return null;
  }
}
