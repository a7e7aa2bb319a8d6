// The quickstart as a newcomer runs it: provider.local seeded from examples/quickstart-fleet.yaml, both
// generations of the service in the first plan, and apply making it so.

import { describe, expect, it } from "vitest";
import { quickstartCopy } from "../helpers/built.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fleet.js";

interface PlannedKey {
  key: string;
  action: string;
  after: unknown;
}

describe("the quickstart", () => {
  it("plans both generations, and after apply plans nothing", async () => {
    const dir = tempDir();
    // A copy: the local provider's state lives beside the config.
    const CONFIG = quickstartCopy();
    const planned = await runCli(dir, ["plan", CONFIG, "--format", "json"]);
    expect(planned.err).toBe("");
    const plan = JSON.parse(planned.out) as { summary: Record<string, number>; keys: PlannedKey[] };
    const action = (key: string) => plan.keys.find((k) => k.key === key)?.action;
    // Shared KMS: a symmetric key turned on, a signing key due for a new version.
    expect(action("alias/customers-pii")).toBe("update-rotation-policy");
    expect(action("alias/payments-signer")).toBe("create-key-version");
    // A software KMS instance: a 180d interval (within its 7d..365d), a symmetric key rotated by hand.
    expect(action("alias/app-secrets")).toBe("update-rotation-policy");
    expect(action("alias/ledger-dek")).toBe("create-key-version");
    expect(plan.summary).toEqual({ changes: 9, blocked: 0, unchanged: 6 });

    const applied = await runCli(dir, ["apply", CONFIG, "--auto-approve"]);
    expect(applied.code).toBe(0);
    const again = await runCli(dir, ["plan", CONFIG, "--detailed-exitcode"]);
    expect(again.code).toBe(0);
  });
});
