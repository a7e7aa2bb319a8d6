#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `prepare` on install).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

// NODE_DEBUG=http (net, tls...) makes Node print every request's options, headers included (the STS
// token, the Authorization header), and Node reads it once at start-up: run again without those sections.
const LEAKY = /^(http|https|http2|net|tls|fetch|undici|\*)$/i;
const sections = (process.env.NODE_DEBUG ?? "").split(",").map((s) => s.trim());
if (sections.some((s) => LEAKY.test(s))) {
  const kept = sections.filter((s) => s !== "" && !LEAKY.test(s)).join(",");
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_DEBUG: kept },
    },
  );
  // The child gets the terminal's SIGINT itself; a SIGTERM sent to this process is passed on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 130 : 1);
  });
} else {
  // A CLI run is short, and its peak memory matters more than allocation throughput: V8's young generation
  // stays at its first size instead of growing (Node 24 grows it to 64 MB and more; a 100,000-key config
  // then peaked 100 MB higher), and the old one grows by a quarter, not V8's default factor (Node 24:
  // 205 MB -> 190 MB for that config at a half; a 30,000-key plan over HTTP 165 -> 137 MB on Node 20 at a
  // quarter, where the heap grew with each key read). V8 reads both each time it would grow a generation.
  setFlagsFromString("--semi-space-growth-factor=1 --heap-growing-percent=25");
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
}
