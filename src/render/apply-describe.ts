// One applied key in words, shared by the text and Markdown apply reports.

import type { KeyResult } from "../model/apply-result.js";
import { formatDuration } from "../model/duration.js";
import type { Action } from "../model/plan.js";
import { reasonText } from "../words/problem-text.js";
import type { Style } from "./ansi.js";
import { oneLine } from "./describe.js";

/** What the plan asked for: `set automatic rotation every 90d`, `create a new key version`, ... */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case "update-rotation-policy":
      if (!action.enable) return "disable automatic rotation";
      return action.interval === undefined
        ? "enable automatic rotation"
        : `set automatic rotation every ${formatDuration(action.interval)}`;
    case "create-key-version":
      return "create a new key version";
    case "promote-version":
      return `make version ${oneLine(action.keyVersionId)} the active signing version`;
    case "blocked":
      return `blocked: ${action.reason.code}: ${oneLine(reasonText(action.reason))}`;
    case "none":
      return "no change";
    case "error":
      return `not read: ${action.error.code}: ${oneLine(action.error.message)}`;
    default:
      return action satisfies never;
  }
}

export function outcomeSymbol(result: KeyResult): { symbol: string; style: Style | undefined } {
  const outcome = result.outcome;
  switch (outcome.status) {
    case "applied":
      return { symbol: result.action.kind === "create-key-version" ? "+" : "~", style: "green" };
    case "failed":
      return { symbol: "x", style: "red" };
    case "blocked":
      return { symbol: "!", style: "red" };
    case "unchanged":
      return { symbol: " ", style: "dim" };
    case "not-attempted":
      return { symbol: "-", style: "yellow" };
    default:
      return outcome satisfies never;
  }
}

/**
 * A key the plan left alone and apply did not touch: listed only with --verbose (text) or folded
 * (Markdown). A planned change that ended unchanged (another writer made it first) is not quiet.
 */
export function isQuiet(result: KeyResult): boolean {
  return result.outcome.status === "unchanged" && result.action.kind === "none";
}

/** `applied: set automatic rotation every 90d`, `failed: create a new key version: Code: message`, ... */
export function describeOutcome(result: KeyResult): string {
  const outcome = result.outcome;
  const detail = "detail" in outcome && outcome.detail ? ` (${oneLine(outcome.detail)})` : "";
  switch (outcome.status) {
    case "applied":
      return `applied: ${describeAction(result.action)}${detail}`;
    case "unchanged":
      return `unchanged${detail}`;
    case "blocked":
      return result.action.kind === "blocked" ? describeAction(result.action) : "blocked";
    case "failed":
      // A key that was never read failed for the reason the plan already gives: say it once.
      if (result.action.kind === "error") return `failed: ${describeAction(result.action)}`;
      return `failed: ${describeAction(result.action)}: ${outcome.error.code}: ${oneLine(outcome.error.message)}`;
    case "not-attempted":
      // A key never read has nothing planned to name: the interrupt is the whole story.
      if (result.action.kind === "error") return "not attempted: not read (the apply was interrupted)";
      return `not attempted: ${describeAction(result.action)} (the apply was interrupted)`;
    default:
      return outcome satisfies never;
  }
}

export function applySummaryLine(
  summary: {
    applied: number;
    failed: number;
    blocked: number;
    unchanged: number;
    notAttempted?: number;
  },
  interrupted = false,
): string {
  const { applied, failed, blocked, unchanged } = summary;
  const counts = `${applied} applied, ${failed} failed, ${blocked} blocked, ${unchanged} unchanged`;
  if (!interrupted) return `Apply complete: ${counts}.`;
  return `Apply interrupted: ${counts}, ${summary.notAttempted ?? 0} not attempted.`;
}
