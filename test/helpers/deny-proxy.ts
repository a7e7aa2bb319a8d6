// A pass-through HTTP proxy in front of an emulator that answers one key's reads with a refusal, as a
// RAM policy denying that key would: the way to make exactly one declared key unreadable.

import { type ProxyServer, startProxy } from "./proxy.js";

export type DenyProxy = ProxyServer;

export function denyProxy(target: string, keyId: string): Promise<DenyProxy> {
  return startProxy(target, {
    answer: (req, res) => {
      if (!(req.url ?? "").includes(`KeyId=${encodeURIComponent(keyId)}`)) return false;
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          HttpStatus: 403,
          Code: "Forbidden.NoPermission",
          Message: "This operation for this key is forbidden by your RAM policy.",
          RequestId: "deny-proxy",
        }),
      );
      return true;
    },
  });
}
