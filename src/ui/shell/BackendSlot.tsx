import { useEffect, useRef, useState } from 'react';
import { requestedBackend, useBackendStore } from '../../state/backend';
import { BackendSettings } from '../settings/BackendSettings';

const NAME: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' };

/**
 * Header: the compute backend in a few words (what is in use, or what was asked for) and a
 * popover with the full backend settings (src/ui/settings/BackendSettings.tsx).
 */
export function BackendSlot() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const forced = useBackendStore((s) => s.forced);
  const urlForced = useBackendStore((s) => s.urlForced);
  const info = useBackendStore((s) => s.info);
  const asked = requestedBackend({ forced, urlForced });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  const summary = info
    ? `${NAME[info.backend] ?? info.backend}${info.wasm && info.backend === 'wasm' ? ` · ${info.wasm.threads} thread${info.wasm.threads === 1 ? '' : 's'}` : ''}`
    : asked
      ? `${NAME[asked] ?? asked} (forced) · not started`
      : 'automatic · not started';

  return (
    <div className="backend-slot" ref={root}>
      <button type="button" className="backend-chip" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)} data-testid="backend-chip">
        <span className={'backend-chip__dot' + (info ? ' is-on' : '')} aria-hidden="true" />
        {summary}
        <span aria-hidden="true" className="backend-chip__caret">▾</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Compute backend settings">
          <BackendSettings />
        </div>
      )}
    </div>
  );
}
