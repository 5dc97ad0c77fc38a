import { BACKENDS, type BackendInfo, type BackendName } from '../../core/compute/types';
import { requestedBackend, useBackendStore } from '../../state/backend';

const REASONS: Record<BackendInfo['reason'], string> = {
  forced: 'forced by you',
  'hardware-gpu': 'hardware GPU found',
  'software-adapter': 'WebGPU adapter is software (SwiftShader / fallback), so WASM is faster',
  'no-adapter': 'WebGPU gave no adapter',
  'no-webgpu': 'this browser has no WebGPU',
  'fallback-after-failure': 'the preferred backend failed to start',
  'device-lost': 'the GPU device was lost; continued on WASM',
};

function formatBytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${Math.round(n / 2 ** 20)} MiB`;
}

/** Shows the chosen compute backend and adapter facts, with a selector to force a backend. */
export function BackendSettings() {
  const forced = useBackendStore((s) => s.forced);
  const urlForced = useBackendStore((s) => s.urlForced);
  const info = useBackendStore((s) => s.info);
  const setForced = useBackendStore((s) => s.setForced);
  const effective = requestedBackend({ forced, urlForced });
  const adapter = info?.adapter ?? null;
  return (
    <section aria-label="Compute backend" className="backend-settings">
      <h3>Compute backend</h3>
      <label>
        Backend{' '}
        <select
          value={forced ?? 'auto'}
          disabled={urlForced !== null}
          onChange={(e) => setForced(e.target.value === 'auto' ? null : (e.target.value as BackendName))}
        >
          <option value="auto">Automatic</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b === 'webgpu' ? 'WebGPU' : b === 'wasm' ? 'WASM (threads + SIMD)' : 'CPU (plain JS)'}
            </option>
          ))}
        </select>
      </label>
      {urlForced && <p>Forced to {urlForced} by the URL parameter ?backend={urlForced}.</p>}
      {info ? (
        <dl>
          <dt>In use</dt>
          <dd data-testid="backend-in-use">
            {info.backend} — {REASONS[info.reason]}
            {effective && effective !== info.backend ? ` (asked for ${effective})` : ''}
          </dd>
          {info.wasm && (
            <>
              <dt>WASM</dt>
              <dd>
                {info.wasm.threads} thread(s), SIMD {info.wasm.simd ? 'on' : 'off'}, cross-origin isolated {info.wasm.crossOriginIsolated ? 'yes' : 'no'}
              </dd>
            </>
          )}
          <dt>GPU adapter</dt>
          <dd>
            {adapter
              ? `${adapter.vendor || '?'} / ${adapter.architecture || '?'}${adapter.description ? ` — ${adapter.description}` : ''}${adapter.isSoftware ? ' (software)' : ''}`
              : 'none'}
          </dd>
          {adapter && adapter.limits.maxBufferSize !== undefined && (
            <>
              <dt>GPU limits</dt>
              <dd>
                max buffer {formatBytes(adapter.limits.maxBufferSize)}, max storage binding{' '}
                {formatBytes(adapter.limits.maxStorageBufferBindingSize ?? 0)}, workgroup invocations{' '}
                {adapter.limits.maxComputeInvocationsPerWorkgroup ?? '?'}
              </dd>
            </>
          )}
          {info.failures.length > 0 && (
            <>
              <dt>Could not start</dt>
              <dd>{info.failures.map((f) => `${f.backend}: ${f.error}`).join('; ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>Not started yet: the backend is chosen when the first training job starts.</p>
      )}
    </section>
  );
}
