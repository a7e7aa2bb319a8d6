import { describe, expect, it } from "vitest";
import { applyToJson, renderApplyMarkdown, renderApplyText } from "../../src/render/index.js";
import { ANSI, applyOf, applyResult, backups } from "./fixtures.js";

describe("apply result as JSON", () => {
  it("has the summary and one entry per key with status, detail and error only where they apply", () => {
    const json = applyToJson(applyResult);
    expect(json.formatVersion).toBe(1);
    expect(json.summary).toStrictEqual({ applied: 2, unchanged: 1, blocked: 1, failed: 1 });
    expect(json.keys).toStrictEqual([
      {
        key: "alias/orders-db",
        keyId: "key-orders",
        region: "cn-hangzhou",
        action: "update-rotation-policy",
        status: "applied",
      },
      {
        key: "alias/payments-signer",
        keyId: "key-payments",
        region: "cn-shanghai",
        action: "create-key-version",
        status: "applied",
        detail: "version v-4",
      },
      {
        key: "alias/audit-logs",
        keyId: "key-audit",
        region: "cn-hangzhou",
        action: "update-rotation-policy",
        status: "failed",
        error: { code: "Rejected.Throttling", message: "QPS Limit Exceeded" },
      },
      { key: "alias/legacy-reports", region: "cn-hangzhou", action: "blocked", status: "blocked" },
      {
        key: "alias/backups",
        keyId: "key-backups",
        region: "cn-hangzhou",
        action: "none",
        status: "unchanged",
      },
    ]);
  });
});

describe("apply result as text", () => {
  it("lists what happened and ends with the counts", () => {
    const text = renderApplyText(applyResult, { colour: false });
    expect(text).toContain(
      "  ~ alias/orders-db        cn-hangzhou  applied: set automatic rotation every 90d\n",
    );
    expect(text).toContain(
      "  + alias/payments-signer  cn-shanghai  applied: create a new key version (version v-4)\n",
    );
    expect(text).toContain(
      "  x alias/audit-logs       cn-hangzhou  failed: set automatic rotation every 90d: Rejected.Throttling",
    );
    expect(text).toContain("  ! alias/legacy-reports   cn-hangzhou  blocked: KeyDisabled:");
    expect(text).not.toContain("alias/backups");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Apply complete: 2 applied, 1 failed, 1 blocked, 1 unchanged.",
    );
  });

  it("shows unchanged keys when verbose", () => {
    expect(renderApplyText(applyResult, { colour: false, verbose: true })).toContain("alias/backups");
  });

  it("colours only when asked", () => {
    expect(renderApplyText(applyResult, { colour: false, verbose: true })).not.toMatch(ANSI);
    expect(renderApplyText(applyResult, { colour: true })).toMatch(ANSI);
  });

  it("a key that was never read fails for the plan's reason, said once", () => {
    const error = { code: "Forbidden.NoPermission", message: "This operation is forbidden." };
    const result = applyOf([
      {
        key: "alias/denied",
        region: "cn-hangzhou",
        action: { kind: "error", error },
        outcome: { status: "failed", error: { code: error.code, message: `not read: ${error.message}` } },
      },
    ]);
    const line = renderApplyText(result, { colour: false }).split("\n")[0] ?? "";
    expect(line).toMatch(
      /^ {2}x alias\/denied +failed: not read: Forbidden\.NoPermission: This operation is forbidden\.$/,
    );
    expect(renderApplyMarkdown(result)).toContain(
      "| failed: not read: Forbidden.NoPermission: This operation is forbidden. |",
    );
  });

  it("a key the interrupt left unread is not attempted, said once", () => {
    const error = { code: "Interrupted", message: "the apply was interrupted before the key was read" };
    const result = applyOf([
      {
        key: "alias/late",
        region: "cn-hangzhou",
        action: { kind: "error", error },
        outcome: { status: "not-attempted" },
      },
    ]);
    const line = renderApplyText(result, { colour: false }).split("\n")[0] ?? "";
    expect(line).toMatch(/^ {2}- alias\/late +not attempted: not read \(the apply was interrupted\)$/);
  });

  it("an apply with nothing to do is just the summary line", () => {
    const result = applyOf([
      { key: backups.key, region: backups.region, action: backups.action, outcome: { status: "unchanged" } },
    ]);
    expect(renderApplyText(result, { colour: false })).toBe(
      "Apply complete: 0 applied, 0 failed, 0 blocked, 1 unchanged.\n",
    );
  });
});

describe("apply result as Markdown", () => {
  it("has a verdict, the counts, a table of what happened and the unchanged keys folded", () => {
    const md = renderApplyMarkdown(applyResult);
    expect(md).toMatch(/^### ❌ kms-rotation apply\n/);
    expect(md).toContain("**Apply complete: 2 applied, 1 failed, 1 blocked, 1 unchanged.**");
    expect(md).toContain("| x | alias/audit-logs | cn-hangzhou | failed:");
    expect(md.slice(md.indexOf("<details>"))).toContain("alias/backups");
  });
});
