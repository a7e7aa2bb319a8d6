// The audit view at a terminal: wrapped to the width (COLUMNS) with a hanging indent, like drift and plan.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { at } from "../helpers/cli.js";
import { advanceDays, createKey, writeConfig } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

describe("audit text width", () => {
  it("wraps at 80 columns with a hanging indent, the same words in the same order", async () => {
    createKey(lab.emu, { alias: "alias/payments-ledger-archive-signing-key", spec: "RSA_2048" });
    createKey(lab.emu, { alias: "alias/orders-db" });
    advanceDays(lab.emu, 400);
    const config = writeConfig(
      lab.dir,
      [
        "  - key: alias/payments-ledger-archive-signing-key\n    rotation: { mode: manual, interval: 180d }",
        "  - key: alias/orders-db\n    rotation: { mode: off }\n" +
          '    exception: { reason: "the vendor appliance that reads this key cannot re-encrypt its archive; ticket SEC-142", expires: 2027-12-31 }',
      ].join("\n"),
    );
    // One --now for both runs: the emulator's clock moves with real time between them.
    const flags = at(lab.emu);
    const run = async (env: Record<string, string>) => {
      const io = captureIo({ cwd: lab.dir, env });
      const code = await main(["audit", config, ...flags], io);
      return { code, out: io.out() };
    };
    const wide = await run({});
    const narrow = await run({ COLUMNS: "80" });
    expect(narrow.code).toBe(2);
    expect(wide.out.split("\n").some((l) => l.length > 80)).toBe(true);
    const lines = narrow.out.split("\n");
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(narrow.out.split(/\s+/).join(" ")).toBe(wide.out.split(/\s+/).join(" "));
    // A reason's continuation hangs two columns deeper than the reason's first line.
    const first = lines.findIndex((l) => l.startsWith("      breaks policy.requireRotation: the current"));
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toMatch(/^ {8}\S/);
  });
});
