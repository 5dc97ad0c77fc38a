/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { CSP, DEV_CSP, cspMetaPlugin } from './scripts/csp';

/**
 * Cross-origin isolation: SharedArrayBuffer and threaded WASM need it, in the page and in
 * workers. Every server this project starts (dev, preview, tests, bench, batch) sends these.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react(), cspMetaPlugin()],
  // Content-Security-Policy on every response (docs/privacy.md): no request beyond our origin.
  server: { headers: { ...isolationHeaders, 'Content-Security-Policy': DEV_CSP } },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': CSP } },
  assetsInclude: ['**/*.parquet', '**/*.wasm'],
  worker: { format: 'es' },
  build: {
    // KLOA_OUT_DIR lets parallel e2e / bench runs build into their own folder (default dist/).
    outDir: process.env.KLOA_OUT_DIR ?? 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        main: resolve(__dirname, 'index.html'),
        bench: resolve(__dirname, 'bench/index.html'),
        batch: resolve(__dirname, 'batch.html'),
        computeTests: resolve(__dirname, 'e2e/pages/compute.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
