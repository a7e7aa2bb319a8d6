// A pass-through HTTP proxy in front of an emulator that answers one key's reads with a refusal, as a
// RAM policy denying that key would: the way to make exactly one declared key unreadable.

import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DenyProxy {
  readonly url: string;
  close(): Promise<void>;
}

export async function denyProxy(target: string, keyId: string): Promise<DenyProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if ((req.url ?? "").includes(`KeyId=${encodeURIComponent(keyId)}`)) {
      req.resume();
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          HttpStatus: 403,
          Code: "Forbidden.NoPermission",
          Message: "This operation for this key is forbidden by your RAM policy.",
          RequestId: "deny-proxy",
        }),
      );
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
