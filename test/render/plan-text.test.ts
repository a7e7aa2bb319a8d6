import { describe, expect, it } from "vitest";
import { renderPlanMarkdown, renderPlanText } from "../../src/render/index.js";
import {
  ANSI,
  auditLogs,
  backups,
  firmwareSigner,
  fullPlan,
  legacyReports,
  ordersDb,
  paymentsSigner,
  planOf,
} from "./fixtures.js";

describe("plan as text", () => {
  it("reads like Terraform: a symbol per change, warnings, a summary line", () => {
    const text = renderPlanText(fullPlan, { colour: false });
    expect(text).toBe(
      [
        "Plan as of 2026-11-23T00:00:00Z (cn-hangzhou, cn-shanghai)",
        "",
        "  ~ alias/orders-db        cn-hangzhou  rotation off -> automatic every 90d",
        "  ~ alias/audit-logs       cn-hangzhou  rotation automatic every 365d -> automatic every 90d",
        "  + alias/payments-signer  cn-shanghai  new key version (last rotated 2026-05-01, 206d ago; manual every 180d)",
        "  ! alias/legacy-reports   cn-hangzhou  blocked: KeyDisabled: the key is Disabled: enable it to change its rotation",
        "  warning: alias/firmware-signer: 46 of 50 versions used: the cap is reached in about 120d",
        "",
        "Plan: 3 to change, 1 blocked, 2 unchanged.",
        "",
      ].join("\n"),
    );
  });

  it("hides unchanged keys unless verbose", () => {
    expect(renderPlanText(fullPlan, { colour: false })).not.toContain("alias/backups");
    expect(renderPlanText(fullPlan, { colour: false, verbose: true })).toContain(
      "    alias/backups          cn-hangzhou  no change (automatic every 30d)",
    );
  });

  it("shows the region per key only when the plan spans several regions", () => {
    const text = renderPlanText(planOf([ordersDb, auditLogs]), { colour: false });
    expect(text).toContain("Plan as of 2026-11-23T00:00:00Z (cn-hangzhou)\n");
    expect(text).toContain("  ~ alias/orders-db   rotation off -> automatic every 90d\n");
  });

  it("says so when there is nothing to do", () => {
    const text = renderPlanText(planOf([backups]), { colour: false });
    expect(text).toContain("No changes. KMS matches the file.");
    expect(text).not.toContain("Plan:");
  });

  it("turning rotation off reads as -> off, with a suspended before", () => {
    const plan = planOf([
      {
        ...ordersDb,
        action: { kind: "update-rotation-policy", enable: false },
        before: { mode: "automatic", interval: 36 * 3600, suspended: true },
        after: { mode: "off" },
      },
    ]);
    expect(renderPlanText(plan, { colour: false })).toContain(
      "rotation automatic every 36h (suspended) -> off",
    );
  });

  it("has no ANSI codes without colour, and coloured symbols with it", () => {
    expect(renderPlanText(fullPlan, { colour: false, verbose: true })).not.toMatch(ANSI);
    const coloured = renderPlanText(fullPlan, { colour: true, verbose: true });
    expect(coloured).toContain("\u001b[33m~\u001b[0m alias/orders-db");
    expect(coloured).toContain("\u001b[32m+\u001b[0m alias/payments-signer");
    expect(coloured).toContain("\u001b[31m!\u001b[0m alias/legacy-reports");
    expect(coloured).toContain("\u001b[2m  alias/backups");
  });

  it("a key name with a newline or an escape sequence cannot break or restyle the output", () => {
    const text = renderPlanText(planOf([{ ...ordersDb, key: "alias/a\nb\u001b[31m" }]), { colour: false });
    expect(text).not.toMatch(ANSI);
    expect(text.split("\n").filter((l) => l.includes("alias/a"))).toHaveLength(1);
  });
});

describe("plan as Markdown", () => {
  it("has a heading, the summary, a table of changes and blocked keys, unchanged keys folded", () => {
    const md = renderPlanMarkdown(fullPlan);
    expect(md).toMatch(/^### kms-rotation plan\n/);
    expect(md).toContain("**Plan: 3 to change, 1 blocked, 2 unchanged.**");
    expect(md).toContain(
      "|  | Key | Region | Change |\n|---|---|---|---|\n| \\~ | alias/orders-db | cn-hangzhou |",
    );
    expect(md).toContain("| ! | alias/legacy-reports | cn-hangzhou | blocked: KeyDisabled:");
    const folded = md.slice(md.indexOf("<details>"), md.indexOf("</details>"));
    expect(folded).toContain("<summary>2 unchanged keys</summary>");
    expect(folded).toContain("alias/backups");
    expect(md.slice(0, md.indexOf("<details>"))).not.toContain("alias/backups");
    expect(md).toContain("- alias/firmware-signer: 46 of 50 versions used");
  });

  it("escapes | and backticks so a cell stays one cell", () => {
    const odd = { ...paymentsSigner, key: "alias/a|b`c`" };
    const blocked = {
      ...legacyReports,
      action: { kind: "blocked" as const, reason: { code: "KeyDisabled" as const, message: "x | y" } },
    };
    const md = renderPlanMarkdown(planOf([odd, blocked]));
    expect(md).toContain("alias/a\\|b\\`c\\`");
    expect(md).toContain("KeyDisabled: x \\| y");
    for (const line of md.split("\n").filter((l) => l.startsWith("| "))) {
      expect(line.replace(/\\\|/g, "").split("|")).toHaveLength(6);
    }
  });

  it("has no table and no folded block when nothing changes and nothing is unchanged", () => {
    const md = renderPlanMarkdown(planOf([]));
    expect(md).toContain("**No changes.** KMS matches the file.");
    expect(md).not.toContain("|");
    expect(md).not.toContain("<details>");
    expect(renderPlanMarkdown(planOf([firmwareSigner]))).toContain("<summary>1 unchanged key</summary>");
  });
});
