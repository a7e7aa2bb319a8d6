// KMS failures as diagnostics: a thrown failure as one line, and the keys a plan could not read as one
// line per key, per account whose credentials failed, or per (account, region) whose endpoint did.

import { ACCOUNT_CREDENTIALS_FAILED } from "../kms/credentials.js";
import { isKmsError, kmsErrorText } from "../kms/errors.js";
import { ENDPOINT_CODES, REGION_WIDE_CODES } from "../kms/region-wide.js";
import { type Diagnostic, diagnostic, type Plan } from "../model/index.js";
import { KeyReadError } from "../observe/observe.js";
import {
  unreachableUnitText,
  unreadAccountText,
  unreadKeyText,
  unreadUnitText,
  whereText,
} from "../words/kms-read-text.js";

/** KMS errors are the user's world, not our bug: one clear line. Anything else is a bug and throws. */
export function kmsFailure(error: unknown): Diagnostic {
  if (error instanceof KeyReadError) return diagnostic("error", "kms", error.message);
  if (isKmsError(error)) return diagnostic("error", "kms", kmsErrorText(error));
  if (error instanceof Error && error.name === "AbortError") return diagnostic("error", "kms", error.message);
  throw error;
}

type KeyEntry = Plan["keys"][number];

/**
 * One error per key that could not be read (not those an interrupt left unread); one for all the keys
 * of an account whose credentials could not be had (a wrong role or profile), naming the account; one
 * for all the keys of an (account, region) whose endpoint could not be reached.
 */
export function readErrors(plan: Plan): Diagnostic[] {
  const accounts = new Set<string>();
  const units = new Map<string, { message: string; keys: number; where: string }>();
  const errors: Diagnostic[] = [];
  const { same, verdicts } = unitFailures(plan);
  for (const k of plan.keys) {
    if (k.action.kind !== "error" || k.action.error.code === "Interrupted") continue;
    const { code, message } = k.action.error;
    if (code === ACCOUNT_CREDENTIALS_FAILED && k.account !== undefined) {
      if (accounts.has(k.account)) continue;
      accounts.add(k.account);
      const unread = plan.keys.filter(
        (x) => x.account === k.account && x.action.kind === "error" && x.action.error.code === code,
      ).length;
      errors.push(diagnostic("error", "kms", unreadAccountText(message, unread)));
    } else if (ENDPOINT_CODES.has(code) && (verdicts.has(unitOf(k)) || (same.get(failureOf(k)) ?? 0) > 1)) {
      // The endpoint, not the key: one line for the (account, region), however many keys it held.
      const unit = unitOf(k);
      const text = verdicts.get(unit) ?? unreachableUnitText(whereText(k), code, message);
      const entry = units.get(unit) ?? { message: text, keys: 0, where: whereText(k) };
      entry.keys += 1;
      units.set(unit, entry);
    } else {
      const text = unreadKeyText(k.key, whereText(k), code, message);
      errors.push(diagnostic("error", "kms", text, { key: k.key }));
    }
  }
  for (const { message, keys, where } of units.values())
    errors.push(diagnostic("error", "kms", unreadUnitText(message, keys, where)));
  return errors;
}

/**
 * How many keys share each failure in their (account, region), and per (account, region) the
 * region-wide verdict when a key met it (the others timed out before it).
 */
function unitFailures(plan: Plan): { same: Map<string, number>; verdicts: Map<string, string> } {
  const same = new Map<string, number>();
  const verdicts = new Map<string, string>();
  for (const k of plan.keys) {
    if (k.action.kind !== "error") continue;
    same.set(failureOf(k), (same.get(failureOf(k)) ?? 0) + 1);
    if (REGION_WIDE_CODES.has(k.action.error.code)) verdicts.set(unitOf(k), k.action.error.message);
  }
  return { same, verdicts };
}

/** A key's failure in its (account, region): a dead endpoint gives every key there the very same one. */
function failureOf(k: KeyEntry): string {
  const error = k.action.kind === "error" ? k.action.error : undefined;
  return `${unitOf(k)}\u0000${error?.code}: ${error?.message}`;
}

function unitOf(k: { readonly region: string; readonly account?: string }): string {
  return `${k.account ?? ""}/${k.region}`;
}
