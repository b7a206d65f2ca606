// A local HTTP server standing for "another host" in the secrets tests: it answers 500 to
// everything and records each request that reached it, with its Authorization header.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  url: string;
  authorization?: string;
}

export interface Listener {
  /** `http://127.0.0.1:<port>` */
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startListener(): Promise<Listener> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    req.resume();
    res.writeHead(500).end('listener');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
