// A pass-through HTTP proxy in front of an emulator that lets chosen calls reach the service and take
// effect, then drops the connection before the answer gets back: a write whose outcome is unknown.

import { type ProxyServer, startProxy } from "./proxy.js";

export interface LossyProxy extends ProxyServer {
  /** Answers dropped so far. */
  lost(): number;
}

export async function lossyProxy(
  target: string,
  loseAnswerOf: (action: string) => boolean,
): Promise<LossyProxy> {
  let lost = 0;
  const proxy = await startProxy(target, {
    loseAnswer: (req) => {
      const action = String(
        req.headers["x-acs-action"] ?? new URL(req.url ?? "/", "http://x").searchParams.get("Action"),
      );
      if (!loseAnswerOf(action)) return false;
      lost += 1;
      return true;
    },
  });
  return { ...proxy, lost: () => lost };
}
