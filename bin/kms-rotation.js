#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `prepare` on install).
import { setFlagsFromString } from "node:v8";
import { main } from "../dist/cli/main.js";

// A CLI run is short, and its peak memory matters more than allocation throughput: V8's young generation
// stays at its first size instead of growing (Node 24 grows it to 64 MB and more; a 100,000-key config
// then peaked 100 MB higher). V8 reads the flag each time it would grow the young generation.
setFlagsFromString("--semi-space-growth-factor=1");

process.exitCode = await main(process.argv.slice(2));
