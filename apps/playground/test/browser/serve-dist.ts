import type { AddressInfo } from 'node:net';
import { preview } from 'vite';
import { APP_DIR } from './app-dir.js';

/** The built app served by `vite preview` on 127.0.0.1 at a free port. */
export interface ServedApp {
  origin: string;
  close(): Promise<void>;
}

export async function serveDist(): Promise<ServedApp> {
  const server = await preview({
    root: APP_DIR,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}
