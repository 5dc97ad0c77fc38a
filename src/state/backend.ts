/**
 * The compute backend the user forces (UI setting, persisted; `?backend=webgpu|wasm|cpu` in the
 * URL wins for the page's lifetime) and what the compute worker detected and chose (BackendInfo,
 * recorded with every run). Workers read `requestedBackend()` when they call initCompute.
 */
import { create } from 'zustand';
// Policy and types only (no tfjs in the page bundle: tfjs lives in the compute worker).
import { backendFromSearch, parseBackendParam } from '../core/compute/policy';
import type { BackendInfo, BackendName } from '../core/compute/types';

const STORAGE_KEY = 'kloa.backend';

function storedBackend(): BackendName | null {
  try {
    return parseBackendParam(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function urlBackend(): BackendName | null {
  return typeof location !== 'undefined' ? backendFromSearch(location.search) : null;
}

export interface BackendState {
  /** The user's setting: null = automatic (the policy). */
  forced: BackendName | null;
  /** Set when ?backend= is in the URL: it overrides the setting for this page. */
  urlForced: BackendName | null;
  /** What the compute worker chose and saw, once it has initialised. */
  info: BackendInfo | null;
  setForced(backend: BackendName | null): void;
  setInfo(info: BackendInfo | null): void;
}

export const useBackendStore = create<BackendState>((set) => ({
  forced: storedBackend(),
  urlForced: urlBackend(),
  info: null,
  setForced(backend) {
    try {
      if (backend) globalThis.localStorage?.setItem(STORAGE_KEY, backend);
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // storage unavailable (private mode): the setting lasts for this page only
    }
    set({ forced: backend });
  },
  setInfo(info) {
    set({ info });
  },
}));

/** The backend to pass to initCompute({ forced }): the URL parameter, else the setting, else null (policy). */
export function requestedBackend(state: Pick<BackendState, 'forced' | 'urlForced'> = useBackendStore.getState()): BackendName | null {
  return state.urlForced ?? state.forced;
}
