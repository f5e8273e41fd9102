import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { CityRequest, CityResponse } from '../shared/city';
import type { Result } from '../shared/model';
import { errorDetail, fail, ok, text } from '../shared/model';

export { openCityDatabase, poolDatabase } from './city-pg-database';

// The Node side of `gridplan city`: node-postgres for the database (city-pg-database.ts), node:http for
// `city serve`. The pure core (shared/city, shared/cli/commands/city.ts) only sees CityDatabase.

function requestOf(request: IncomingMessage): CityRequest {
  const parsed = new URL(request.url ?? '/', 'http://localhost');
  return { method: request.method ?? 'GET', path: parsed.pathname, query: [...parsed.searchParams] };
}

async function answer(
  handler: (request: CityRequest) => Promise<CityResponse>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let reply: CityResponse;
  try {
    reply = await handler(requestOf(request));
  } catch {
    // Never the driver's message: it could name the database; the operator reruns with psql to see why.
    reply = {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ code: 'ServerError', description: 'the database request failed' }),
    };
  }
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body);
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(body.length),
    'access-control-allow-origin': '*',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** A running HTTP server of `city serve`. */
export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts serving on host:port (0: any free port); the handler is made for the actual base URL. */
export function startHttpServer(
  options: { readonly port: number; readonly host: string },
  makeHandler: (baseUrl: string) => (request: CityRequest) => Promise<CityResponse>,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let handler: ((request: CityRequest) => Promise<CityResponse>) | undefined;
    const server = createServer((request, response) => {
      if (handler) void answer(handler, request, response);
    });
    server.keepAliveTimeout = 5000;
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
      const url = `http://${hostPart}:${port}`;
      handler = makeHandler(url);
      resolve({
        url,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** `CliHost.serveHttp`: serves until SIGINT or SIGTERM, printing the address to stderr. */
export async function serveUntilStopped(
  options: { readonly port: number; readonly host: string },
  makeHandler: (baseUrl: string) => (request: CityRequest) => Promise<CityResponse>,
): Promise<Result<true>> {
  let running: RunningServer;
  try {
    running = await startHttpServer(options, makeHandler);
  } catch (error) {
    const detail = errorDetail(error);
    return fail({
      kind: 'unservable',
      message: text(
        `无法在 ${options.host}:${options.port} 上监听（${detail}）。`,
        `Cannot listen on ${options.host}:${options.port} (${detail}).`,
      ),
    });
  }
  process.stderr.write(`gridplan city serve: ${running.url}/ (read-only)\n`);
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return ok(true);
}
