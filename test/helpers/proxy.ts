// A pass-through HTTP proxy on 127.0.0.1 in front of an emulator, with two hooks to misbehave the way a
// real network or policy does: answer a request itself, or let it reach the service and lose the answer.

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";

export interface ProxyHooks {
  /** Answers `req` without the service when it returns true (it must end `res`). */
  readonly answer?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** The service handles `req`, then the connection drops before its answer gets back. */
  readonly loseAnswer?: (req: IncomingMessage) => boolean;
  /** The service's answer to `req`, rewritten (a hostile or broken middlebox); undefined keeps it. */
  readonly rewrite?: (req: IncomingMessage, body: string) => string | undefined;
}

export interface ProxyServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startProxy(target: string, hooks: ProxyHooks): Promise<ProxyServer> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (hooks.answer?.(req, res)) {
      req.resume();
      return;
    }
    const options = {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: req.headers,
    };
    const forward = request(options, (answer) => {
      if (hooks.loseAnswer?.(req)) {
        answer.resume();
        res.socket?.destroy();
        return;
      }
      if (hooks.rewrite) {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const text = hooks.rewrite?.(req, body) ?? body;
          const { "content-length": _, ...headers } = answer.headers;
          res.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": Buffer.byteLength(text) });
          res.end(text);
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BlackHole extends ProxyServer {
  /** Connections accepted so far. */
  connections(): number;
}

/** An endpoint on 127.0.0.1 that accepts connections and never answers: a black-holed address. */
export async function blackHole(): Promise<BlackHole> {
  const sockets: Socket[] = [];
  const server = createNetServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The URL of a loopback port nothing listens on (bound, then closed): connections are refused. */
export async function closedPort(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
