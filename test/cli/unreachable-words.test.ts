// An endpoint that refuses connections is said once, in words: where, and why; not the errno twice
// and the address again, as the network library words it.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { createKey, tempDir } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";
import { closedPort } from "../helpers/proxy.js";

const lab = useLab();

const KEYS = "  - key: alias/orders\n    rotation: { mode: off }\n";

describe("an endpoint that refuses connections", () => {
  it("is one line naming it and saying connection refused", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), `version: 1\nkeys:\n${KEYS}`);
    const url = await closedPort();
    const r = await runCli(dir, ["plan", "kms.yaml", "--endpoint", url]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: cannot reach KMS at ${url}: connection refused\n`);
  });

  it("beside a region that answers, names the region and says why once", async () => {
    createKey(lab.emu, { alias: "alias/orders" });
    const url = await closedPort();
    const config = join(lab.dir, "kms.yaml");
    writeFileSync(
      config,
      [
        "version: 1",
        "provider:",
        "  alibaba:",
        "    region: cn-hangzhou",
        `    endpoints: { cn-hangzhou: "${lab.emu.url}", cn-shanghai: "${url}" }`,
        "keys:",
        KEYS,
        "  - key: alias/far\n    region: cn-shanghai\n    rotation: { mode: off }",
        "  - key: alias/far2\n    region: cn-shanghai\n    rotation: { mode: off }\n",
      ].join("\n"),
    );
    const r = await runCli(lab.dir, ["plan", config, ...at(lab.emu).slice(2)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot reach KMS at ${url}: connection refused`);
    expect(r.err).not.toMatch(/ECONNREFUSED|cannot reach KMS.*cannot reach KMS/);
  });
});
