// The words for each problem and warning code: the one place their sentences, and the `90d` in them,
// are written. It sits in the model, not render/, because the JSON codecs here, the saved plan
// (plan-file), apply's failed results, the library's diagnostics and Pulumi's errors all need the same
// words and none of them may import render/; the planner never calls it (test/architecture.test.ts).

import type { Diagnostic } from "../model/diagnostic.js";
import { formatDuration, MAX_INSTANCE_AUTOMATIC_INTERVAL, MIN_ROTATION_INTERVAL } from "../model/duration.js";
import { escapeControl } from "../model/escape.js";
import type { ForecastProblem } from "../model/forecast.js";
import type {
  BlockedReason,
  DriftReason,
  KeyKind,
  KeyWarning,
  OwnerMismatch,
  PolicyBreach,
  PolicyProblem,
  RangeScope,
  Reason,
} from "../model/problems.js";
import type { Problem } from "../model/source.js";
import { fileErrorWords } from "./file-words.js";

/** A follow-up write: one-pass apply makes it; a saved plan's apply makes only what the plan lists. */
const AFTER_APPLY =
  "and apply of the config makes it right after (apply of a saved plan leaves it to the next plan)";

const INSTANCE_RANGE = `${formatDuration(MIN_ROTATION_INTERVAL)} to ${formatDuration(MAX_INSTANCE_AUTOMATIC_INTERVAL)}`;
/** What rotates in a KMS instance, said in every refusal of an instance key. */
const INSTANCE_RULE = `in a KMS instance only symmetric keys of a software instance rotate (automatically every ${INSTANCE_RANGE}, or by CreateKeyVersion)`;

const KEY_KIND: Readonly<Record<KeyKind, string>> = {
  "service-managed": "a service-managed key (the service that owns it rotates it)",
  byok: "a BYOK key (Origin EXTERNAL): import new key material instead",
  "hsm-instance": `a key in an HSM KMS instance (ProtectionLevel HSM): ${INSTANCE_RULE}`,
  "asymmetric-instance": `an asymmetric key in a KMS instance: ${INSTANCE_RULE}`,
  "symmetric-shared":
    "a symmetric key outside a KMS instance: use mode automatic (only keys in a software KMS instance take CreateKeyVersion)",
  asymmetric: "an asymmetric key: use mode manual",
};

const SCOPE: Readonly<Record<RangeScope, string>> = {
  instance: "for a key in a KMS instance",
  shared: "for a key outside a KMS instance",
};

/**
 * A blocked key's reason in words. Reasons are data (a `code` and its parameters, intervals in
 * seconds); this is the sentence every view prints. A reason read from a saved plan keeps its words.
 *
 * @example
 * ```ts
 * for (const k of planned.keys) if (k.action.kind === "blocked") console.log(k.key, reasonText(k.action.reason));
 * ```
 */
export function reasonText(reason: Reason): string {
  return "message" in reason ? reason.message : blockedText(reason);
}

function blockedText(reason: BlockedReason): string {
  switch (reason.code) {
    case "KeyDisabled":
      return "the key is Disabled: enable it to change its rotation";
    case "KeyPendingDeletion": {
      const on = reason.deleteDate ? ` on ${reason.deleteDate}` : "";
      return `the key is scheduled for deletion${on}: cancel the deletion to change its rotation`;
    }
    case "KeyUnavailable":
      return reason.state === "PendingImport"
        ? "the key is waiting for its key material to be imported (PendingImport)"
        : `the key is ${reason.state}`;
    case "AutomaticRotationUnsupported":
      if ("interval" in reason) {
        const range = `${formatDuration(reason.min)} to ${formatDuration(reason.max)}`;
        return `interval ${formatDuration(reason.interval)} is outside ${range} ${SCOPE[reason.scope]}`;
      }
      return `automatic rotation is not available for ${KEY_KIND[reason.keyKind]}`;
    case "ManualRotationUnsupported":
      return `manual rotation (CreateKeyVersion) is not available for ${KEY_KIND[reason.keyKind]}`;
    case "VersionCapReached":
      return `the key has ${reason.versionCount} versions, the service's maximum of ${reason.cap}: no new version can be made`;
    case "ActiveVersionUnknown":
      return reason.activeSince === undefined
        ? `the tag kms-rotation:active-version names version ${escapeControl(reason.activeVersion)}, which the key does not have: tag the version signers use, or remove both kms-rotation:active-* tags to adopt the newest`
        : `the tag kms-rotation:active-since is ${escapeControl(reason.activeSince)}, not an ISO-8601 UTC instant: fix it or remove both kms-rotation:active-* tags`;
    case "SigningUnsupported":
      return reason.algorithm === undefined
        ? `signing: needs an asymmetric SIGN/VERIFY key with an RSA or EC spec; this key is ${reason.keySpec} ${reason.keyUsage}`
        : `signing.algorithm ${reason.algorithm} does not fit a ${reason.keySpec} key (RSA: RS256 or PS256; EC_P256: ES256; EC_P256K: ES256K)`;
    default:
      return reason satisfies never;
  }
}

/**
 * A plan warning (`KeyPlan.warnings`, data with a `code`) in words, as the views print it.
 *
 * @example
 * ```ts
 * for (const k of planned.keys) for (const w of k.warnings) console.warn(`${k.key}: ${warningText(w)}`);
 * ```
 */
export function warningText(warning: KeyWarning): string {
  if ("message" in warning) return warning.message;
  switch (warning.code) {
    case "RotationSuspended":
      return `automatic rotation is Suspended while the key is ${warning.state}; it resumes when the key is Enabled`;
    case "VersionCapNear": {
      const left = warning.cap - warning.versionCount;
      return (
        `the key has ${warning.versionCount} of ${warning.cap} versions and, rotating every ${formatDuration(warning.interval)}, ` +
        `will reach the cap within a year, on ${warning.capAt.slice(0, 10)} (${left} more ${left === 1 ? "version" : "versions"})`
      );
    }
    case "VersionCapHeld":
      return `the key has ${warning.versionCount} versions, the maximum of ${warning.cap}: it cannot be rotated again`;
    case "AutomaticTurnedOff": {
      const off = `automatic rotation (every ${formatDuration(warning.interval)}) is turned off: mode manual rotates by CreateKeyVersion`;
      return warning.due ? `${off}; a new version is due too, ${AFTER_APPLY}` : off;
    }
    case "FirstPromotion":
      return `the key has no kms-rotation:active-version tag yet: its newest version ${warning.keyVersionId} becomes active at once, so verifiers must already trust it (publish first)`;
    case "VersionDueAfterPromotion":
      return `version ${warning.keyVersionId} is already as old as the interval: a new version is due once it is active, ${AFTER_APPLY}`;
    default:
      return warning satisfies never;
  }
}

/**
 * Why a drift entry is not in sync (`DriftEntry.reason`), in words.
 *
 * @example
 * ```ts
 * for (const e of drift.keys) if (e.reason) console.log(e.key, e.status, driftReasonText(e.reason));
 * ```
 */
export function driftReasonText(reason: DriftReason): string {
  if ("message" in reason) return reason.message;
  if (reason.code === "PromotionDue") {
    return `version ${reason.keyVersionId} has been published long enough: apply makes it the active signing version`;
  }
  if (reason.code === "VersionNotPublished") {
    const unusable = reason.unusable ?? [];
    const missing = reason.keyVersionIds.filter((id) => !unusable.includes(id));
    const parts = [
      ...(missing.length > 0 ? [`lacks ${missing.join(", ")}`] : []),
      ...(unusable.length > 0
        ? [`lists ${unusable.join(", ")} without a usable public key of this key (the published key differs)`]
        : []),
    ];
    return `the published key set ${parts.join(" and ")}: verifiers would reject what it signs`;
  }
  if (reason.code === "RotationDue") {
    return reason.lastRotationDate
      ? `a new version is due: the current one was made ${reason.lastRotationDate}`
      : "a new version is due";
  }
  return blockedText(reason);
}

/** A policy breach as a config problem: `alias/x: <why>` at its place in the file. */
export function policyProblem(problem: PolicyProblem): Problem {
  const message = `${problem.key}: ${breachText(problem.breach)}`;
  const where = problem.position ? { position: problem.position } : {};
  return { rule: problem.breach.code, key: problem.key, message, ...where };
}

/**
 * What audit's baseline policy will say of a key in a file with no `policy:`, as validate warns of it:
 * `alias/x: <why>` at the key's place, naming the baseline's rule.
 */
export function baselineWarning(problem: PolicyProblem): Diagnostic {
  const where = problem.position ? { position: problem.position } : {};
  return {
    severity: "warning",
    code: "config",
    key: problem.key,
    message: `${problem.key}: ${baselineText(problem.breach)}`,
    ...where,
  };
}

function baselineText(breach: PolicyBreach): string {
  const baseline = "with no policy: in the file, audit judges by its baseline";
  switch (breach.code) {
    case "RotationOff":
      return (
        `rotation is off; ${baseline} (requireRotation: true) and will report this key non-compliant ` +
        "unless KMS cannot rotate it: state the policy this file keeps (policy: { requireRotation: false }), " +
        "or add an exception"
      );
    case "IntervalOverMax": {
      const max = formatDuration(breach.maxInterval);
      return (
        `interval ${formatDuration(breach.interval)} is longer than ${max}; ${baseline} ` +
        `(maxInterval: ${max}) and will report this key non-compliant: rotate at least every ${max}, ` +
        "state a policy:, or add an exception"
      );
    }
    case "ExceptionExpired":
      return breachText(breach);
    default:
      return breach satisfies never;
  }
}

function breachText(breach: PolicyBreach): string {
  switch (breach.code) {
    case "RotationOff":
      return (
        "rotation is off, but policy.requireRotation needs every key that can rotate to rotate: " +
        "choose automatic or manual, or add an exception"
      );
    case "IntervalOverMax": {
      const max = formatDuration(breach.maxInterval);
      return `interval ${formatDuration(breach.interval)} is longer than policy.maxInterval ${max}: rotate at least every ${max}, or add an exception`;
    }
    case "ExceptionExpired":
      return `exception expired on ${breach.expires} (today is ${breach.today}, UTC): renew it with a later date, or remove it`;
    default:
      return breach satisfies never;
  }
}

/** A key of another account or region as a read error: it is not read, so never written. */
export function ownerMismatchError(mismatch: OwnerMismatch): {
  code: OwnerMismatch["code"];
  message: string;
} {
  const { declared, reached, arn } = mismatch;
  const message =
    mismatch.code === "AccountMismatch"
      ? `declared in account ${declared}, but the credentials and endpoint for that account reached account ${reached} (${arn}); not read, nothing written`
      : `declared in region ${declared}, but the endpoint for that region is in ${reached} (${arn}); not read, nothing written`;
  return { code: mismatch.code, message };
}

/**
 * A file the tool could not write, by the system's code: a symlink or special file at the target is
 * refused before anything is written (`ELOOP`, `ENOTREG`), anything else (ENOSPC, EACCES) named as it is.
 */
export function cannotWriteText(file: string, code: string | undefined): string {
  if (code === "ELOOP") return `cannot write ${file}: it is a symbolic link; nothing was written`;
  if (code === "ENOTREG" || code === "EISDIR")
    return `cannot write ${file}: it is not a regular file; nothing was written`;
  return `cannot write ${file}: ${fileErrorWords({ code })}; nothing was written`;
}

/** The problem's words for people. */
export function forecastProblemText(p: ForecastProblem): string {
  return p.error ? p.error.message : reasonText(p.reason);
}
