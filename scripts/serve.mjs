// Serves the built app (dist/) on a loopback port with the cross-origin isolation headers,
// through Vite's own preview server (the same one `npm run preview` starts).
import { preview } from 'vite';

/** @param {{ port?: number }} [opts] */
export async function serveDist(opts = {}) {
  const server = await preview({
    logLevel: 'warn',
    preview: { port: opts.port ?? 0, strictPort: false, host: '127.0.0.1', open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return {
    url: `http://localhost:${address.port}`,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve(undefined))),
  };
}
