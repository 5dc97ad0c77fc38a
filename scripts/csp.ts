// The workbench's Content-Security-Policy (docs/privacy.md). The app must make no request beyond
// its own origin: `connect-src 'self'` stops fetch / XHR / WebSocket / EventSource to anything
// else, in the page and in every worker (workers take the policy from their own script's response
// headers, which every server of this project sends; blob: workers inherit the page's).
//
// What the app needs, and nothing more:
// - 'wasm-unsafe-eval': tfjs-wasm compiles its WebAssembly binaries (no JS eval is allowed).
// - blob: scripts and workers: tfjs-wasm starts its pthread workers from a Blob and each one
//   importScripts() the Emscripten factory from another Blob.
// - 'unsafe-inline' styles: regl-scatterplot and React set inline styles (no script can run from a style).
// - data: / blob: images: the favicon is `data:,`; canvases may be read back through blob: URLs.

type Directives = Record<string, string[]>;

const BASE: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'media-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

function serialise(d: Directives): string {
  return Object.entries(d)
    .map(([k, v]) => (v.length ? `${k} ${v.join(' ')}` : k))
    .join('; ');
}

/** The policy of the built app (preview, `npm start`, tests, bench, batch CLI). */
export const CSP = serialise({ ...BASE, 'frame-ancestors': ["'none'"] });

/** The same policy as a <meta> tag can carry it (frame-ancestors only works as a header). */
export const CSP_META = serialise(BASE);

/**
 * The dev server's policy: Vite's dev client needs its HMR WebSocket on the same host and the
 * React refresh preamble is an inline script. Everything else is as strict as the built app.
 */
export const DEV_CSP = serialise({
  ...BASE,
  'script-src': [...BASE['script-src'], "'unsafe-inline'"],
  'connect-src': ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'],
});

/** Vite plugin: the built HTML pages also carry the policy in a <meta> tag (for any static host). */
export function cspMetaPlugin(): { name: string; apply: 'build'; transformIndexHtml: (html: string) => string } {
  return {
    name: 'kloa-csp-meta',
    apply: 'build',
    transformIndexHtml: (html: string) =>
      html.replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`),
  };
}
