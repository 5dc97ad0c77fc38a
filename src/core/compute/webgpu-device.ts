/// <reference types="@webgpu/types/dist" />
import { findBackendFactory, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { DeviceLossInfo } from './types';
import type { LossSource } from './gpu-guard';
import { traceLoss } from './loss-trace';

type LossListener = (info: DeviceLossInfo) => void;

/** The device our 'webgpu' backend runs on, and who wants to hear when it goes. */
interface DeviceState {
  device: GPUDevice;
  loss: DeviceLossInfo | null;
  /** Set when we dispose the device on purpose, so that is not reported as a loss. */
  retiring: boolean;
  /** When a loss was signalled (destroyed, a GPU error) before device.lost reported it; performance.now(). */
  signalledAt: number | null;
}

let current: DeviceState | null = null;

function removeWebGpuBackend(): void {
  if (findBackendFactory('webgpu') != null) removeBackend('webgpu');
}
const listeners = new Set<LossListener>();
const signalListeners = new Set<() => void>();

/** A hint that the device may be going (destroy called, an uncaptured GPU error): arms the watchdogs of pending GPU reads (gpu-guard.ts). */
function signal(state: DeviceState): void {
  traceLoss(`signal (retiring ${state.retiring}, loss ${state.loss !== null}, signalled ${state.signalledAt !== null}, ${signalListeners.size} listeners)`);
  if (state.retiring || state.loss || state.signalledAt !== null) return;
  state.signalledAt = performance.now();
  for (const listener of signalListeners) listener();
}

function report(state: DeviceState, info: DeviceLossInfo): void {
  traceLoss(`report ${info.reason} (current ${state === current}, retiring ${state.retiring}, loss ${state.loss !== null}, ${listeners.size} listeners)`);
  if (state.retiring || state.loss) return;
  state.loss = info;
  for (const listener of listeners) listener(info);
}

/**
 * Requests a device on `adapter` (with the adapter's large limits, as tfjs does) and registers
 * tfjs' 'webgpu' backend on it, replacing the stock factory, so that we hold the device: we watch
 * device.lost and out-of-memory errors, and can destroy it to simulate a loss.
 */
export async function registerWebGpuOnAdapter(adapter: GPUAdapter): Promise<void> {
  const limits = adapter.limits;
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  const state: DeviceState = { device, loss: null, retiring: false, signalledAt: null };
  void device.lost.then((lost) => report(state, { kind: 'lost', reason: lost.reason, message: lost.message || `device lost (${lost.reason})` }));
  device.addEventListener('uncapturederror', (event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (typeof GPUOutOfMemoryError !== 'undefined' && error instanceof GPUOutOfMemoryError) {
      report(state, { kind: 'out-of-memory', reason: 'out-of-memory', message: error.message });
    } else signal(state);
  });
  retireWebGpu();
  current = state;
  removeWebGpuBackend();
  // tfjs' typings for the adapter info argument lag the spec; the constructor only reads vendor/architecture.
  const info = (adapter as GPUAdapter & { info?: unknown }).info;
  registerBackend('webgpu', () => new WebGPUBackend(device, info as ConstructorParameters<typeof WebGPUBackend>[1]), 3);
}

/** Drops our device on purpose (no loss is reported) and unregisters the backend. */
export function retireWebGpu(): void {
  if (!current) return;
  current.retiring = true;
  removeWebGpuBackend();
  current.device.destroy();
  current = null;
}

/** Subscribes to device loss (lost or out-of-memory); returns the unsubscribe function. */
export function onDeviceLoss(listener: LossListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The loss of the current device, if it has happened. */
export function deviceLoss(): DeviceLossInfo | null {
  return current?.loss ?? null;
}

/**
 * Test hook: destroys the device as a driver reset would; device.lost then fires ('destroyed').
 * The destroy is signalled at once, so a GPU read that never settles afterwards (device.lost not
 * delivered while the read is pending) is ended by the watchdog of gpu-guard.ts.
 */
export function simulateDeviceLoss(): boolean {
  if (!current) return false;
  signal(current);
  current.device.destroy();
  return true;
}

/** A loss found by other means (a watchdog: the GPU stopped answering): reported like device.lost. */
export function markDeviceLost(info: DeviceLossInfo): void {
  traceLoss(`markDeviceLost (current ${current !== null})`);
  if (current) report(current, info);
}

/** When a loss of the current device was signalled but not yet reported (performance.now()), else null. */
export function deviceLossSignalledAt(): number | null {
  return current && !current.loss ? current.signalledAt : null;
}

/** Subscribes to loss signals (see `signal`); returns the unsubscribe function. */
export function onDeviceLossSignal(listener: () => void): () => void {
  signalListeners.add(listener);
  return () => signalListeners.delete(listener);
}

/** The current WebGPU device as a gpu-guard LossSource. */
export const webgpuLossSource: LossSource = {
  current: deviceLoss,
  subscribe: onDeviceLoss,
  signalledAt: deviceLossSignalledAt,
  onSignal: onDeviceLossSignal,
};

/** Test hook: reports an out-of-memory loss without exhausting real memory. */
export function simulateOutOfMemory(): boolean {
  if (!current) return false;
  report(current, { kind: 'out-of-memory', reason: 'out-of-memory', message: 'simulated out-of-memory' });
  return true;
}

export function hasWebGpuDevice(): boolean {
  return current !== null;
}
