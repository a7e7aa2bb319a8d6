// One planned key in words: the symbol and the sentence that the text and Markdown plans share.

import { formatDuration } from "../model/duration.js";
import type { Action, KeyPlan } from "../model/plan.js";
import { reasonText, warningText } from "../words/problem-text.js";
import { describeLastRotation, describePolicy, oneLine } from "./describe.js";

export type ChangeSymbol = "~" | "+" | "!" | "?" | " ";

export function changeSymbol(action: Action): ChangeSymbol {
  switch (action.kind) {
    case "update-rotation-policy":
      return "~";
    case "create-key-version":
      return "+";
    case "promote-version":
      return "~";
    case "blocked":
      return "!";
    case "error":
      return "?";
    case "none":
      return " ";
    default:
      return action satisfies never;
  }
}

/** `rotation off -> automatic every 90d`, `new key version (...)`, `blocked: Code: ...`, `no change (...)`. */
export function describeChange(entry: KeyPlan, now: string): string {
  const action = entry.action;
  switch (action.kind) {
    case "update-rotation-policy": {
      const interval = action.interval ?? (entry.after.mode === "off" ? undefined : entry.after.interval);
      const target = action.enable
        ? `automatic${interval === undefined ? "" : ` every ${formatDuration(interval)}`}`
        : "off";
      return `rotation ${describePolicy(entry.before)} -> ${target}`;
    }
    case "create-key-version":
      return `new key version (${describeVersionContext(entry, now)})`;
    case "promote-version":
      return `promote version ${oneLine(action.keyVersionId)} to active signing version (tags kms-rotation:active-*)`;
    case "blocked":
      return `blocked: ${action.reason.code}: ${oneLine(reasonText(action.reason))}`;
    case "error":
      return `error: could not read the key: ${action.error.code}: ${oneLine(action.error.message)}`;
    case "none":
      return `no change (${describePolicy(entry.after)})`;
    default:
      return action satisfies never;
  }
}

function describeVersionContext(entry: KeyPlan, now: string): string {
  const last = entry.lastRotationDate
    ? `last rotated ${describeLastRotation(entry.lastRotationDate, now)}`
    : "no rotation recorded";
  return `${last}; ${describePolicy(entry.after)}`;
}

/** `alias/x: message` for every warning, in plan order. */
export function planWarnings(keys: readonly KeyPlan[]): { key: string; message: string }[] {
  return keys.flatMap((k) =>
    k.warnings.map((w) => ({ key: oneLine(k.key), message: oneLine(warningText(w)) })),
  );
}

export function planSummaryLine(summary: {
  changes: number;
  blocked: number;
  unchanged: number;
  errors?: number;
}): string {
  const errors = summary.errors ? `, ${summary.errors} not read (error)` : "";
  return `Plan: ${summary.changes} to change, ${summary.blocked} blocked, ${summary.unchanged} unchanged${errors}.`;
}

export function hasNothingToDo(summary: { changes: number; blocked: number; errors?: number }): boolean {
  return summary.changes === 0 && summary.blocked === 0 && !summary.errors;
}
