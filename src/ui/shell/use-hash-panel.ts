import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_PANEL, isPanelId, type PanelId } from './panels';

/** The panel named by the URL hash (`#/data`, `#/graph` …); unknown or empty hashes mean the default panel. */
export function panelFromHash(hash: string): PanelId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return isPanelId(id) ? id : DEFAULT_PANEL;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current panel and a way to switch it; the choice lives in the URL hash (back/forward and links work). */
export function useHashPanel(): [PanelId, (id: PanelId) => void] {
  const panel = useSyncExternalStore(
    subscribe,
    () => panelFromHash(window.location.hash),
    () => DEFAULT_PANEL,
  );
  const go = useCallback((id: PanelId) => {
    const next = `#/${id}`;
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  return [panel, go];
}
