/**
 * Serves a fetch handler (a Hono app) on 127.0.0.1 on a free port: the local stand-ins for Loki,
 * Jaeger and Slack that tests and benchmarks talk to over real HTTP.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Closes the server and any connection still open (keep-alive clients). */
  close(): Promise<void>;
}

export async function listenOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<LoopbackServer> {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A local stand-in for a backend in tests: where it listens, what it was asked, what it refused. */
export interface StandIn<R> {
  url: string;
  requests: R[];
  /** What the stand-in found wrong in the requests it received (it answered them with 400). */
  problems: string[];
  close(): Promise<void>;
}
