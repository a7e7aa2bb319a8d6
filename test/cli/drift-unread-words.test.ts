// The drift text's last line counts statuses in words: keys that could not be read are "could not be
// read", not "2 error", and when they are all that is wrong the line says so instead of "Drift found".

import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { createKey } from "../helpers/fleet.js";
import { twoRegionConfig, useLab, useSilentEndpoint } from "../helpers/lab.js";

const lab = useLab();
const silent = useSilentEndpoint();

/** alias/orders in cn-hangzhou (the emulator), declared `orders`; two keys in a region that never answers. */
function config(orders: string): string {
  createKey(lab.emu, { alias: "alias/orders" });
  return twoRegionConfig(lab, silent.url, [
    `  - key: alias/orders\n    rotation: ${orders}`,
    "  - key: alias/far\n    region: cn-shanghai\n    rotation: { mode: off }",
    "  - key: alias/far2\n    region: cn-shanghai\n    rotation: { mode: off }",
  ]);
}

const lastLine = (out: string) => out.trimEnd().split("\n").at(-1);

describe("drift text with keys that could not be read", () => {
  it("says they could not be read, not that drift was found, when nothing else is wrong", async () => {
    const r = await runCli(lab.dir, [
      "drift",
      config("{ mode: off }"),
      ...at(lab.emu).slice(2),
      "--timeout",
      "500ms",
    ]);
    expect(r.code).toBe(1);
    expect(lastLine(r.out)).toBe("2 keys could not be read; 1 in sync.");
  });

  it("counts them in words beside the drift found", async () => {
    const file = config("{ mode: automatic, interval: 90d }");
    const r = await runCli(lab.dir, ["drift", file, ...at(lab.emu).slice(2), "--timeout", "500ms"]);
    expect(r.code).not.toBe(0);
    expect(lastLine(r.out)).toBe("Drift found: 1 drifted, 2 could not be read.");
  });
});
