// The SDK's HTTP layer (httpx) dumps every request's headers and body through the `debug` package when
// DEBUG matches `httpx:*` (DEBUG=* does): the Authorization header, the STS token, the signed query.
// (@alicloud/credentials logs its role signing as `sign`.) Those namespaces are switched off for this process, whatever DEBUG says; others keep what DEBUG asked.

import { createRequire } from "node:module";

const SILENCED = ["httpx:*", "sign"];
let done = false;

interface DebugModule {
  enable(namespaces: string): void;
  disable(): string;
}

/** Resolves `debug` as httpx itself resolves it (through the SDK's own dependencies), then mutes httpx. */
export function silenceSdkDebug(env: NodeJS.ProcessEnv = process.env): void {
  if (done) return;
  done = true;
  const debug = debugAsHttpxSeesIt();
  if (!debug) {
    // Another layout (a bundle): `debug` reads DEBUG once, when first loaded, which is after this.
    if (env.DEBUG) env.DEBUG = [env.DEBUG, ...SILENCED.map((n) => `-${n}`)].join(",");
    return;
  }
  // Whatever DEBUG enabled, set again with httpx's namespaces left out.
  const current = debug.disable();
  const kept = current.split(",").filter((n) => n !== "" && !SILENCED.includes(n.replace(/^-/, "")));
  debug.enable([...kept, ...SILENCED.map((n) => `-${n}`)].join(","));
}

function debugAsHttpxSeesIt(): DebugModule | undefined {
  try {
    let require = createRequire(import.meta.url);
    for (const hop of ["@alicloud/openapi-client", "@alicloud/tea-typescript", "httpx"]) {
      require = createRequire(require.resolve(hop));
    }
    return require("debug") as DebugModule;
  } catch {
    return undefined;
  }
}
