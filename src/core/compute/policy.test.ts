import { describe, expect, it } from 'vitest';
import { backendFromSearch, decideBackend, isSoftwareAdapter, parseBackendParam } from './policy';
import { summarizeAdapter, type AdapterLike } from './adapter-info';

const hw = { isSoftware: false };
const sw = { isSoftware: true };

describe('decideBackend', () => {
  it('uses WebGPU on a hardware adapter, then WASM, then CPU', () => {
    expect(decideBackend({ forced: null, webgpuAvailable: true, adapter: hw })).toEqual({ order: ['webgpu', 'wasm', 'cpu'], reason: 'hardware-gpu' });
  });
  it('uses WASM on a software adapter (SwiftShader / fallback)', () => {
    expect(decideBackend({ forced: null, webgpuAvailable: true, adapter: sw })).toEqual({ order: ['wasm', 'cpu'], reason: 'software-adapter' });
  });
  it('uses WASM when there is no adapter or no WebGPU', () => {
    expect(decideBackend({ forced: null, webgpuAvailable: true, adapter: null }).reason).toBe('no-adapter');
    expect(decideBackend({ forced: null, webgpuAvailable: false, adapter: null })).toEqual({ order: ['wasm', 'cpu'], reason: 'no-webgpu' });
  });
  it('tries a forced backend first, keeping the policy order behind it', () => {
    expect(decideBackend({ forced: 'webgpu', webgpuAvailable: true, adapter: sw })).toEqual({ order: ['webgpu', 'wasm', 'cpu'], reason: 'forced' });
    expect(decideBackend({ forced: 'cpu', webgpuAvailable: true, adapter: hw })).toEqual({ order: ['cpu', 'webgpu', 'wasm'], reason: 'forced' });
    expect(decideBackend({ forced: 'wasm', webgpuAvailable: false, adapter: null }).order).toEqual(['wasm', 'cpu']);
  });
});

describe('software adapter detection', () => {
  it('recognises SwiftShader by architecture and fallback adapters by flag', () => {
    expect(isSoftwareAdapter({ architecture: 'swiftshader', vendor: 'google' }, false)).toBe(true);
    expect(isSoftwareAdapter({ architecture: 'ampere', vendor: 'nvidia' }, true)).toBe(true);
    expect(isSoftwareAdapter({ architecture: 'gen-12lp', vendor: 'intel' }, false)).toBe(false);
    expect(isSoftwareAdapter({ architecture: '', vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, false)).toBe(true);
  });
  it('summarises an adapter: info, fallback flag in info or on the adapter, limits', () => {
    const base: AdapterLike = {
      limits: { maxBufferSize: 268435456, maxStorageBufferBindingSize: 134217728 } as unknown as GPUSupportedLimits,
      features: new Set(['timestamp-query']) as unknown as GPUSupportedFeatures,
    };
    const swiftshader = summarizeAdapter({ ...base, info: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)' } });
    expect(swiftshader).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isSoftware: true, isFallbackAdapter: false });
    expect(swiftshader.limits).toEqual({ maxBufferSize: 268435456, maxStorageBufferBindingSize: 134217728 });
    expect(swiftshader.features).toEqual(['timestamp-query']);
    expect(summarizeAdapter({ ...base, info: { vendor: 'x', architecture: 'y', isFallbackAdapter: true } }).isSoftware).toBe(true);
    expect(summarizeAdapter({ ...base, isFallbackAdapter: true, info: { vendor: 'x' } }).isSoftware).toBe(true);
    expect(summarizeAdapter({ ...base, info: { vendor: 'nvidia', architecture: 'ada' } }).isSoftware).toBe(false);
  });
});

describe('forcing a backend', () => {
  it('parses ?backend= and settings values', () => {
    expect(backendFromSearch('?backend=webgpu')).toBe('webgpu');
    expect(backendFromSearch('?x=1&backend=WASM')).toBe('wasm');
    expect(backendFromSearch('?backend=auto')).toBeNull();
    expect(backendFromSearch('')).toBeNull();
    expect(parseBackendParam(' cpu ')).toBe('cpu');
    expect(parseBackendParam('webgl')).toBeNull();
  });
});
