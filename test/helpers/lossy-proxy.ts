// A pass-through HTTP proxy in front of an emulator that lets chosen calls reach the service and take
// effect, then drops the connection before the answer gets back: a write whose outcome is unknown.

import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LossyProxy {
  readonly url: string;
  /** Answers dropped so far. */
  lost(): number;
  close(): Promise<void>;
}

export async function lossyProxy(
  target: string,
  loseAnswerOf: (action: string) => boolean,
): Promise<LossyProxy> {
  const upstream = new URL(target);
  let lost = 0;
  const server: Server = createServer((req, res) => {
    const action = String(
      req.headers["x-acs-action"] ?? new URL(req.url ?? "/", "http://x").searchParams.get("Action"),
    );
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        if (loseAnswerOf(action)) {
          answer.resume();
          lost += 1;
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
