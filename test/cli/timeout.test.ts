// --timeout bounds a call to an endpoint that accepts connections and never answers: a shorter timeout
// gives up sooner, not after more attempts, and the message says the timeout in our words.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempDir } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";
import { type BlackHole, blackHole } from "../helpers/proxy.js";

let hole: BlackHole;
let dir: string;

beforeAll(async () => {
  hole = await blackHole();
  dir = tempDir();
  writeFileSync(
    join(dir, "kms.yaml"),
    // By KeyId: a key named by alias also lists the region's aliases, a second call (not a second attempt).
    "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: 0b30658a-ed1a-4922-b8f7-a673ca9c1234\n    rotation: { mode: off }\n",
  );
});
afterAll(async () => {
  await hole.close();
});

describe("--timeout against an endpoint that never answers", () => {
  it("a short timeout is one attempt, and the error says the timeout in our words", async () => {
    const io = captureIo({ cwd: dir });
    const before = hole.connections();
    const code = await main(["plan", "kms.yaml", "--endpoint", hole.url, "--timeout", "500ms"], io);
    expect(code).toBe(1);
    // A call that timed out is not sent again: more attempts would make a shorter timeout fail later.
    expect(hole.connections() - before).toBe(1);
    const host = hole.url.slice("http://".length);
    expect(io.err()).toContain(`KMS did not answer within the 0.5 s timeout (http://${host})`);
    expect(io.err()).not.toMatch(/ReadTimeout|\(\d{3,}\)/);
  });
});
