import { useEffect, useState } from 'react';
import { workerEnv } from '../data/data-actions';

type Flag = boolean | null;

/**
 * Whether the page and a worker are cross-origin isolated (threaded WASM and SharedArrayBuffer
 * need it). Shown at the foot of the navigation.
 */
export function IsolationStatus() {
  const [worker, setWorker] = useState<Flag>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);
  const page = typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : false;
  useEffect(() => {
    let live = true;
    workerEnv()
      .then((env) => live && setWorker(env.crossOriginIsolated))
      .catch((e: unknown) => live && setWorkerError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, []);
  const show = (f: Flag) => (f === null ? '…' : f ? 'yes' : 'NO');
  return (
    <div
      className="isolation"
      data-testid="isolation"
      data-page={String(page)}
      data-worker={worker === null ? '' : String(worker)}
      title={workerError ?? 'Cross-origin isolation: needed for SharedArrayBuffer and threaded WASM.'}
    >
      <div className="isolation__title">Cross-origin isolated</div>
      <div className={page ? '' : 'isolation__bad'}>page: {show(page)}</div>
      <div className={worker === false || workerError ? 'isolation__bad' : ''}>worker: {workerError ? 'error' : show(worker)}</div>
    </div>
  );
}
