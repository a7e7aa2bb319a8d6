// The words for audit's reasons (see problem-text.ts for why words live in the model); the only place
// an audit sentence and the `90d` or `12 days` in it are written.

import type { AuditReason, AuditRotation, AuditStall } from "../model/compliance.js";
import { DAY, formatDuration } from "../model/duration.js";
import { reasonText } from "./problem-text.js";

/**
 * One of an audit entry's `reasons` (data with a `code`) in words, as the audit views print it.
 *
 * @example
 * ```ts
 * for (const k of audit.keys) console.log(k.key, k.verdict, k.reasons.map(auditReasonText).join("; "));
 * ```
 */
export function auditReasonText(reason: AuditReason): string {
  if ("message" in reason) return reason.message;
  switch (reason.code) {
    case "KeyMissing":
      return `${reason.missing.code}: ${reason.missing.message}`;
    case "KeyUnread":
      return `could not be read: ${reason.error.code}: ${reason.error.message}`;
    case "CannotRotate":
      return `the key cannot rotate: ${reasonText(reason.reason)}`;
    case "NotInUse":
      return notInUseText(reason.state);
    case "Rotates":
      return rotationText(reason.rotation);
    case "RotationNotRequired":
      return `${stallText(reason.stall)}; the policy does not require rotation`;
    case "BreaksRequireRotation":
      return `breaks policy.requireRotation: ${stallText(reason.stall)}`;
    case "BreaksMaxInterval":
      return `${rotationText(reason.rotation)}, less often than policy.maxInterval ${formatDuration(reason.maxInterval)}`;
    case "Exempt":
      return `exception until ${reason.expires}: ${reason.reason}`;
    case "ExceptionExpired":
      return `the exception expired on ${reason.expires}`;
    case "SigningVersionStale":
      return reason.keyVersionId === null
        ? "no active signing version (tag kms-rotation:active-version): signers have no version to use (run apply)"
        : `the active signing version ${reason.keyVersionId} is ${ageText(reason.age)}, older than interval + publishAhead ${formatDuration(reason.limit)}: signers still use it (run apply)`;
    default:
      return reason satisfies never;
  }
}

function rotationText(rotation: AuditRotation): string {
  switch (rotation.how) {
    case "automatic":
      return `rotates automatically every ${formatDuration(rotation.interval)}`;
    case "manual":
      return `rotates manually every ${formatDuration(rotation.interval)}; the ${rotation.active ? "active signing" : "current"} version is ${ageText(rotation.age)}`;
    case "young":
      return `the current version is ${ageText(rotation.age)}, younger than policy.maxInterval ${formatDuration(rotation.maxInterval)}`;
    default:
      return rotation satisfies never;
  }
}

function stallText(stall: AuditStall): string {
  switch (stall.why) {
    case "automatic-disabled":
      return "automatic rotation is Disabled in KMS";
    case "overdue": {
      const late = `the ${stall.active ? "active signing" : "current"} version is ${ageText(stall.age)}, older than its manual interval ${formatDuration(stall.interval)}`;
      return stall.cap === undefined
        ? `${late}: a new version is overdue (run apply)`
        : `${late}, and the key has ${stall.cap.versionCount} versions, the service's maximum of ${stall.cap.cap}: no new version can be made (plan blocks it as VersionCapReached); rotate by moving to a new key`;
    }
    case "declared-without-versions":
      return `the key does not rotate (declared ${stall.mode}: no new versions are made)`;
    case "undeclared":
      return `the key does not rotate (no manual rotation is declared for it and its current version is ${ageText(stall.age)})`;
    default:
      return stall satisfies never;
  }
}

function notInUseText(state: string): string {
  switch (state) {
    case "Disabled":
      return "the key is Disabled: unusable, so not judged (its rotation resumes when it is enabled)";
    case "PendingDeletion":
      return "the key is scheduled for deletion: unusable, so not judged";
    case "PendingImport":
      return "the key is waiting for its key material (PendingImport): unusable, so not judged";
    default:
      return `the key is ${state}: unusable, so not judged`;
  }
}

/** Whole days, floored: `1 day old`, `12 days old`; `of unknown age` when the dates are unknown. */
function ageText(seconds: number | null): string {
  if (seconds === null) return "of unknown age";
  const d = Math.floor(seconds / DAY);
  return `${d} ${d === 1 ? "day" : "days"} old`;
}
